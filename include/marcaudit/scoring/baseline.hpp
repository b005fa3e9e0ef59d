#pragma once

/// @file
/// Comparing a run with an earlier one (`--baseline PREVIOUS.json`): which findings are new
/// and which were resolved. Findings are matched by the record's control number (001), the
/// rule and the field tag, not by position: records move in an export from night to night,
/// and a message or a value may be worded anew. Two findings of one rule on one field of one
/// record match two earlier ones; a third is new.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "marcaudit/error.hpp"

namespace marcaudit::engine {
struct AuditResult;
} // namespace marcaudit::engine

namespace marcaudit::scoring {

/// The baseline file cannot be read or is not a marcaudit JSON report. Exit code 3.
class BaselineError : public Error {
public:
    explicit BaselineError(const std::string& message) : Error(ExitCode::input, message) {}
};

/// A finding of the earlier run, as its report gave it.
struct BaselineFinding {
    std::string rule;
    std::string severity;
    std::string control_number;
    std::string tag;
    std::string message;
    std::string file;          ///< its file then
    std::uint64_t record = 0;  ///< its record number then (records move: for reading only)
};

/// New and resolved findings.
struct BaselineDiff {
    std::string previous;                   ///< the baseline file, as given
    std::vector<std::size_t> added;         ///< indexes into AuditResult::findings, in order
    std::map<std::string, std::uint64_t, std::less<>> added_by_rule;  ///< new findings per rule
    std::uint64_t added_by_severity[3] = {0, 0, 0};                   ///< indexed by Severity
    std::vector<BaselineFinding> resolved;  ///< in the earlier report's order
    std::uint64_t previous_findings = 0;
    /// The earlier run's records read (its "records.read"); absent in reports without it.
    std::optional<std::uint64_t> previous_records;
    /// The earlier run's batch score, when its report has one.
    std::optional<double> previous_score;
};

/// The match key of a finding: "control number|rule|tag"; a record without a 001 is named
/// by its file's name (without the folder) and its record number instead.
[[nodiscard]] std::string baseline_key(std::string_view control_number, std::string_view rule, std::string_view tag,
                                       std::string_view file, std::uint64_t record);

/// Compares `result` with the JSON report at `previous`. @throws BaselineError.
[[nodiscard]] BaselineDiff compare_with_baseline(const engine::AuditResult& result,
                                                 const std::filesystem::path& previous);

} // namespace marcaudit::scoring
