// The CSV reports: findings.csv, records.csv and headings.csv, for spreadsheets
// (RFC 4180: comma-separated, CRLF line ends, quotes around cells that need them).

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "marcaudit/headings/analysis.hpp"
#include "marcaudit/headings/authority_index.hpp"
#include "marcaudit/io/input.hpp"
#include "marcaudit/report/reports.hpp"
#include "marcaudit/scoring/score.hpp"
#include "report/blocks.hpp"

namespace marcaudit::report {

namespace {

/// Appends one cell: quoted when it holds a comma, a quote or a line break (quotes doubled).
/// A cell a spreadsheet would take for a formula (=, +, -, @, tab or CR first) gets a leading apostrophe,
/// so that a value like "=245  10$a..." is shown, not evaluated.
void cell(std::string& out, std::string_view value, bool last = false) {
    const bool formula = !value.empty() && (value.front() == '=' || value.front() == '+' || value.front() == '-' ||
                                            value.front() == '@' || value.front() == '\t' || value.front() == '\r');
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
        if (formula) {
            out += '\'';
        }
        out += value;
    } else {
        out += '"';
        if (formula) {
            out += '\'';
        }
        for (std::size_t start = 0;;) {
            const auto quote = value.find('"', start);
            out.append(value.substr(start, quote == std::string_view::npos ? std::string_view::npos : quote - start + 1));
            if (quote == std::string_view::npos) {
                break;
            }
            out += '"';  // a quote is written twice
            start = quote + 1;
        }
        out += '"';
    }
    out += last ? "\r\n" : ",";
}

void cell(std::string& out, std::uint64_t value, bool last = false) {
    out += fmt::format_int(value).str();
    out += last ? "\r\n" : ",";
}

void start(std::string& out, bool bom) {
    if (bom) {
        out += "\xEF\xBB\xBF";  // Excel reads UTF-8 only with it
    }
}

std::string file_of(const engine::AuditResult& result, std::uint32_t index) {
    return index < result.sources.size() ? io::display_name(result.sources[index].info.name) : std::string{};
}

} // namespace

void write_findings_csv(const engine::AuditResult& result, std::ostream& out, bool bom) {
    std::vector<std::string> names;
    for (std::uint32_t i = 0; i < result.sources.size(); ++i) {
        names.push_back(file_of(result, i));
    }
    std::string head;
    start(head, bom);
    head += "rule,severity,file,record,control_number,byte_offset,tag,occurrence,position,message,value,fix\r\n";
    out.write(head.data(), static_cast<std::streamsize>(head.size()));
    // Blocks of findings formatted in parallel, written in order, as the JSON writer does.
    detail::write_findings_in_blocks(out, result.findings, 400, [&](std::size_t, const Finding& f, std::string& buf) {
        cell(buf, f.rule_id);
        cell(buf, to_string(f.severity));
        cell(buf, f.source_index < names.size() ? std::string_view{names[f.source_index]} : std::string_view{});
        cell(buf, f.record_number);
        cell(buf, trim_blanks(f.control_number));
        cell(buf, f.byte_offset);
        cell(buf, f.tag);
        if (f.occurrence > 0) {
            cell(buf, static_cast<std::uint64_t>(f.occurrence));
        } else {
            cell(buf, std::string_view{});
        }
        cell(buf, f.position);
        cell(buf, f.message);
        cell(buf, f.value);
        cell(buf, f.fix, true);
    });
}

void write_records_csv(const engine::AuditResult& result, std::ostream& out, bool bom) {
    std::string buf;
    start(buf, bom);
    buf += "file,record,control_number,status,score,findings,errors,warnings,info\r\n";
    auto in_batch = [&](std::uint32_t source) {
        return source < result.sources.size() && result.sources[source].role == engine::SourceRole::batch;
    };
    // Records with findings and rejected records of the batch, in input order, one row each; a
    // record not listed was audited without a finding and scores 100.
    auto rejected = result.rejections.begin();
    auto write_rejected_before = [&](std::uint32_t source, std::uint64_t record) {
        for (; rejected != result.rejections.end() &&
               std::tie(rejected->source_index, rejected->record_number) < std::tie(source, record);
             ++rejected) {
            if (!in_batch(rejected->source_index)) {
                continue;
            }
            cell(buf, file_of(result, rejected->source_index));
            cell(buf, rejected->record_number);
            cell(buf, std::string_view{});
            cell(buf, std::string_view{"rejected"});
            buf += fmt::format("{},", result.scoring_model.rejected_score);
            buf += "0,0,0,0\r\n";
        }
    };
    for (const auto& t : result.record_tallies) {
        if (!in_batch(t.source_index)) {
            continue;
        }
        write_rejected_before(t.source_index, t.record_number);
        if (rejected != result.rejections.end() && rejected->source_index == t.source_index &&
            rejected->record_number == t.record_number) {
            ++rejected;  // the tally's row says it was rejected, with its findings
        }
        cell(buf, file_of(result, t.source_index));
        cell(buf, t.record_number);
        cell(buf, trim_blanks(t.control_number));
        cell(buf, t.rejected ? std::string_view{"rejected"} : std::string_view{"audited"});
        buf += fmt::format("{},", t.rejected ? result.scoring_model.rejected_score
                                             : std::round(scoring::record_score(t.penalty) * 100) / 100);
        cell(buf, static_cast<std::uint64_t>(t.findings));
        cell(buf, static_cast<std::uint64_t>(t.by_severity[2]));
        cell(buf, static_cast<std::uint64_t>(t.by_severity[1]));
        cell(buf, static_cast<std::uint64_t>(t.by_severity[0]), true);
    }
    write_rejected_before(UINT32_MAX, UINT64_MAX);
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

void write_headings_csv(const engine::AuditResult& result, std::ostream& out, bool bom) {
    std::string buf;
    start(buf, bom);
    buf += "heading,authority,confidence,records_found_now,records_after_fix,records_missed,forms\r\n";
    if (result.headings != nullptr) {
        const auto& analysis = *result.headings;
        const auto* auth = analysis.authorities();
        for (auto e : analysis.search_effect()) {
            const auto& entity = analysis.entities()[e];
            std::string forms;
            for (const auto& f : entity.forms) {
                forms += fmt::format("{}{} ({} record{})", forms.empty() ? "" : " | ", f.display, f.records,
                                     f.records == 1 ? "" : "s");
            }
            cell(buf, entity.preferred);
            cell(buf, entity.authority >= 0 && auth != nullptr
                          ? trim_blanks(auth->records()[static_cast<std::size_t>(entity.authority)].control_number)
                          : std::string_view{});
            cell(buf, entity.confident ? std::string_view{"high"} : std::string_view{"medium"});
            cell(buf, static_cast<std::uint64_t>(entity.before.size()));
            cell(buf, static_cast<std::uint64_t>(entity.after.size()));
            cell(buf, static_cast<std::uint64_t>(entity.after.size() - entity.before.size()));
            cell(buf, forms, true);
        }
    }
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

} // namespace marcaudit::report
