#include "marcaudit/rules/catalog.hpp"

#include <algorithm>
#include <array>

namespace marcaudit::rules {

namespace {

/// The reader checks by value, in the order of checks::all (sorted by id).
constexpr auto k_rules = [] {
    std::array<RuleInfo, checks::all.size()> rules{};
    for (std::size_t i = 0; i < checks::all.size(); ++i) {
        rules[i] = *checks::all[i];
    }
    return rules;
}();

} // namespace

std::span<const RuleInfo> builtin_rules() noexcept { return k_rules; }

const RuleInfo* find_rule(std::string_view rule_id) noexcept {
    const auto it = std::lower_bound(k_rules.begin(), k_rules.end(), rule_id,
                                     [](const RuleInfo& r, std::string_view v) { return r.id < v; });
    return it != k_rules.end() && it->id == rule_id ? &*it : nullptr;
}

} // namespace marcaudit::rules
