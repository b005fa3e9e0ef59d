#pragma once

/// @file
/// Gates for nightly runs (docs/nightly.md): the conditions under which `marcaudit audit`
/// exits 1. Each gate that fails gives one line saying why.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "marcaudit/findings/finding.hpp"

namespace marcaudit::engine {
struct AuditResult;
} // namespace marcaudit::engine

namespace marcaudit::rules {
class Profile;
} // namespace marcaudit::rules

namespace marcaudit::scoring {

struct BaselineDiff;

/// Which gates a run has.
struct GateOptions {
    /// Fail on findings of this severity or worse (and on rejected records); none when empty.
    std::optional<Severity> fail_on;
    /// Fail when the batch score is below this.
    std::optional<double> min_score;
    /// Count only findings new since the baseline for `fail_on` (needs a baseline).
    bool only_new = false;
    /// A batch with no records read passes (--allow-empty); by default it fails: an empty
    /// export is a failed export, not a clean one.
    bool allow_empty = false;
    /// Fail when fewer records than this were read (--min-records).
    std::optional<std::uint64_t> min_records;
    /// With a baseline: fail when the records read fell by more than this share of the
    /// baseline's (--max-drop, 0.10 by default); none to turn the gate off.
    std::optional<double> max_drop = 0.10;
};

/// What the gates said.
struct GateOutcome {
    bool failed = false;
    /// A gate on the input itself failed (no records, fewer than --min-records, a drop from
    /// the baseline's count): the export is broken, not its records. The history keeps such a
    /// run in the trend but does not take its findings as the catalog's state.
    bool input_failed = false;
    std::vector<std::string> reasons;  ///< one line per failed gate, in catalogers' words
    /// The rules whose findings fail a gate (rule_fails): they block this load, so their
    /// fixes are the most urgent (docs/effort.md). In id order.
    std::vector<std::string> blocking;
    std::vector<std::string> checked;  ///< one line per gate that was checked and passed
};

/// Evaluates the gates: `options`, and each rule's `max_findings` in `profile`. `baseline`
/// (may be null) gives the new findings when `options.only_new`.
[[nodiscard]] GateOutcome evaluate_gates(const engine::AuditResult& result, const rules::Profile& profile,
                                         const GateOptions& options, const BaselineDiff* baseline);

/// Whether `rule`'s findings fail its own gate: more than its `max_findings`, or any finding
/// at all when `fail_on` covers the rule's severity; with `options.only_new` and a
/// `baseline`, any new finding (for the JUnit report's test cases).
[[nodiscard]] bool rule_fails(const engine::AuditResult& result, const rules::Profile& profile,
                              const GateOptions& options, const std::string& rule, const BaselineDiff* baseline);

} // namespace marcaudit::scoring
