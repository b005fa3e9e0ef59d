#include "marcaudit/scoring/effort.hpp"

#include <algorithm>
#include <tuple>

#include "marcaudit/engine/audit.hpp"
#include "marcaudit/rules/profile.hpp"

namespace marcaudit::scoring {

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
    for (const auto& [id, findings] : result.counts_by_rule) {
        const auto* s = profile.settings(id);
        if (s == nullptr) {
            continue;
        }
        RuleEffort r;
        r.rule = id;
        r.module = id.substr(0, id.find('-'));
        r.findings = findings;
        const auto records = result.records_by_rule.find(id);
        r.records = records != result.records_by_rule.end() ? records->second : 0;
        r.batch = s->fix == rules::FixKind::batch;
        if (r.batch) {
            const double per_records = static_cast<double>(r.records) * s->seconds_per_record / 60.0;
            r.low_hours = (s->batch_low_minutes + per_records) / 60.0;
            r.high_hours = (s->batch_high_minutes + per_records) / 60.0;
        } else {
            r.low_hours = static_cast<double>(findings) * s->cost_low_minutes / 60.0;
            r.high_hours = static_cast<double>(findings) * s->cost_high_minutes / 60.0;
        }
        e.low_hours += r.low_hours;
        e.high_hours += r.high_hours;
        auto& m = e.by_module[r.module];
        m.first += r.low_hours;
        m.second += r.high_hours;
        e.rules.push_back(std::move(r));
    }
    std::sort(e.rules.begin(), e.rules.end(), [](const RuleEffort& a, const RuleEffort& b) {
        return std::tie(b.high_hours, b.low_hours, a.rule) < std::tie(a.high_hours, a.low_hours, b.rule);
    });
    return e;
}

} // namespace marcaudit::scoring
