#pragma once

/// @file
/// The history of runs (`--history FILE`, `marcaudit history FILE`): every run of a nightly
/// job kept in an SQLite database, with each finding's fingerprint and the runs it was first
/// and last seen in, so a report can say how the batch has gone over the weeks and how long
/// each problem has been open (docs/history.md).
///
/// A fingerprint is a 64-bit hash of the finding's match key, the one `--baseline` uses
/// (the record's 001, or its file's name and record number without one; the rule; the field
/// tag), and its occurrence among findings of the same key: no message or value is kept.
/// A problem is open from the run it was first seen in until a run without it, which closes
/// it (last seen: the run before); if it comes back it is open again, and keeps the run it
/// was first seen in. Only the problems that open or close are written in a run.
/// A run is appended in one transaction: a crash, a kill or a full disk leaves the database
/// as it was before the run.

#include <cstdint>
#include <filesystem>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "marcaudit/error.hpp"

namespace marcaudit::engine {
struct AuditResult;
} // namespace marcaudit::engine

namespace marcaudit::history {

/// The database cannot be opened, read or written, or is not a marcaudit history. Exit 2.
class HistoryError : public Error {
public:
    explicit HistoryError(const std::string& message) : Error(ExitCode::usage, message, "history") {}
};

/// One run, as the database keeps it.
struct Run {
    std::int64_t id = 0;          ///< 1, 2, …: the order the runs were appended in
    std::int64_t time = 0;        ///< seconds since 1970-01-01 UTC (the run's --as-of, or when it ran)
    std::string inputs;           ///< the batch's inputs, as named, one per line
    std::string profile;
    std::uint64_t records_read = 0;
    std::uint64_t records_audited = 0;
    std::uint64_t records_rejected = 0;
    std::uint64_t records_clean = 0;   ///< audited without errors or warnings
    std::uint64_t findings = 0;
    std::uint64_t errors = 0;
    std::uint64_t warnings = 0;
    std::uint64_t infos = 0;
    std::optional<double> score;  ///< none for a run that read no records
    std::string grade;
    double hours_low = 0;
    double hours_high = 0;
    bool gates_passed = true;
    std::string gate_reasons;          ///< the failed gates' reasons, one per line
    /// Whether its findings were taken as the catalog's state: not when a gate on the input
    /// failed (no records, too few, a drop from the baseline), for a broken export says
    /// nothing about which problems were resolved.
    bool tracked = true;
    std::map<std::string, std::uint64_t> findings_by_module;
    std::uint64_t problems_new = 0;       ///< not open after the tracked run before (first seen, or back)
    std::uint64_t problems_resolved = 0;  ///< open after the tracked run before, not in this one
    std::uint64_t db_bytes = 0;           ///< the database's size once this run was in it
};

/// The open problems of one rule in the latest run: how many, and how old the oldest is.
struct RuleAge {
    std::string rule;
    std::uint64_t open = 0;          ///< its findings in the latest run
    std::uint64_t new_in_run = 0;    ///< of which first seen in the latest tracked run
    std::int64_t oldest_run = 0;     ///< the run its oldest open finding was first seen in
    std::int64_t oldest_time = 0;
};

/// One open problem (a finding of the latest tracked run) and when it was first seen.
struct OpenProblem {
    std::string rule;
    std::string record;     ///< the record's 001, or "file#record" without one
    std::string tag;
    std::int64_t first_run = 0;
    std::int64_t first_time = 0;
};

/// What the reports show of the history.
struct HistoryView {
    std::string path;                 ///< the database, as named
    std::vector<Run> runs;            ///< the last runs (at most `trend_runs`), oldest first
    std::uint64_t total_runs = 0;     ///< runs in the database
    std::int64_t first_time = 0;      ///< the first run's time
    std::vector<RuleAge> by_rule;     ///< rules with open problems, oldest problem first
    std::vector<OpenProblem> oldest;  ///< the oldest open problems (at most `oldest_shown`)
    std::uint64_t open = 0;           ///< open problems: the latest tracked run's fingerprints
    std::int64_t latest_tracked = 0;  ///< the latest run whose findings were taken (0: none)
    static constexpr std::size_t trend_runs = 60;
    static constexpr std::size_t oldest_shown = 20;

    /// The latest run; the view always holds at least one.
    [[nodiscard]] const Run& latest() const { return runs.back(); }
    /// The latest tracked run among `runs`, or null when none of them is.
    [[nodiscard]] const Run* latest_sound() const noexcept {
        for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
            if (it->tracked) {
                return &*it;
            }
        }
        return nullptr;
    }
    /// The tracked run before the latest, among `runs`, or null.
    [[nodiscard]] const Run* sound_before_latest() const noexcept {
        for (auto it = std::next(runs.rbegin()); it < runs.rend(); ++it) {
            if (it->tracked) {
                return &*it;
            }
        }
        return nullptr;
    }
    /// Whole days from `since` to the latest run (rounded down).
    [[nodiscard]] std::int64_t days_since(std::int64_t since) const noexcept;
};

/// What `append_run` needs to know beside the result.
struct RunInfo {
    std::vector<std::string> inputs;
    std::optional<std::int64_t> time;  ///< --as-of; now when absent
};

/// Appends the run of `result` (with its gates, when evaluated) to the database at `path`,
/// created when missing, in one transaction, and returns the view the reports show.
/// @throws HistoryError (the database is then as it was).
[[nodiscard]] HistoryView append_run(const std::filesystem::path& path, const engine::AuditResult& result,
                                     const RunInfo& info);

/// Reads the view of the database at `path` (`marcaudit history`): the last `trend_runs`
/// runs and the problems open in the latest. @throws HistoryError, also when it has no run.
[[nodiscard]] HistoryView read_history(const std::filesystem::path& path, std::size_t trend_runs);

/// Parses an --as-of value: YYYY-MM-DD (midnight UTC) or YYYY-MM-DDTHH:MM[:SS][Z].
/// @throws HistoryError when it is neither.
[[nodiscard]] std::int64_t parse_time(const std::string& text);

/// `time` as YYYY-MM-DD (UTC).
[[nodiscard]] std::string format_date(std::int64_t time);

} // namespace marcaudit::history
