#include "marcaudit/scoring/effort.hpp"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <tuple>

#include <fmt/format.h>

#include "marcaudit/engine/audit.hpp"
#include "marcaudit/history/history.hpp"
#include "marcaudit/rules/profile.hpp"

namespace marcaudit::scoring {

namespace {

/// Problems open this long (with --history) have waited for months: their fixes are more urgent.
constexpr std::int64_t k_months_days = 90;

} // namespace

double Effort::top_share(std::size_t n) const noexcept {
    const double total = low_hours + high_hours;
    if (total <= 0) {
        return 0;
    }
    double top = 0;
    for (std::size_t i = 0; i < n && i < rules.size(); ++i) {
        top += rules[i].low_hours + rules[i].high_hours;
    }
    return top / total;
}

Effort estimate_effort(const engine::AuditResult& result, const rules::Profile& profile) {
    Effort e;
    // Fix groups: the rules one action repairs. A rule belongs to the first group naming it.
    const auto& groups = profile.fixes();
    std::map<std::string, std::size_t, std::less<>> group_of;
    for (const auto& [id, findings] : result.counts_by_rule) {
        for (std::size_t g = 0; g < groups.size() && !group_of.contains(id); ++g) {
            for (const auto& pattern : groups[g].rules) {
                if (rules::glob_match(pattern, id)) {
                    group_of.emplace(id, g);
                    break;
                }
            }
        }
    }
    // The records each group repairs: those with a warning or error of one of its rules
    // (information asks for no change).
    // The records each group repairs: those with a warning or error of one of its rules
    // (information asks for no change), from the records the accounting kept per rule.
    std::vector<std::unordered_set<std::uint64_t>> repaired(groups.size());
    std::vector<std::uint64_t> group_findings(groups.size(), 0);
    std::vector<std::set<std::string>> group_rules(groups.size());
    for (const auto& [id, g] : group_of) {
        const auto severity = result.severity_by_rule.find(id);
        const auto records = result.records_of_rule.find(id);
        if (severity == result.severity_by_rule.end() || severity->second == Severity::info ||
            records == result.records_of_rule.end()) {
            continue;
        }
        for (const auto& [key, n] : records->second) {
            repaired[g].insert(key);
            group_findings[g] += n;
        }
        group_rules[g].insert(id);
    }
    auto add = [&](RuleEffort r) {
        e.low_hours += r.low_hours;
        e.high_hours += r.high_hours;
        auto& m = e.by_module[r.module];
        m.first += r.low_hours;
        m.second += r.high_hours;
        e.rules.push_back(std::move(r));
    };
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (repaired[g].empty()) {
            continue;
        }
        const auto& group = groups[g];
        RuleEffort r;
        r.rule = "fix:" + group.name;
        r.module = "fix";
        r.what = group.what;
        r.rules.assign(group_rules[g].begin(), group_rules[g].end());
        r.findings = group_findings[g];
        r.records = repaired[g].size();
        r.batch = group.fix == rules::FixKind::batch;
        r.impact = group.impact;
        if (r.batch) {
            const double per_records = static_cast<double>(r.records) * group.seconds_per_record / 60.0;
            r.low_hours = (group.batch_low_minutes + per_records) / 60.0;
            r.high_hours = (group.batch_high_minutes + per_records) / 60.0;
        } else {
            r.low_hours = static_cast<double>(r.records) * group.cost_low_minutes / 60.0;
            r.high_hours = static_cast<double>(r.records) * group.cost_high_minutes / 60.0;
        }
        add(std::move(r));
    }
    // Records an overlay replaces need nothing else: their other findings are not costed.
    std::unordered_set<std::uint64_t> replaced;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (groups[g].replaces_record) {
            replaced.insert(repaired[g].begin(), repaired[g].end());
        }
    }
    struct Left {
        std::uint64_t findings = 0, records = 0;
        std::uint64_t in_records = 0;  ///< all its findings about records (the rest are about files)
    };
    std::map<std::string, Left, std::less<>> left;  // per rule, outside the replaced records
    if (!replaced.empty()) {
        for (const auto& [id, records] : result.records_of_rule) {
            Left l;
            for (const auto& [key, n] : records) {
                l.in_records += n;
                if (!replaced.contains(key)) {
                    l.findings += n;
                    ++l.records;
                }
            }
            left.emplace(id, l);
        }
    }
    for (const auto& [id, all_findings] : result.counts_by_rule) {
        const auto* s = profile.settings(id);
        if (s == nullptr) {
            continue;
        }
        if (const auto it = group_of.find(id); it != group_of.end() && s->severity != Severity::info) {
            continue;  // costed by its fix group
        }
        std::uint64_t findings = all_findings;
        std::optional<std::uint64_t> left_records;
        if (!replaced.empty()) {
            // Findings about files (record 0) stay; those about replaced records go.
            const auto l = left.find(id);
            const std::uint64_t in_records = l == left.end() ? 0 : l->second.in_records;
            findings = (l == left.end() ? 0 : l->second.findings) + (all_findings - std::min(all_findings, in_records));
            left_records = l == left.end() ? 0 : l->second.records;
            if (findings == 0) {
                continue;  // every finding is in a record the overlay replaces
            }
        }
        RuleEffort r;
        r.rule = id;
        r.module = id.substr(0, id.find('-'));
        r.findings = findings;
        const auto records = result.records_by_rule.find(id);
        r.records = left_records ? *left_records : records != result.records_by_rule.end() ? records->second : 0;
        r.batch = s->fix == rules::FixKind::batch;
        r.impact = s->impact;
        if (r.batch) {
            const double per_records = static_cast<double>(r.records) * s->seconds_per_record / 60.0;
            r.low_hours = (s->batch_low_minutes + per_records) / 60.0;
            r.high_hours = (s->batch_high_minutes + per_records) / 60.0;
        } else {
            r.low_hours = static_cast<double>(findings) * s->cost_low_minutes / 60.0;
            r.high_hours = static_cast<double>(findings) * s->cost_high_minutes / 60.0;
        }
        add(std::move(r));
    }
    std::sort(e.rules.begin(), e.rules.end(), [](const RuleEffort& a, const RuleEffort& b) {
        return std::tie(b.high_hours, b.low_hours, a.rule) < std::tie(a.high_hours, a.low_hours, b.rule);
    });
    // Impact per staff hour (docs/effort.md): what the defect does to patrons, times the
    // records the fix repairs, times its urgency (findings new since the baseline count up
    // to double), over the hours it takes.
    std::vector<std::string> blocking;
    if (result.gates != nullptr) {
        blocking = result.gates->blocking;
        std::sort(blocking.begin(), blocking.end());
    }
    std::map<std::string, std::int64_t, std::less<>> open_days;  // per rule: its oldest open problem's age
    if (result.history != nullptr) {
        for (const auto& age : result.history->by_rule) {
            open_days[age.rule] = result.history->days_since(age.oldest_time);
        }
    }
    std::map<std::string, std::uint64_t, std::less<>> new_by_rule;
    if (result.baseline != nullptr) {
        for (const auto& [rule, n] : result.baseline->added_by_rule) {
            new_by_rule[rule] = n;
        }
    }
    double total_mid = 0;
    double display_mid = 0;
    for (auto& r : e.rules) {
        const double weight = r.impact == "access" || r.impact == "link" ? 4.0 : r.impact == "display" ? 1.0 : 2.0;
        std::uint64_t added = 0;
        if (r.rules.empty()) {
            const auto it = new_by_rule.find(r.rule);
            added = it == new_by_rule.end() ? 0 : it->second;
        } else {
            for (const auto& rule : r.rules) {
                const auto it = new_by_rule.find(rule);
                added += it == new_by_rule.end() ? 0 : it->second;
            }
        }
        // Urgency, as an IT service desk's matrix has it: what blocks this load first, then
        // what is new (spreading), then what has waited for months.
        const auto& ids = r.rules.empty() ? std::vector<std::string>{r.rule} : r.rules;
        const bool blocks = std::any_of(ids.begin(), ids.end(), [&](const std::string& id) {
            return std::binary_search(blocking.begin(), blocking.end(), id);
        });
        std::int64_t waited_days = 0;
        for (const auto& id : ids) {
            if (const auto it = open_days.find(id); it != open_days.end()) {
                waited_days = std::max(waited_days, it->second);
            }
        }
        const double new_share =
            r.findings == 0 ? 0.0 : std::min(1.0, static_cast<double>(added) / static_cast<double>(r.findings));
        r.urgency = 1.0;
        r.urgent_because.clear();
        auto consider = [&](double urgency, std::string why) {
            if (urgency > r.urgency) {
                r.urgency = urgency;
                r.urgent_because = std::move(why);
            }
        };
        if (blocks) {
            consider(2.0, "blocks this load");
        }
        if (new_share > 0) {
            consider(1.0 + new_share, "new since the baseline");
        }
        if (waited_days >= k_months_days) {
            consider(1.5, fmt::format("open {} days", waited_days));
        }
        const double mid = (r.low_hours + r.high_hours) / 2;
        r.value_per_hour = mid > 0 ? weight * static_cast<double>(r.records) * r.urgency / mid : 0.0;
        total_mid += mid;
        display_mid += r.impact == "display" ? mid : 0.0;
    }
    e.can_wait_share = total_mid > 0 ? display_mid / total_mid : 0.0;
    for (std::size_t i = 0; i < e.rules.size(); ++i) {
        if (e.rules[i].high_hours > 0) {
            e.by_value.push_back(i);
        }
    }
    std::stable_sort(e.by_value.begin(), e.by_value.end(), [&](std::size_t a, std::size_t b) {
        return e.rules[a].value_per_hour > e.rules[b].value_per_hour;
    });
    return e;
}

} // namespace marcaudit::scoring
