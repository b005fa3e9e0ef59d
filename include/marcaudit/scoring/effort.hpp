#pragma once

/// @file
/// The cleanup estimate (docs/effort.md): staff time to fix what the audit found, as a
/// low-high range, from each rule's cost in the profile: minutes per finding for a manual
/// fix, or a batch edit's minutes plus seconds per affected record when the fix can be
/// automated.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace marcaudit::engine {
struct AuditResult;
} // namespace marcaudit::engine

namespace marcaudit::rules {
class Profile;
} // namespace marcaudit::rules

namespace marcaudit::scoring {

/// The effort one fix takes: one rule's findings, or a fix group's ([fixes.NAME]: one
/// action that repairs the findings of several rules in a record, costed once per record).
struct RuleEffort {
    std::string rule;         ///< the rule id, or "fix:NAME" for a fix group
    std::string module;       ///< the rule's module, or "fix"
    std::string what;         ///< a fix group's action ("replace the record with a full one")
    std::vector<std::string> rules;  ///< a fix group's rules that had findings
    std::string impact;       ///< what the defect does to patrons: access, link, facet, display
    /// 1; 2 when its findings block this load (fail a gate); 1 + the share of its findings
    /// new since the baseline; 1.5 when its problems have been open 90 days or more (with a
    /// history). The largest applies.
    double urgency = 1.0;
    std::string urgent_because;  ///< why the urgency is above 1, in words; empty otherwise
    /// Impact per staff hour: the impact's weight (access and link 4, facet 2, display 1)
    /// times the records repaired times the urgency, over the midpoint of the hours.
    double value_per_hour = 0.0;
    std::uint64_t findings = 0;
    std::uint64_t records = 0;
    bool batch = false;       ///< fixed by a batch edit (else record by record)
    double low_hours = 0;
    double high_hours = 0;
};

/// The cleanup estimate of a run.
struct Effort {
    /// Rules with findings, most effort first (by the high estimate, then the low, then id).
    std::vector<RuleEffort> rules;
    double low_hours = 0;
    double high_hours = 0;
    /// Per module: {low, high} hours.
    std::map<std::string, std::pair<double, double>> by_module;

    /// The share of the effort (by the midpoint of the ranges, 0-1) the first `n` rules of
    /// `rules` take: "fixing the top n rules removes this much of the work".
    [[nodiscard]] double top_share(std::size_t n) const noexcept;
    /// Indexes into `rules`, the fixes that buy most for patrons per staff hour first.
    std::vector<std::size_t> by_value;
    /// The share of the hours (midpoints, 0-1) spent on display-only fixes: what can wait.
    double can_wait_share = 0.0;
};

/// Estimates the cleanup of `result` with the costs `profile` sets.
[[nodiscard]] Effort estimate_effort(const engine::AuditResult& result, const rules::Profile& profile);

} // namespace marcaudit::scoring
