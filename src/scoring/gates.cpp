#include "marcaudit/scoring/gates.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "marcaudit/engine/audit.hpp"
#include "marcaudit/rules/profile.hpp"
#include "marcaudit/scoring/baseline.hpp"

namespace marcaudit::scoring {

namespace {

bool at_least(Severity s, Severity floor) noexcept {
    return static_cast<int>(s) >= static_cast<int>(floor);
}

} // namespace

GateOutcome evaluate_gates(const engine::AuditResult& result, const rules::Profile& profile,
                           const GateOptions& options, const BaselineDiff* baseline) {
    GateOutcome out;
    auto fail = [&](std::string why) {
        out.failed = true;
        out.reasons.push_back(std::move(why));
    };
    if (options.fail_on) {
        const auto floor = *options.fail_on;
        if (options.only_new && baseline != nullptr) {
            std::uint64_t added = 0;
            for (int severity = 0; severity < 3; ++severity) {
                added += at_least(static_cast<Severity>(severity), floor) ? baseline->added_by_severity[severity] : 0;
            }
            if (added > 0) {
                fail(fmt::format("{} new finding(s) of severity {} or worse since {}", added, to_string(floor),
                                 baseline->previous));
            }
        } else {
            std::uint64_t over = 0;
            for (int s = static_cast<int>(floor); s <= 2; ++s) {
                over += result.counts_by_severity[s];
            }
            if (over > 0) {
                fail(fmt::format("{} finding(s) of severity {} or worse", over, to_string(floor)));
            }
        }
        if (result.records.rejected > 0) {
            fail(fmt::format("{} record(s) rejected (unreadable)", result.records.rejected));
        }
    }
    if (options.min_score && result.score.mean < *options.min_score) {
        fail(fmt::format("batch score {:.1f} is below the minimum {}", result.score.mean, *options.min_score));
    }
    for (const auto& [rule, count] : result.counts_by_rule) {
        const auto* s = profile.settings(rule);
        if (s != nullptr && s->max_findings >= 0 && count > static_cast<std::uint64_t>(s->max_findings)) {
            fail(fmt::format("{}: {} finding(s), more than its limit of {} (max_findings)", rule, count, s->max_findings));
        }
    }
    return out;
}

bool rule_fails(const engine::AuditResult& result, const rules::Profile& profile, const GateOptions& options,
                const std::string& rule, const BaselineDiff* baseline) {
    const auto count = result.counts_by_rule.find(rule);
    if (count == result.counts_by_rule.end() || count->second == 0) {
        return false;
    }
    const auto* s = profile.settings(rule);
    if (s != nullptr && s->max_findings >= 0) {
        return count->second > static_cast<std::uint64_t>(s->max_findings);
    }
    const auto severity = result.severity_by_rule.find(rule);
    if (!options.fail_on || severity == result.severity_by_rule.end() || !at_least(severity->second, *options.fail_on)) {
        return false;
    }
    if (options.only_new && baseline != nullptr) {
        return baseline->added_by_rule.contains(rule);
    }
    return true;
}

} // namespace marcaudit::scoring
