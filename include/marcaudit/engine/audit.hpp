#pragma once

/// @file
/// The audit run: open sources → run the pipeline → account for every record → summarize.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "marcaudit/engine/pipeline.hpp"
#include "marcaudit/findings/block_log_iterator.hpp"
#include "marcaudit/findings/finding.hpp"
#include "marcaudit/findings/finding_log.hpp"
#include "marcaudit/rules/profile.hpp"
#include "marcaudit/rules/rule.hpp"
#include "marcaudit/scoring/baseline.hpp"
#include "marcaudit/scoring/effort.hpp"
#include "marcaudit/scoring/gates.hpp"
#include "marcaudit/scoring/score.hpp"

namespace marcaudit::headings {
class HeadingAnalysis;
} // namespace marcaudit::headings

namespace marcaudit::identifiers {
class DuplicateAnalysis;
} // namespace marcaudit::identifiers

namespace marcaudit::history {
struct HistoryView;
} // namespace marcaudit::history

namespace marcaudit::scoring {
class TtDistribution;
} // namespace marcaudit::scoring

namespace marcaudit::engine {

/// What `marcaudit audit` was asked to do.
struct AuditOptions {
    std::vector<std::string> inputs;  ///< files, directories (read recursively), "-"
    unsigned threads = 0;             ///< 0 = all cores
    bool progress = false;            ///< a progress line on stderr
    io::BatchLimits batch;            ///< batch and read sizes; no effect on results
    /// Which rules report, at which severity. Null: every rule at its default severity.
    const rules::Profile* profile = nullptr;
    /// The rules to choose from. Null: the built-in rules (tests add their own).
    const rules::Registry* registry = nullptr;
    /// Authority files (`--authorities`): the heading rules match headings against them.
    std::vector<std::string> authorities;
    /// Catalog exports (`--catalog`): not audited; their headings are the context the
    /// batch's headings must collocate with, and their records the ones a load must not
    /// duplicate.
    std::vector<std::string> catalog;
    /// Memory for the findings before they go to a temporary file (FindingLog); no effect
    /// on results.
    std::size_t findings_memory = FindingLog::default_memory_limit;
};

/// Records read, audited and rejected. `read == audited + rejected` always.
struct RecordCounts {
    std::uint64_t read = 0;
    std::uint64_t audited = 0;
    std::uint64_t rejected = 0;
};

/// What an input is to the run.
enum class SourceRole : std::uint8_t {
    batch,        ///< audited
    authorities,  ///< authority data (`--authorities`)
    catalog,      ///< catalog context (`--catalog`)
};

/// "batch", "authorities" or "catalog".
[[nodiscard]] std::string_view to_string(SourceRole role) noexcept;

/// One input's share of the run. For authority and catalog files, `audited` counts the
/// records read and used (they are not audited).
struct SourceSummary {
    SourceInfo info;
    RecordCounts records;
    SourceRole role = SourceRole::batch;
};

/// A record that could not be read, and why.
struct Rejection {
    std::uint32_t source_index = 0;
    std::uint64_t record_number = 0;
    std::uint64_t byte_offset = 0;
    std::string reason;
};

/// How many findings one record has (kept for records with at least one).
struct RecordTally {
    std::uint32_t source_index = 0;
    std::uint64_t record_number = 0;
    std::string control_number;
    std::uint32_t findings = 0;
    std::uint32_t by_severity[3] = {0, 0, 0};  ///< indexed by Severity
    double penalty = 0;  ///< points the findings cost the record's score (scoring/score.hpp)
    bool rejected = false;  ///< the record was rejected: it scores ScoringModel::rejected_score
};

/// The tallies of the records with findings, in input order, kept compact as FindingLog
/// keeps findings: encoded in blocks, and past `memory_limit` in a temporary file, so that
/// memory does not grow with the number of records. Appended to by one thread; read by any
/// number once appending is over.
class TallyLog {
public:
    static constexpr std::size_t block_size = 4096;
    static constexpr std::size_t default_memory_limit = std::size_t{8} << 20U;

    explicit TallyLog(std::size_t memory_limit);
    TallyLog() : TallyLog(default_memory_limit) {}
    ~TallyLog();
    TallyLog(TallyLog&&) noexcept;
    TallyLog& operator=(TallyLog&&) noexcept;
    TallyLog(const TallyLog&) = delete;
    TallyLog& operator=(const TallyLog&) = delete;

    /// Adds a tally at the end. @throws FindingLogError when the temporary file fails.
    void push_back(const RecordTally& tally);
    [[nodiscard]] std::size_t size() const noexcept { return m_size; }
    [[nodiscard]] bool empty() const noexcept { return m_size == 0; }
    /// Tally `i`, by value (decodes its block).
    [[nodiscard]] RecordTally operator[](std::size_t i) const;
    /// Block `b`, decoded.
    [[nodiscard]] std::shared_ptr<const std::vector<RecordTally>> block(std::size_t b) const;

    using const_iterator = BlockLogIterator<TallyLog, RecordTally>;
    [[nodiscard]] const_iterator begin() const { return {this, 0}; }
    [[nodiscard]] const_iterator end() const { return {this, m_size}; }

private:
    struct Store;
    std::size_t m_size = 0;
    std::unique_ptr<Store> m_store;
};

/// Everything an audit found, in input order. Deterministic: the same for any thread count.
struct AuditResult {
    std::vector<SourceSummary> sources;  ///< the batch's inputs, then authority and catalog files
    RecordCounts records;                ///< of the batch's inputs (the audited records)
    std::vector<Rejection> rejections;
    /// Compact, and past FindingLog's memory limit in a temporary file: read in order.
    FindingLog findings;
    std::map<std::string, std::uint64_t, std::less<>> counts_by_rule;   ///< occurrences
    std::map<std::string, std::uint64_t, std::less<>> records_by_rule;  ///< records with >= 1
    TallyLog record_tallies;  ///< records with findings, in input order
    std::map<std::string, Severity, std::less<>> severity_by_rule;  ///< as the profile set it
    /// Where each rule's first `examples_per_rule` findings are in `findings` (ascending),
    /// for the reports that show examples: read with `findings.visit()`, without a pass
    /// over every finding.
    std::map<std::string, std::vector<std::size_t>, std::less<>> examples_by_rule;
    static constexpr std::size_t examples_per_rule = 50;
    std::string profile_name;
    std::uint64_t counts_by_severity[3] = {0, 0, 0};  ///< indexed by Severity
    std::uint64_t bytes_read = 0;
    /// The heading analysis, when a heading rule ran: findings' context and search effect.
    std::shared_ptr<const headings::HeadingAnalysis> headings;
    /// The duplicate groups, when a duplicate rule ran.
    std::shared_ptr<const identifiers::DuplicateAnalysis> duplicates;
    /// The batch's Thompson–Traill completeness scores (books only), when a rule scored
    /// records on the rubric (vendor-record-brief).
    std::shared_ptr<const scoring::TtDistribution> completeness;
    /// The batch's score and grade (docs/scoring.md), and the model that gave them.
    scoring::BatchScore score;
    rules::ScoringModel scoring_model;
    /// The cleanup estimate (docs/effort.md).
    scoring::Effort effort;
    /// New and resolved findings since an earlier report (--baseline); null without one.
    std::shared_ptr<const scoring::BaselineDiff> baseline;
    /// The history of runs once this one was appended to it (--history); null without one.
    std::shared_ptr<const history::HistoryView> history;
    /// What the gates said (evaluated by the caller before the reports are written, so every
    /// report states each gate's result); null when they were not evaluated.
    std::shared_ptr<const scoring::GateOutcome> gates;
    /// For the cleanup estimate's fix groups (docs/effort.md): per rule, the records it
    /// reported on, each as (input << 40 | record number, findings in it), in the order
    /// kept. Filled only when the profile's fix groups name an enabled rule.
    std::map<std::string, std::vector<std::pair<std::uint64_t, std::uint32_t>>, std::less<>> records_of_rule;
    /// Notes about the run for the reports ("X is named more than once: it is audited once").
    std::vector<std::string> notes;
    std::chrono::duration<double> elapsed{};  ///< wall time (not part of the reports)
    /// Each step of run_audit and its wall time in seconds, in order (`--perf`; not part of
    /// the reports).
    std::vector<std::pair<std::string, double>> step_times;

    /// Audited records with at least one finding (authority records with a conflict aside).
    [[nodiscard]] std::uint64_t records_with_findings() const noexcept;
};

/// Runs an audit. @throws io::InputError when an input cannot be read.
[[nodiscard]] AuditResult run_audit(const AuditOptions& options);

} // namespace marcaudit::engine
