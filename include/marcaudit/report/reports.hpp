#pragma once

/// @file
/// Writers for the audit report and for records as mnemonic text.

#include <ostream>
#include <string>

#include "marcaudit/engine/audit.hpp"
#include "marcaudit/record/record_view.hpp"

namespace marcaudit::report {

/// The terminal summary: inputs, record accounting, findings by rule, rejected records and
/// the first findings of each rule. Deterministic (no timings).
void write_text(const engine::AuditResult& result, std::ostream& out);

/// The JSON report: a `records` object (`read`, `audited`, `rejected`), finding counts per
/// rule id, every rejection and every finding, in input order. Keys in a fixed order.
void write_json(const engine::AuditResult& result, std::ostream& out);

/// Appends `record` as MarcEdit mnemonic text (UTF-8, invalid bytes as U+FFFD), followed by a
/// blank line: `=LDR  ...`, `=001  ...`, `=245  10$aTitle`.
void append_mnemonic(const record::RecordView& record, std::string& out);

/// Appends `record` as a MARCXML <record> element (namespace prefix-free, to be wrapped in a
/// <collection xmlns="http://www.loc.gov/MARC21/slim">). Characters are escaped; bytes XML
/// cannot carry (control characters) are written as they are.
void append_marcxml(const record::RecordView& record, std::string& out);

} // namespace marcaudit::report
