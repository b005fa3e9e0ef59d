#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "marcaudit/headings/analysis.hpp"
#include "marcaudit/history/history.hpp"
#include "marcaudit/identifiers/duplicates.hpp"
#include "marcaudit/io/input.hpp"
#include "marcaudit/report/reports.hpp"
#include "marcaudit/rules/catalog.hpp"
#include "marcaudit/scoring/effort.hpp"
#include "marcaudit/scoring/score.hpp"
#include "marcaudit/scoring/thompson_traill.hpp"
#include "report/blocks.hpp"

namespace marcaudit::report {

using json = nlohmann::ordered_json;

namespace detail {

/// Appends `s` as a JSON string, escaped as nlohmann::json escapes it (control characters as
/// \n, \t... or \u00XX; other characters as they are) with invalid UTF-8 bytes replaced by
/// U+FFFD, so streamed parts read exactly like the library's.
void append_string(std::string& out, std::string_view s) {
    out.push_back('"');
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            std::size_t j = i + 1;
            while (j < s.size()) {
                const auto d = static_cast<unsigned char>(s[j]);
                if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\') {
                    break;
                }
                ++j;
            }
            out.append(s.data() + i, j - i);
            i = j;
            continue;
        }
        if (c < 0x80) {
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default: out += fmt::format("\\u{:04x}", c); break;
            }
            ++i;
            continue;
        }
        // A UTF-8 sequence: copy it when well-formed, else one U+FFFD for the bad byte.
        std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
        bool ok = len != 0 && c >= 0xC2 && c <= 0xF4 && i + len <= s.size();
        for (std::size_t k = 1; ok && k < len; ++k) {
            ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        }
        if (ok && len == 3) {
            const auto d = static_cast<unsigned char>(s[i + 1]);
            ok = !(c == 0xE0 && d < 0xA0) && !(c == 0xED && d >= 0xA0);
        } else if (ok && len == 4) {
            const auto d = static_cast<unsigned char>(s[i + 1]);
            ok = !(c == 0xF0 && d < 0x90) && !(c == 0xF4 && d >= 0x90);
        }
        if (ok) {
            out.append(s.data() + i, len);
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    out.push_back('"');
}

void member(std::string& out, std::string_view key, std::string_view value, bool last = false) {
    out += "      \"";
    out += key;
    out += "\": ";
    append_string(out, value);
    out += last ? "\n" : ",\n";
}

void member(std::string& out, std::string_view key, std::uint64_t value, bool last = false) {
    out += "      \"";
    out += key;
    out += "\": ";
    out += fmt::format_int(value).str();
    out += last ? "\n" : ",\n";
}

void member_number(std::string& out, std::string_view key, double value, bool last = false) {
    out += "      \"";
    out += key;
    out += "\": ";
    out += fmt::format("{}", std::round(value * 100) / 100);
    out += last ? "\n" : ",\n";
}

} // namespace detail

namespace {

/// A number rounded to two decimals, as the report gives scores and hours.
double two_decimals(double v) {
    return std::round(v * 100) / 100;
}

json score_json(const engine::AuditResult& result) {
    const auto& b = result.score;
    const auto& m = result.scoring_model;
    json bands = json::array();
    for (std::size_t i = 0; i < b.bands.size(); ++i) {
        bands.push_back(json{{"from", i * 10}, {"to", i == 10 ? 100.0 : two_decimals(static_cast<double>(i * 10) + 9.99)},
                             {"records", b.bands[i]}});
    }
    json grades = json::array();
    for (const auto& [grade, lowest] : m.grades) {
        grades.push_back(json{{"grade", grade}, {"from", lowest}});
    }
    json clean_grades = json::array();
    for (const auto& [grade, lowest] : m.clean_grades) {
        clean_grades.push_back(json{{"grade", grade}, {"from", lowest}});
    }
    return json{{"score", two_decimals(b.mean)},
                {"grade", b.grade},
                {"records", b.records},
                {"clean", b.clean},
                {"perfect", b.perfect},
                {"clean_share", two_decimals(b.clean_share() * 100) / 100},
                {"bands", std::move(bands)},
                {"model", json{{"error", m.error_points},
                               {"warning", m.warning_points},
                               {"info", m.info_points},
                               {"max_per_rule", m.max_per_rule},
                               {"rejected_score", m.rejected_score},
                               {"grades", std::move(grades)},
                               {"clean_grades", std::move(clean_grades)}}}};
}

json effort_json(const scoring::Effort& e) {
    json rules = json::array();
    for (const auto& r : e.rules) {
        json entry{{"rule", r.rule},
                   {"module", r.module},
                   {"findings", r.findings},
                   {"records", r.records},
                   {"fix", r.batch ? "batch" : "manual"},
                   {"low_hours", two_decimals(r.low_hours)},
                   {"high_hours", two_decimals(r.high_hours)},
                   {"impact", r.impact},
                   {"value_per_hour", two_decimals(r.value_per_hour)},
                   {"urgency", two_decimals(r.urgency)}};
        if (!r.urgent_because.empty()) {
            entry["urgent_because"] = r.urgent_because;
        }
        if (!r.rules.empty()) {
            entry["what"] = r.what;
            entry["rules"] = r.rules;
        }
        rules.push_back(std::move(entry));
    }
    json modules = json::array();
    for (const auto& [module, range] : e.by_module) {
        modules.push_back(json{{"module", module}, {"low_hours", two_decimals(range.first)}, {"high_hours", two_decimals(range.second)}});
    }
    json top = json::array();
    for (const std::size_t n : {1, 3, 5, 10}) {
        if (n <= e.rules.size()) {
            top.push_back(json{{"rules", n}, {"share", two_decimals(e.top_share(n))}});
        }
    }
    return json{{"low_hours", two_decimals(e.low_hours)},
                {"high_hours", two_decimals(e.high_hours)},
                {"by_module", std::move(modules)},
                {"rules", std::move(rules)},
                {"top", std::move(top)},
                {"by_value", e.by_value.empty() ? json::array() : [&] {
                     json order = json::array();
                     for (const auto i : e.by_value) {
                         order.push_back(e.rules[i].rule);
                     }
                     return order;
                 }()},
                {"can_wait_share", two_decimals(e.can_wait_share)}};
}

json counts(const engine::RecordCounts& c) {
    return json{{"read", c.read}, {"audited", c.audited}, {"rejected", c.rejected}};
}

/// The records listed as found by a search today, per heading (all are counted): a heading
/// used by half a million catalog records needs its missed records listed, not its found ones.
constexpr std::size_t k_found_listed = 100;

/// The search effect of the heading cleanup (docs/search-effect.md, docs/report-schema).
json search_effect(const headings::HeadingAnalysis& analysis, const std::vector<std::string>& names) {
    const auto records = analysis.records();
    auto record_list = [&](const std::vector<std::uint32_t>& ids, std::size_t limit) {
        json list = json::array();
        for (auto id : ids) {
            if (list.size() == limit) {
                break;
            }
            const auto& p = records[id];
            list.push_back(json{{"file", p.source_index < names.size() ? names[p.source_index] : std::string{}},
                                {"record", p.record_number},
                                {"control_number", p.control_number},
                                {"in_batch", p.in_batch}});
        }
        return list;
    };
    const auto& t = analysis.totals();
    json out;
    out["model"] = "records a browse or exact search on the authorized (or preferred) form finds now, "
                   "and after every form of the heading is corrected to it";
    out["totals"] = json{{"headings", t.headings},
                         {"links_found_before", t.before},
                         {"links_found_after", t.after},
                         {"links_recovered", t.after - t.before},
                         {"records_unreachable", t.unreachable},
                         {"recall_before", t.after == 0 ? 1.0 : std::round(10000.0 * static_cast<double>(t.before) / static_cast<double>(t.after)) / 10000},
                         {"recall_after", 1.0}};
    json list = json::array();
    const auto& auth = analysis.authorities();
    for (auto e : analysis.search_effect()) {
        const auto& entity = analysis.entities()[e];
        json forms = json::array();
        for (const auto& f : entity.forms) {
            forms.push_back(json{{"form", f.display}, {"records", f.records}, {"preferred", f.preferred}});
        }
        std::vector<std::uint32_t> missed;
        std::set_difference(entity.after.begin(), entity.after.end(), entity.before.begin(), entity.before.end(),
                            std::back_inserter(missed));
        json h{{"heading", entity.preferred},
               {"authority", entity.authority >= 0 && auth != nullptr
                                 ? json(std::string{trim_blanks(auth->records()[static_cast<std::size_t>(entity.authority)].control_number)})
                                 : json(nullptr)},
               {"confidence", entity.confident ? "high" : "medium"},
               {"before", entity.before.size()},
               {"after", entity.after.size()},
               {"forms", std::move(forms)},
               {"found_before", record_list(entity.before, k_found_listed)},
               {"missed", record_list(missed, missed.size())}};
        if (entity.before.size() > k_found_listed) {
            h["found_before_not_listed"] = entity.before.size() - k_found_listed;
        }
        list.push_back(std::move(h));
    }
    out["headings"] = std::move(list);
    return out;
}

} // namespace

void write_json(const engine::AuditResult& result, std::ostream& out) {
    json report;
    report["marcaudit"] = json{{"version", MARCAUDIT_VERSION}, {"report_schema", 2}};
    json inputs = json::array();
    for (const auto& s : result.sources) {
        inputs.push_back(json{{"file", io::display_name(s.info.name)},
                              {"role", engine::to_string(s.role)},
                              {"format", io::to_string(s.info.format)},
                              {"gzip", s.info.gzip},
                              {"records", counts(s.records)}});
    }
    report["inputs"] = std::move(inputs);
    report["records"] = counts(result.records);
    report["records"]["with_findings"] = result.records_with_findings();
    report["score"] = score_json(result);
    report["effort"] = effort_json(result.effort);

    json by_rule = json::object();
    for (const auto& [id, n] : result.counts_by_rule) {
        by_rule[id] = n;
    }
    report["findings_by_rule"] = std::move(by_rule);
    json records_by_rule = json::object();
    for (const auto& [id, n] : result.records_by_rule) {
        records_by_rule[id] = n;
    }
    report["records_by_rule"] = std::move(records_by_rule);
    report["findings_by_severity"] = json{{"error", result.counts_by_severity[2]},
                                          {"warning", result.counts_by_severity[1]},
                                          {"info", result.counts_by_severity[0]}};

    std::vector<std::string> names;
    for (const auto& s : result.sources) {
        names.push_back(io::display_name(s.info.name));
    }
    auto file_of = [&](std::uint32_t index) -> std::string_view {
        return index < names.size() ? std::string_view{names[index]} : std::string_view{};
    };
    json rejected = json::array();
    for (const auto& r : result.rejections) {
        rejected.push_back(json{{"file", file_of(r.source_index)},
                                {"record", r.record_number},
                                {"byte_offset", r.byte_offset},
                                {"reason", r.reason}});
    }
    report["rejected"] = std::move(rejected);
    if (result.duplicates != nullptr) {
        const auto& d = *result.duplicates;
        json groups = json::array();
        for (const auto& g : d.groups()) {
            json members = json::array();
            for (auto m : g.records) {
                const auto& r = d.records()[m];
                members.push_back(json{{"file", file_of(r.source_index)},
                                       {"record", r.record_number},
                                       {"control_number", r.control_number},
                                       {"in_batch", d.in_batch(m)}});
            }
            groups.push_back(json{{"kind", identifiers::to_string(g.kind)}, {"value", g.value}, {"records", std::move(members)}});
        }
        report["duplicates"] = std::move(groups);
    }
    if (result.gates != nullptr) {
        report["gates"] = json{{"failed", result.gates->failed},
                               {"failures", result.gates->reasons},
                               {"passed", result.gates->checked}};
    }
    if (result.baseline != nullptr) {
        const auto& b = *result.baseline;
        json added = json::array();
        result.findings.visit(b.added, [&](std::size_t, const Finding& f) {
            added.push_back(json{{"rule", f.rule_id},
                                 {"severity", to_string(f.severity)},
                                 {"file", file_of(f.source_index)},
                                 {"record", f.record_number},
                                 {"control_number", f.control_number},
                                 {"tag", f.tag},
                                 {"message", f.message}});
        });
        json resolved = json::array();
        for (const auto& f : b.resolved) {
            resolved.push_back(json{{"rule", f.rule},
                                    {"severity", f.severity},
                                    {"file", f.file},
                                    {"record", f.record},
                                    {"control_number", f.control_number},
                                    {"tag", f.tag},
                                    {"message", f.message}});
        }
        report["baseline"] = json{{"previous", b.previous},
                                  {"previous_findings", b.previous_findings},
                                  {"matched_by", "control number (001), rule and field tag"},
                                  {"new_count", b.added.size()},
                                  {"resolved_count", b.resolved.size()},
                                  {"new", std::move(added)},
                                  {"resolved", std::move(resolved)}};
    }
    if (result.history != nullptr) {
        const auto& v = *result.history;
        const auto two = [](double x) { return std::round(x * 100) / 100; };
        json trend = json::array();
        for (const auto& r : v.runs) {
            trend.push_back(json{{"run", r.id},
                                 {"date", history::format_date(r.time)},
                                 {"records", r.records_read},
                                 {"clean", r.records_clean},
                                 {"score", r.score ? json(two(*r.score)) : json(nullptr)},
                                 {"grade", r.grade},
                                 {"findings", r.findings},
                                 {"errors", r.errors},
                                 {"warnings", r.warnings},
                                 {"info", r.infos},
                                 {"hours_low", two(r.hours_low)},
                                 {"hours_high", two(r.hours_high)},
                                 {"gates_passed", r.gates_passed},
                                 {"tracked", r.tracked},
                                 {"problems_new", r.problems_new},
                                 {"problems_resolved", r.problems_resolved},
                                 {"db_bytes", r.db_bytes}});
        }
        json ages = json::array();
        for (const auto& a : v.by_rule) {
            ages.push_back(json{{"rule", a.rule},
                                {"open", a.open},
                                {"new", a.new_in_run},
                                {"oldest_run", a.oldest_run},
                                {"oldest_date", history::format_date(a.oldest_time)},
                                {"oldest_days", v.days_since(a.oldest_time)}});
        }
        report["history"] = json{{"database", v.path},
                                 {"runs_kept", v.total_runs},
                                 {"run", v.latest().id},
                                 {"db_bytes", v.latest().db_bytes},
                                 {"problems_open", v.open},
                                 {"trend", std::move(trend)},
                                 {"open_by_rule", std::move(ages)}};
    }
    if (result.completeness != nullptr) {
        const auto& d = *result.completeness;
        json histogram = json::array();
        for (const auto& [total, n] : d.histogram()) {
            histogram.push_back(json{{"score", total}, {"records", n}});
        }
        json rows = json::array();
        for (std::size_t i = 0; i < scoring::tt_element_count; ++i) {
            const auto e = static_cast<scoring::TtElement>(i);
            rows.push_back(json{{"element", scoring::to_string(e)},
                                {"records_with_points", d.row_records(e)},
                                {"points", d.row_sum(e)}});
        }
        report["completeness"] = json{{"model", "thompson-traill"},
                                      {"records", d.records()},
                                      {"mean", std::round(d.mean() * 100) / 100},
                                      {"median", d.quantile(0.5)},
                                      {"lower_quartile", d.quantile(0.25)},
                                      {"upper_quartile", d.quantile(0.75)},
                                      {"histogram", std::move(histogram)},
                                      {"elements", std::move(rows)}};
    }
    if (result.headings != nullptr) {
        const auto* auth = result.headings->authorities();
        report["headings"] = json{{"gathered", result.headings->heading_count()},
                                  {"authority_records", auth != nullptr ? auth->records().size() - auth->duplicates() : 0},
                                  {"authority_duplicates", auth != nullptr ? auth->duplicates() : 0},
                                  {"authority_withdrawn", auth != nullptr ? auth->withdrawn() : 0}};
        json coverage = json::array();
        for (const auto& c : result.headings->coverage()) {
            coverage.push_back(json{{"scope", c.scope},
                                    {"kind", headings::to_string(c.kind)},
                                    {"authority_records", c.authority_records},
                                    {"headings", c.headings},
                                    {"matched", c.matched},
                                    {"covered", c.covered}});
        }
        report["headings"]["coverage"] = std::move(coverage);
        report["search_effect"] = search_effect(*result.headings, names);
    }

    // The head is small: let the library lay it out. The findings and per-record counts can
    // run to millions of entries: they are streamed in the same layout, never held as a tree.
    std::string head = report.dump(2, ' ', false, json::error_handler_t::replace);
    head.resize(head.size() - 2);  // drop "\n}"
    out << head;
    std::string buf;
    buf.reserve(1 << 20);
    auto flush = [&](bool force) {
        if (force || buf.size() > (1 << 20) - 4096) {
            out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
            buf.clear();
        }
    };
    buf += ",\n  \"findings\": [";
    // Formatting millions of findings is the bulk of the work: in parallel blocks.
    flush(true);
    detail::write_findings_in_blocks(out, result.findings, 700, [&](std::size_t i, const Finding& f, std::string& text) {
        text += i == 0 ? "\n    {\n" : ",\n    {\n";
        detail::member(text, "rule", f.rule_id);
        detail::member(text, "severity", to_string(f.severity));
        detail::member(text, "file", file_of(f.source_index));
        detail::member(text, "record", f.record_number);
        detail::member(text, "control_number", f.control_number);
        detail::member(text, "byte_offset", f.byte_offset);
        detail::member(text, "tag", f.tag);
        detail::member(text, "occurrence", f.occurrence);
        detail::member(text, "position", f.position);
        detail::member(text, "message", f.message, f.value.empty() && f.fix.empty());
        if (!f.value.empty()) {
            detail::member(text, "value", f.value, f.fix.empty());
        }
        if (!f.fix.empty()) {
            detail::member(text, "fix", f.fix, true);
        }
        text += "    }";
    });
    bool first = result.findings.empty();
    buf += first ? "]" : "\n  ]";
    buf += ",\n  \"record_findings\": [";
    first = true;
    for (const auto& t : result.record_tallies) {
        buf += first ? "\n    {\n" : ",\n    {\n";
        first = false;
        detail::member(buf, "file", file_of(t.source_index));
        detail::member(buf, "record", t.record_number);
        detail::member(buf, "control_number", t.control_number);
        detail::member(buf, "findings", t.findings);
        detail::member(buf, "error", t.by_severity[2]);
        detail::member(buf, "warning", t.by_severity[1]);
        detail::member(buf, "info", t.by_severity[0]);
        detail::member_number(buf, "score", t.rejected ? result.scoring_model.rejected_score : scoring::record_score(t.penalty),
                              true);
        buf += "    }";
        flush(false);
    }
    buf += first ? "]" : "\n  ]";
    buf += "\n}\n";
    flush(true);
}

} // namespace marcaudit::report
