#pragma once

/// @file
/// Writers for the audit report and for records as mnemonic text.

#include <ostream>
#include <string>
#include <string_view>

#include "marcaudit/engine/audit.hpp"
#include "marcaudit/history/history.hpp"
#include "marcaudit/record/record_view.hpp"
#include "marcaudit/scoring/gates.hpp"

namespace marcaudit::report {

/// Which reports a run writes, and where (docs/reports.md).
struct ReportPlan {
    bool text = false;   ///< the summary: on stdout, and summary.txt in report_dir
    bool json = false;   ///< report.json in report_dir, json_output, or stdout
    bool csv = false;    ///< findings.csv, records.csv, headings.csv
    bool junit = false;  ///< junit.xml
    bool html = false;   ///< report.html
    std::string report_dir;   ///< where the files go; empty: none
    std::string json_output;  ///< --output: a file for the JSON report ("-": stdout)
    bool csv_bom = false;     ///< start the CSV files with a UTF-8 byte order mark
    const rules::Profile* profile = nullptr;  ///< for junit: the rules that are test cases
    scoring::GateOptions gates;               ///< for junit: the gates the cases fail by

    /// The formats of `--format` ("text,json,csv"). @throws Error (exit 2) for an unknown one.
    [[nodiscard]] static ReportPlan parse(std::string_view formats);
    /// Refuses a plan whose outputs cannot all be written (html without a report folder,
    /// text and JSON both on stdout). @throws Error (exit 2).
    void check() const;
};

/// Writes the reports of `plan`: the files into the report folder (each through a temporary
/// file and a rename, side by side; an earlier run's files of other formats removed), then
/// the text summary and, when it has no file, the JSON report to `stdout_stream`.
/// @throws Error (exit 2) when a report cannot be written.
void write_reports(const engine::AuditResult& result, const ReportPlan& plan, std::ostream& stdout_stream);

/// The terminal summary: inputs, record accounting, findings by rule, rejected records and
/// the first findings of each rule. Deterministic (no timings).
void write_text(const engine::AuditResult& result, std::ostream& out);

/// The JSON report: a `records` object (`read`, `audited`, `rejected`), finding counts per
/// rule id, every rejection and every finding, in input order. Keys in a fixed order.
void write_json(const engine::AuditResult& result, std::ostream& out);

/// findings.csv: one row per finding (rule, severity, file, record, 001, byte offset, tag,
/// occurrence, position, message, value, fix), RFC 4180 quoting, CRLF line ends; `bom` puts a
/// UTF-8 byte order mark first (Excel needs it to read UTF-8).
void write_findings_csv(const engine::AuditResult& result, std::ostream& out, bool bom);

/// records.csv: one row per record with findings and per rejected record, in input order
/// (file, record, 001, status, score, findings, errors, warnings, info). A record not listed
/// was audited without a finding and scores 100.
void write_records_csv(const engine::AuditResult& result, std::ostream& out, bool bom);

/// headings.csv: the search-effect table (heading, authority record, confidence, records a
/// search finds now and after the fix, records missed, the forms); only the header when the
/// run had no heading analysis.
void write_headings_csv(const engine::AuditResult& result, std::ostream& out, bool bom);

/// The HTML report: one self-contained file (inline CSS and SVG, no script, no network).
/// Page one: score and grade, records, findings, cleanup hours, findings by module and the
/// search effect as charts; then the first 50 findings of each rule, the cleanup estimate,
/// the search-effect table, duplicates, completeness and the record accounting.
void write_html(const engine::AuditResult& result, std::ostream& out);

/// JUnit XML: one test case per enabled rule of `profile`, failed when its findings fail its
/// gate (scoring::rule_fails), one for the batch score when `gates.min_score` is set, one for
/// rejected records; the first 20 findings of a failed rule in its <failure>.
void write_junit(const engine::AuditResult& result, const rules::Profile& profile, const scoring::GateOptions& gates,
                 std::ostream& out);

/// The history of runs (`marcaudit history FILE`): the database's size, one line a run
/// (date, records, score, grade, clean share, findings, new and resolved problems, cleanup
/// hours, gates), findings by module, the open problems by rule and the oldest of them.
void write_history(const history::HistoryView& view, std::ostream& out);

/// The history section of an audit's text summary (`--history FILE`): the score and records
/// against the run before, new and resolved problems, the rules open longest.
void write_history_summary(const history::HistoryView& view, std::ostream& out);

/// Appends `record` as MarcEdit mnemonic text (UTF-8, invalid bytes as U+FFFD), followed by a
/// blank line: `=LDR  ...`, `=001  ...`, `=245  10$aTitle`.
void append_mnemonic(const record::RecordView& record, std::string& out);

/// Appends `record` as a MARCXML <record> element (namespace prefix-free, to be wrapped in a
/// <collection xmlns="http://www.loc.gov/MARC21/slim">). Characters are escaped; bytes XML
/// cannot carry (control characters) are written as they are.
void append_marcxml(const record::RecordView& record, std::string& out);

} // namespace marcaudit::report
