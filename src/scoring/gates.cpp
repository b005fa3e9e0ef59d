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
    auto pass = [&](std::string what) { out.checked.push_back(std::move(what)); };
    auto input_fail = [&](std::string why) {
        out.input_failed = true;
        fail(std::move(why));
    };
    // No records is no pass: an empty export, an empty folder or a download that failed.
    const auto read = result.records.read;
    if (read == 0 && !options.allow_empty) {
        input_fail("no records were read: the input is empty or holds no MARC records (an export or a download that "
             "failed?); --allow-empty lets an empty batch pass");
    } else if (read > 0) {
        pass(fmt::format("{} record(s) read: the batch is not empty", read));
    }
    if (options.min_records) {
        if (read < *options.min_records) {
            input_fail(fmt::format("{} record(s) read, fewer than the minimum of {} (--min-records)", read,
                             *options.min_records));
        } else {
            pass(fmt::format("{} record(s) read, at least the minimum of {}", read, *options.min_records));
        }
    }
    if (baseline != nullptr && baseline->previous_records && options.max_drop) {
        const auto before = *baseline->previous_records;
        const double floor = static_cast<double>(before) * (1.0 - *options.max_drop);
        if (before > 0 && static_cast<double>(read) < floor) {
            input_fail(fmt::format("{} record(s) read, {:.1f}% fewer than the {} of the baseline ({}): more than the "
                             "{:.0f}% allowed (--max-drop); a partial export?",
                             read, 100.0 * static_cast<double>(before - read) / static_cast<double>(before), before,
                             baseline->previous, *options.max_drop * 100));
        } else {
            pass(fmt::format("{} record(s) read against {} in the baseline", read, before));
        }
    }
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
            } else {
                pass(fmt::format("no new finding of severity {} or worse since {}", to_string(floor),
                                 baseline->previous));
            }
        } else {
            std::uint64_t over = 0;
            for (int s = static_cast<int>(floor); s <= 2; ++s) {
                over += result.counts_by_severity[s];
            }
            if (over > 0) {
                fail(fmt::format("{} finding(s) of severity {} or worse", over, to_string(floor)));
            } else {
                pass(fmt::format("no finding of severity {} or worse", to_string(floor)));
            }
        }
        if (result.records.rejected > 0) {
            fail(fmt::format("{} record(s) rejected (unreadable)", result.records.rejected));
        }
    }
    if (options.min_score && read > 0) {  // no records, no score: the gate above says so
        if (result.score.mean < *options.min_score) {
            fail(fmt::format("batch score {:.1f} is below the minimum {}", result.score.mean, *options.min_score));
        } else {
            pass(fmt::format("batch score {:.1f}, at least the minimum {}", result.score.mean, *options.min_score));
        }
    }
    for (const auto& [rule, count] : result.counts_by_rule) {
        const auto* s = profile.settings(rule);
        if (s != nullptr && s->max_findings >= 0 && count > static_cast<std::uint64_t>(s->max_findings)) {
            fail(fmt::format("{}: {} finding(s), more than its limit of {} (max_findings)", rule, count, s->max_findings));
        }
    }
    for (const auto& e : profile.registry().entries()) {
        const auto* s = profile.settings(e.info.id);
        const auto it = result.counts_by_rule.find(e.info.id);
        const auto count = it == result.counts_by_rule.end() ? 0 : it->second;
        if (s != nullptr && s->enabled && s->max_findings >= 0 && count <= static_cast<std::uint64_t>(s->max_findings)) {
            pass(fmt::format("{}: {} finding(s), within its limit of {}", e.info.id, count, s->max_findings));
        }
    }
    for (const auto& [rule, count] : result.counts_by_rule) {
        if (rule_fails(result, profile, options, rule, baseline)) {
            out.blocking.push_back(rule);
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
