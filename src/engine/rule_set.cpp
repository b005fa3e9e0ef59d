#include "engine/rule_set.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

namespace marcaudit::engine::detail {

namespace {

/// Does the pattern ("245", "1XX", "X30") match tag number `n`?
bool pattern_matches(std::string_view pattern, int n) noexcept {
    const char digits[3] = {static_cast<char>('0' + n / 100), static_cast<char>('0' + n / 10 % 10),
                            static_cast<char>('0' + n % 10)};
    for (int i = 0; i < 3; ++i) {
        if (pattern[i] != 'X' && pattern[i] != digits[i]) {
            return false;
        }
    }
    return true;
}

} // namespace

RuleSet::RuleSet(const std::vector<std::unique_ptr<rules::RecordRule>>& rules) {
    for (int k = 0; k < record::record_kind_count; ++k) {
        m_kinds[k] = std::make_unique<PerKind>();
    }
    for (const auto& rule : rules) {
        const rules::RuleScope scope = rule->scope();
        for (const auto& pattern : scope.tags) {
            const bool valid = pattern == "*" || (pattern.size() == 3 && std::all_of(pattern.begin(), pattern.end(), [](char c) {
                                                      return (c >= '0' && c <= '9') || c == 'X';
                                                  }));
            if (!valid) {
                throw std::logic_error(fmt::format("rule {}: tag pattern '{}' is not a tag, 'nXX' or '*'",
                                                   rule->info().id, pattern));
            }
        }
        for (int k = 0; k < record::record_kind_count; ++k) {
            if ((scope.kinds & (1U << k)) == 0) {
                continue;
            }
            PerKind& per = *m_kinds[k];
            if (scope.whole_record) {
                per.whole_record.push_back(rule.get());
            }
            const bool all = std::find(scope.tags.begin(), scope.tags.end(), "*") != scope.tags.end();
            if (all) {
                per.any_tag.push_back(rule.get());
            }
            const auto kind = static_cast<record::RecordKind>(k);
            for (int n = 0; n < 1000; ++n) {
                // Local fields (9XX, X9X) only for a rule that names them in full.
                const bool local = rules::is_local_tag(n, kind);
                const bool wanted = (all && !local) ||
                                    std::any_of(scope.tags.begin(), scope.tags.end(), [n, local](const std::string& p) {
                                        return p != "*" && pattern_matches(p, n) &&
                                               (!local || p.find('X') == std::string::npos);
                                    });
                if (wanted) {
                    per.by_tag[n].push_back(rule.get());
                    per.has_field_rules = true;
                }
            }
            per.has_field_rules = per.has_field_rules || all;
        }
    }
}

void RuleSet::run(const record::RecordView& record, FindingSink& sink) const {
    const record::RecordKind kind = record::kind_of(record.leader());
    const PerKind& per = *m_kinds[static_cast<int>(kind)];
    for (const auto* rule : per.whole_record) {
        rule->check(record, sink);
    }
    if (!per.has_field_rules) {
        return;
    }
    // Occurrence counts per tag, reset after the record by walking it again: no per-record
    // allocation and no clearing of the whole table.
    thread_local std::array<std::uint16_t, 1000> seen{};
    const auto fields = record.fields();
    for (std::uint32_t i = 0; i < fields.size(); ++i) {
        const auto& field = fields[i];
        const int n = record::tag_number(field.tag());
        std::uint32_t occurrence = 1;
        if (n >= 0) {
            occurrence = ++seen[n];
        } else {
            for (std::uint32_t j = 0; j < i; ++j) {
                occurrence += fields[j].tag() == field.tag() ? 1U : 0U;
            }
        }
        const auto& list = n >= 0 ? per.by_tag[n] : per.any_tag;
        if (list.empty()) {
            continue;
        }
        // Split the subfields once for every rule that looks at this field.
        thread_local std::vector<record::SubfieldView> subfields;
        subfields.clear();
        if (!field.is_control()) {
            record::split_subfields(field.data(), subfields);
        }
        const rules::FieldRef ref{field, i, occurrence, subfields, kind, n};
        for (const auto* rule : list) {
            rule->check_field(record, ref, sink);
        }
    }
    for (const auto& field : fields) {
        if (const int n = record::tag_number(field.tag()); n >= 0) {
            seen[n] = 0;
        }
    }
}

} // namespace marcaudit::engine::detail
