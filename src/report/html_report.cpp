// The HTML report: one self-contained file (inline CSS and SVG, no script, no network), for
// a manager's first page and a cataloger's lists. Page one is the headline: score and
// grade, records, findings by module, cleanup hours and the search effect. Then the records
// to fix by rule (the first of each; every finding is in findings.csv), the cleanup
// estimate, duplicates, completeness, and the record accounting. Sizes are capped so that a
// report of a million records opens at once.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "marcaudit/headings/analysis.hpp"
#include "marcaudit/history/history.hpp"
#include "marcaudit/headings/authority_index.hpp"
#include "marcaudit/identifiers/duplicates.hpp"
#include "marcaudit/io/input.hpp"
#include "marcaudit/report/reports.hpp"
#include "marcaudit/rules/rule.hpp"
#include "marcaudit/scoring/score.hpp"
#include "marcaudit/scoring/thompson_traill.hpp"
#include "report/format.hpp"
#include "report/xml.hpp"

namespace marcaudit::report {

namespace {

using detail::grouped;
using detail::hours;

constexpr std::size_t k_rows_per_rule = 50;   ///< findings shown per rule (all in findings.csv)
constexpr std::size_t k_headings_shown = 50;  ///< search-effect rows
constexpr std::size_t k_groups_shown = 50;    ///< duplicate groups
constexpr std::size_t k_rejected_shown = 100;
constexpr std::size_t k_changes_shown = 50;   ///< new and resolved findings listed
constexpr std::size_t k_ages_shown = 10;      ///< rules in the "open longest" table

/// `text` escaped for HTML text and double-quoted attribute values.
std::string esc(std::string_view text) {
    return detail::xml_escaped(text);
}

std::string file_of(const engine::AuditResult& result, std::uint32_t index) {
    return index < result.sources.size() ? io::display_name(result.sources[index].info.name) : std::string{};
}

constexpr std::string_view k_style = R"(
:root { --err: #b3261e; --warn: #b26a00; --info: #3b6ea8; --ok: #2e7d32; --ink: #1b1b1f; --muted: #5f6368; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 22px; margin: 4px 0 2px; } h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; }
h3 { font-size: 16px; margin: 18px 0 4px; } .muted { color: var(--muted); font-size: 13px; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 12px 0; }
.tile { border: 1px solid #ddd; border-radius: 8px; padding: 10px 14px; }
.tile .big { font-size: 30px; font-weight: 650; } .tile .label { color: var(--muted); font-size: 13px; }
#gates { border-radius: 6px; padding: 4px 12px; margin: 6px 0; font-size: 13px; }
#gates ul { margin: 2px 0 0 0; padding-left: 18px; }
#worth { font-size: 13px; margin: 6px 0; }
.gate-failed { background: #fdecea; border: 1px solid #c62828; }
.gate-passed { background: #edf7ed; border: 1px solid #2e7d32; }
.grade { display: inline-block; min-width: 38px; text-align: center; border-radius: 6px; color: #fff; margin-left: 8px; font-size: 24px; padding: 0 6px; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.chart { border: 1px solid #ddd; border-radius: 8px; padding: 8px 12px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 4px 0 8px; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #eee; vertical-align: top; }
th { background: #f6f6f6; } td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code, .v { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-all; }
.sev-error { color: var(--err); font-weight: 600; } .sev-warning { color: var(--warn); font-weight: 600; } .sev-info { color: var(--info); }
@media print { main { max-width: none; padding: 0; } h2 { break-before: page; } tr { break-inside: avoid; } }
)";

std::string_view grade_colour(std::string_view grade) {
    if (grade == "A") return "#2e7d32";
    if (grade == "B") return "#558b2f";
    if (grade == "C") return "#b26a00";
    if (grade == "D") return "#c75000";
    return "#b3261e";
}

/// A horizontal bar chart of findings by module, stacked by severity.
std::string module_chart(const engine::AuditResult& result) {
    struct Row {
        std::uint64_t by[3] = {0, 0, 0};
        [[nodiscard]] std::uint64_t total() const { return by[0] + by[1] + by[2]; }
    };
    std::map<std::string, Row> modules;
    for (const auto& [id, n] : result.counts_by_rule) {
        const auto severity = result.severity_by_rule.find(id);
        const int s = severity != result.severity_by_rule.end() ? static_cast<int>(severity->second) : 2;
        modules[id.substr(0, id.find('-'))].by[s] += n;
    }
    if (modules.empty()) {
        return "<p>No findings.</p>";
    }
    std::uint64_t widest = 1;
    for (const auto& [m, r] : modules) {
        widest = std::max(widest, r.total());
    }
    const int row_h = 26;
    const int label_w = 90;
    const int bar_w = 330;
    const auto height = static_cast<int>(modules.size()) * row_h + 24;
    std::string svg = fmt::format(
        R"svg(<svg role="img" aria-label="Findings by module" width="100%" viewBox="0 0 520 {}" xmlns="http://www.w3.org/2000/svg" font-size="12">)svg",
        height);
    int y = 4;
    static constexpr std::string_view colours[3] = {"#3b6ea8", "#b26a00", "#b3261e"};  // info, warning, error
    for (const auto& [module, r] : modules) {
        svg += fmt::format(R"svg(<text x="0" y="{}" dominant-baseline="middle">{}</text>)svg", y + 10, esc(module));
        double x = label_w;
        for (const int s : {2, 1, 0}) {
            const double w = static_cast<double>(r.by[s]) * bar_w / static_cast<double>(widest);
            if (w > 0) {
                svg += fmt::format(R"svg(<rect x="{:.1f}" y="{}" width="{:.1f}" height="18" fill="{}"><title>{} {}</title></rect>)svg", x,
                                   y, std::max(w, 1.0), colours[s], grouped(r.by[s]), to_string(static_cast<Severity>(s)));
                x += std::max(w, 1.0);
            }
        }
        svg += fmt::format(R"svg(<text x="{:.1f}" y="{}" dominant-baseline="middle" fill="#333">{}</text>)svg", x + 6, y + 10,
                           grouped(r.total()));
        y += row_h;
    }
    svg += fmt::format(R"svg(<g transform="translate(0,{})"><rect x="0" y="0" width="10" height="10" fill="#b3261e"/><text x="14" y="9">errors</text>)svg"
                       R"svg(<rect x="70" y="0" width="10" height="10" fill="#b26a00"/><text x="84" y="9">warnings</text>)svg"
                       R"svg(<rect x="155" y="0" width="10" height="10" fill="#3b6ea8"/><text x="169" y="9">information</text></g>)svg",
                       y + 2);
    svg += "</svg>";
    return svg;
}

/// Before/after bars of the search effect for the first headings, and the totals.
std::string search_chart(const engine::AuditResult& result) {
    if (result.headings == nullptr) {
        return "<p class=\"muted\">No heading analysis in this run: give the authority records (--authorities) or the "
               "catalog (--catalog) to see what the heading cleanup does for searches.</p>";
    }
    const auto& a = *result.headings;
    const auto& t = a.totals();
    if (t.headings == 0) {
        return "<p>No heading is split over several forms: the cleanup changes no search on an authorized form.</p>";
    }
    std::string out = fmt::format(
        "<p><b>{} heading(s)</b>: searches on the authorized forms find <b>{} of {}</b> records today, <b>{}</b> after "
        "the fix ({} records recovered).</p>",
        grouped(t.headings), grouped(t.before), grouped(t.after), grouped(t.after), grouped(t.after - t.before));
    const auto effect = a.search_effect();
    const std::size_t shown = std::min<std::size_t>(effect.size(), 5);
    std::uint64_t widest = 1;
    for (std::size_t i = 0; i < shown; ++i) {
        widest = std::max<std::uint64_t>(widest, a.entities()[effect[i]].after.size());
    }
    const int row_h = 40;
    out += fmt::format(
        R"svg(<svg role="img" aria-label="Search effect" width="100%" viewBox="0 0 520 {}" xmlns="http://www.w3.org/2000/svg" font-size="12">)svg",
        static_cast<int>(shown) * row_h + 20);
    int y = 2;
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& e = a.entities()[effect[i]];
        const auto label = display_value(e.preferred, 70);  // cut on a UTF-8 boundary
        const double after_w = static_cast<double>(e.after.size()) * 380 / static_cast<double>(widest);
        const double before_w = static_cast<double>(e.before.size()) * 380 / static_cast<double>(widest);
        out += fmt::format(R"svg(<text x="0" y="{}">{}</text>)svg", y + 11, esc(label));
        out += fmt::format(R"svg(<rect x="0" y="{}" width="{:.1f}" height="9" fill="#c8e6c9"><title>after the fix: {}</title></rect>)svg",
                           y + 15, std::max(after_w, 1.0), e.after.size());
        out += fmt::format(R"svg(<rect x="0" y="{}" width="{:.1f}" height="9" fill="#2e7d32"><title>today: {}</title></rect>)svg", y + 15,
                           std::max(before_w, 1.0), e.before.size());
        out += fmt::format(R"svg(<text x="{:.1f}" y="{}">{} → {}</text>)svg", std::max(after_w, 1.0) + 6, y + 23, e.before.size(),
                           e.after.size());
        y += row_h;
    }
    out += fmt::format(R"svg(<g transform="translate(0,{})"><rect width="10" height="10" fill="#2e7d32"/><text x="14" y="9">found today</text>)svg"
                       R"svg(<rect x="100" width="10" height="10" fill="#c8e6c9"/><text x="114" y="9">found after the fix</text></g></svg>)svg",
                       y + 2);
    return out;
}

void headline(const engine::AuditResult& result, std::string& out) {
    const auto& b = result.score;
    const auto& r = result.records;
    const auto& e = result.effort;
    // The inputs by file name (the folders are in the accounting at the end), three at most.
    std::string inputs;
    std::size_t batch_files = 0;
    for (const auto& s : result.sources) {
        if (s.role == engine::SourceRole::batch && batch_files++ < 3) {
            inputs += inputs.empty() ? "" : ", ";
            inputs += std::filesystem::path{io::display_name(s.info.name)}.filename().string();
        }
    }
    if (batch_files > 3) {
        inputs += fmt::format(" and {} more", batch_files - 3);
    }
    out += "<section id=\"headline\">\n";
    out += fmt::format("<h1>Catalog audit</h1>\n<p class=\"muted\">{} · marcaudit {}, profile {} · score model in "
                       "docs/scoring.md, cleanup estimate in docs/effort.md</p>\n",
                       esc(inputs), MARCAUDIT_VERSION, esc(result.profile_name));
    // What the gates decided, first: a failed nightly check must not hide under the charts.
    if (result.gates != nullptr) {
        const auto& g = *result.gates;
        out += fmt::format("<div id=\"gates\" class=\"{}\"><strong>{}</strong>", g.failed ? "gate-failed" : "gate-passed",
                           g.failed ? fmt::format("Gate failed (exit 1): {} gate(s)", g.reasons.size())
                                    : std::string{"Gates passed"});
        if (!g.reasons.empty() || !g.checked.empty()) {
            out += "<ul>";
            for (const auto& why : g.reasons) {
                out += fmt::format("<li>failed: {}</li>", esc(why));
            }
            for (const auto& ok : g.checked) {
                out += fmt::format("<li>passed: {}</li>", esc(ok));
            }
            out += "</ul>";
        }
        out += "</div>\n";
    }
    // With a baseline: what changed since it, and the score's change.
    if (result.baseline != nullptr) {
        const auto& d = *result.baseline;
        std::string score_change;
        if (d.previous_score && b.records > 0) {
            score_change = fmt::format(" · score {:.1f} → {:.1f} ({:+.1f})", *d.previous_score, b.mean, b.mean - *d.previous_score);
        }
        out += fmt::format("<p id=\"since\">Since the baseline ({}): <strong>{} new</strong> finding(s), {} resolved{}</p>\n",
                           esc(d.previous), grouped(d.added.size()), grouped(d.resolved.size()), esc(score_change));
    }
    out += "<div class=\"tiles\">\n";
    out += fmt::format("<div class=\"tile\" id=\"score\"><div class=\"label\">Batch score</div><div class=\"big\">{:.1f}<span "
                       "class=\"grade\" style=\"background:{}\">{}</span></div><div class=\"label\">of 100 · {:.0f}% of records "
                       "clean</div></div>\n",
                       b.mean, grade_colour(b.grade), esc(b.grade), b.clean_share() * 100);
    out += fmt::format("<div class=\"tile\" id=\"records\"><div class=\"label\">Records</div><div class=\"big\">{}</div><div "
                       "class=\"label\">read · {} audited · {} rejected</div></div>\n",
                       grouped(r.read), grouped(r.audited), grouped(r.rejected));
    out += fmt::format("<div class=\"tile\" id=\"findings\"><div class=\"label\">Findings</div><div class=\"big\">{}</div><div "
                       "class=\"label\"><span class=\"sev-error\">{} errors</span> · <span class=\"sev-warning\">{} "
                       "warnings</span> · {} info</div></div>\n",
                       grouped(result.findings.size()), grouped(result.counts_by_severity[2]),
                       grouped(result.counts_by_severity[1]), grouped(result.counts_by_severity[0]));
    if (e.high_hours > 0) {
        out += fmt::format("<div class=\"tile\" id=\"cleanup\"><div class=\"label\">Cleanup</div><div class=\"big\">{}–{} "
                           "h</div><div class=\"label\">staff hours · top 3 fixes: {:.0f}% of it</div></div>\n",
                           hours(e.low_hours), hours(e.high_hours), e.top_share(3) * 100);
    } else {
        out += "<div class=\"tile\" id=\"cleanup\"><div class=\"label\">Cleanup</div><div class=\"big\">–</div><div "
               "class=\"label\">no cost set in the profile</div></div>\n";
    }
    out += "</div>\n";
    // Which fixes buy most for patrons per staff hour, and how much of the work can wait.
    if (!e.by_value.empty()) {
        out += "<p id=\"worth\"><strong>Worth the staff time first</strong> (what the defect does to patrons × records "
               "repaired, per staff hour; docs/effort.md): ";
        for (std::size_t i = 0; i < e.by_value.size() && i < 3; ++i) {
            const auto& f = e.rules[e.by_value[i]];
            out += fmt::format("{}{} ({}, {} record(s), {}{})", i == 0 ? "" : " · ", esc(f.rule), esc(f.impact),
                               grouped(f.records), detail::time_range(f.low_hours, f.high_hours, "–"),
                               f.urgent_because.empty() ? std::string{} : ", " + esc(f.urgent_because));
        }
        out += fmt::format(". Can wait: {:.0f}% of the hours go to display-only blemishes.</p>\n", e.can_wait_share * 100);
    }
    out += "<div class=\"charts\">\n<div class=\"chart\"><h3>Findings by module</h3>\n";
    out += module_chart(result);
    out += "</div>\n<div class=\"chart\"><h3>What the heading cleanup does for searches</h3>\n";
    out += search_chart(result);
    out += "</div>\n</div>\n</section>\n";
}

/// With a baseline: the findings new since it and those resolved, the first of each.
void changes_section(const engine::AuditResult& result, std::string& out) {
    if (result.baseline == nullptr) {
        return;
    }
    const auto& d = *result.baseline;
    out += fmt::format("<section id=\"changes\">\n<h2>Since the baseline: {} new, {} resolved</h2>\n<p class=\"muted\">"
                       "Compared with {} ({} findings then), matched by 001, rule and field (docs/nightly.md); every "
                       "new finding is in report.json under <code>baseline.new</code>.</p>\n",
                       grouped(d.added.size()), grouped(d.resolved.size()), esc(d.previous),
                       grouped(d.previous_findings));
    if (!d.added.empty()) {
        const std::vector<std::size_t> first(d.added.begin(),
                                             d.added.begin() + static_cast<std::ptrdiff_t>(std::min(d.added.size(), k_changes_shown)));
        out += "<h3 id=\"new-findings\">New findings</h3>\n<table><tr><th>rule</th><th>file</th><th>record</th><th>001</th>"
               "<th>field</th><th>what</th></tr>\n";
        result.findings.visit(first, [&](std::size_t, const Finding& f) {
            out += fmt::format("<tr><td><span class=\"sev-{}\">{}</span></td><td>{}</td><td class=\"n\">{}</td><td><code>{}"
                               "</code></td><td><code>{}</code></td><td>{}</td></tr>\n",
                               to_string(f.severity), esc(f.rule_id), esc(file_of(result, f.source_index)), f.record_number,
                               esc(trim_blanks(f.control_number)), esc(f.tag), esc(f.message));
        });
        out += "</table>\n";
        if (d.added.size() > k_changes_shown) {
            out += fmt::format("<p class=\"muted\">… and {} more.</p>\n", grouped(d.added.size() - k_changes_shown));
        }
    }
    if (!d.resolved.empty()) {
        out += "<h3 id=\"resolved-findings\">Resolved findings</h3>\n<table><tr><th>rule</th><th>file then</th><th>record "
               "then</th><th>001</th><th>field</th><th>what it was</th></tr>\n";
        for (std::size_t i = 0; i < d.resolved.size() && i < k_changes_shown; ++i) {
            const auto& f = d.resolved[i];
            out += fmt::format("<tr><td><span class=\"sev-{}\">{}</span></td><td>{}</td><td class=\"n\">{}</td><td><code>{}"
                               "</code></td><td><code>{}</code></td><td>{}</td></tr>\n",
                               esc(f.severity), esc(f.rule), esc(f.file), f.record, esc(trim_blanks(f.control_number)),
                               esc(f.tag), esc(f.message));
        }
        out += "</table>\n";
        if (d.resolved.size() > k_changes_shown) {
            out += fmt::format("<p class=\"muted\">… and {} more.</p>\n", grouped(d.resolved.size() - k_changes_shown));
        }
    }
    out += "</section>\n";
}

/// The trend of the runs kept in the history: score and share of clean records per run, a
/// failed run marked in red.
std::string trend_chart(const history::HistoryView& view) {
    const auto& runs = view.runs;
    const double left = 34;
    const double width = 470;
    const double top = 10;
    const double height = 120;
    const auto x_of = [&](std::size_t i) {
        return runs.size() == 1 ? left + width / 2 : left + width * static_cast<double>(i) / static_cast<double>(runs.size() - 1);
    };
    const auto y_of = [&](double percent) { return top + height * (1.0 - percent / 100.0); };
    std::string svg = R"svg(<svg role="img" aria-label="Score and clean records per run" width="100%" viewBox="0 0 520 175" xmlns="http://www.w3.org/2000/svg" font-size="11">)svg";
    for (const int tick : {0, 50, 100}) {
        svg += fmt::format(R"svg(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#ddd"/><text x="0" y="{:.1f}">{}</text>)svg",
                           left, left + width, y_of(tick), y_of(tick), y_of(tick) + 4, tick);
    }
    std::string score_points;
    std::string clean_points;
    std::string marks;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto& r = runs[i];
        const double x = x_of(i);
        const double clean = r.records_read == 0 ? 0.0 : 100.0 * static_cast<double>(r.records_clean) / static_cast<double>(r.records_read);
        if (r.score) {
            score_points += fmt::format("{}{:.1f},{:.1f}", score_points.empty() ? "" : " ", x, y_of(*r.score));
        }
        clean_points += fmt::format("{}{:.1f},{:.1f}", clean_points.empty() ? "" : " ", x, y_of(clean));
        // A run whose input failed (a broken export) is an open circle: not counted for problems.
        marks += fmt::format(R"svg(<circle cx="{:.1f}" cy="{:.1f}" r="3" fill="{}" stroke="{}"><title>run {}, {}: score {}, {:.0f}% of records clean, {} records, gates {}</title></circle>)svg",
                             x, y_of(r.score.value_or(0)), !r.tracked ? "#fff" : r.gates_passed ? "#3b6ea8" : "#b3261e",
                             r.gates_passed ? "#3b6ea8" : "#b3261e", r.id, history::format_date(r.time),
                             r.score ? fmt::format("{:.1f}", *r.score) : std::string{"none"}, clean,
                             grouped(r.records_read),
                             r.gates_passed ? "passed" : r.tracked ? "failed" : "failed on the input (a broken export: not counted)");
    }
    svg += fmt::format(R"svg(<polyline id="trend-score" fill="none" stroke="#3b6ea8" stroke-width="2" points="{}"/>)svg", score_points);
    svg += fmt::format(R"svg(<polyline id="trend-clean" fill="none" stroke="#2e7d32" stroke-width="1.5" stroke-dasharray="4 3" points="{}"/>)svg",
                       clean_points);
    svg += marks;
    svg += fmt::format(R"svg(<text x="{}" y="{:.1f}">{}</text><text x="{}" y="{:.1f}" text-anchor="end">{}</text>)svg", left,
                       top + height + 16, history::format_date(runs.front().time), left + width, top + height + 16,
                       history::format_date(runs.back().time));
    svg += fmt::format(R"svg(<g transform="translate({},{:.1f})"><line x1="0" x2="16" y1="5" y2="5" stroke="#3b6ea8" stroke-width="2"/><text x="20" y="9">score</text>)svg"
                       R"svg(<line x1="70" x2="86" y1="5" y2="5" stroke="#2e7d32" stroke-dasharray="4 3"/><text x="90" y="9">% of records clean</text>)svg"
                       R"svg(<circle cx="205" cy="5" r="3" fill="#b3261e"/><text x="212" y="9">gates failed</text>)svg"
                       R"svg(<circle cx="290" cy="5" r="3" fill="#fff" stroke="#b3261e"/><text x="297" y="9">a broken export</text></g></svg>)svg",
                       left, top + height + 24);
    return svg;
}

/// The history of runs (--history): the trend, and how long the top problems have been open.
void history_section(const engine::AuditResult& result, std::string& out) {
    if (result.history == nullptr) {
        return;
    }
    const auto& v = *result.history;
    const auto& last = v.latest();
    out += fmt::format("<section id=\"history\">\n<h2>History of runs</h2>\n<p class=\"muted\">{}: {} run(s) from {} to {}; "
                       "the last {} shown (marcaudit history {} prints them; docs/history.md).</p>\n",
                       esc(v.path), grouped(v.total_runs), history::format_date(v.first_time),
                       history::format_date(last.time), v.runs.size(), esc(v.path));
    out += "<div class=\"charts\">\n<div class=\"chart\"><h3>Score and clean records per run</h3>\n";
    out += trend_chart(v);
    out += last.tracked
               ? fmt::format("<p class=\"muted\">This run: {} problem(s) new, {} resolved since the run before, {} open.</p>\n",
                             grouped(last.problems_new), grouped(last.problems_resolved), grouped(v.open))
               : fmt::format("<p class=\"muted\">This run's input failed a gate: its findings were not counted as new or "
                             "resolved problems (a broken export says nothing about the records); {} open as of the last "
                             "sound run.</p>\n",
                             grouped(v.open));
    out += "</div>\n<div class=\"chart\"><h3>Open longest</h3>\n";
    if (v.by_rule.empty()) {
        out += "<p>No open problem.</p>\n";
    } else {
        out += "<table id=\"open-longest\"><tr><th>check</th><th>open</th><th>new</th><th>oldest since</th><th>days</th></tr>\n";
        for (std::size_t i = 0; i < v.by_rule.size() && i < k_ages_shown; ++i) {
            const auto& a = v.by_rule[i];
            out += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{} (run {})</td><td "
                               "class=\"n\">{}</td></tr>\n",
                               esc(a.rule), grouped(a.open), grouped(a.new_in_run), history::format_date(a.oldest_time),
                               a.oldest_run, v.days_since(a.oldest_time));
        }
        out += "</table>\n";
    }
    out += "</div>\n</div>\n</section>\n";
}

void records_to_fix(const engine::AuditResult& result, std::string& out) {
    out += "<section id=\"fix\">\n<h2>Records to fix, by problem</h2>\n<p class=\"muted\">The first " +
           std::to_string(k_rows_per_rule) +
           " findings of each check: errors first, then warnings, then information, the most frequent "
           "first; every finding is in findings.csv and report.json.</p>\n";
    // Errors first, then warnings, then information; the most frequent first within each.
    std::vector<std::pair<std::string, std::uint64_t>> rules(result.counts_by_rule.begin(), result.counts_by_rule.end());
    auto severity_of = [&](const std::string& id) {
        const auto it = result.severity_by_rule.find(id);
        return it != result.severity_by_rule.end() ? static_cast<int>(it->second) : 2;
    };
    std::stable_sort(rules.begin(), rules.end(), [&](const auto& a, const auto& b) {
        const int sa = severity_of(a.first);
        const int sb = severity_of(b.first);
        return sa != sb ? sa > sb : a.second > b.second;
    });
    // The first findings of every rule, in one pass over the findings.
    const auto examples = detail::examples_by_rule(result, k_rows_per_rule);
    for (const auto& [id, n] : rules) {
        const auto severity = result.severity_by_rule.find(id);
        const auto sev = severity != result.severity_by_rule.end() ? to_string(severity->second) : "";
        out += fmt::format("<h3 id=\"rule-{}\"><span class=\"sev-{}\">{}</span> {}: {} finding(s)</h3>\n<p>{}</p>\n", esc(id),
                           sev, sev, esc(id), grouped(n), esc(rules::rule_summary(id)));
        out += "<table><tr><th>file</th><th>record</th><th>001</th><th>field</th><th>what</th><th>value</th><th>fix</th></tr>\n";
        for (const auto& row : examples.of(id)) {
            const Finding* f = &row;
            out += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td><code>{}</code></td><td><code>{}{}</code></td><td>{}</td><td "
                               "class=\"v\">{}</td><td>{}</td></tr>\n",
                               esc(file_of(result, f->source_index)), f->record_number, esc(trim_blanks(f->control_number)),
                               esc(f->tag), esc(f->position.empty() ? "" : " " + f->position), esc(f->message), esc(display_value(f->value, 80)),
                               esc(f->fix));
        }
        out += "</table>\n";
        if (n > k_rows_per_rule) {
            out += fmt::format("<p class=\"muted\">… and {} more in findings.csv.</p>\n", grouped(n - k_rows_per_rule));
        }
    }
    out += "</section>\n";
}

void effort_section(const engine::AuditResult& result, std::string& out) {
    const auto& e = result.effort;
    out += "<section id=\"effort\">\n<h2>Cleanup estimate</h2>\n";
    if (e.high_hours <= 0) {
        out += "<p>The profile sets no cost for these findings.</p></section>\n";
        return;
    }
    out += fmt::format("<p><b>{}–{} staff hours</b>. By module: ", hours(e.low_hours), hours(e.high_hours));
    bool firstm = true;
    for (const auto& [module, range] : e.by_module) {
        if (range.second > 0) {
            out += fmt::format("{}{} {}–{} h", firstm ? "" : "; ", esc(module), hours(range.first), hours(range.second));
            firstm = false;
        }
    }
    out += ".</p>\n<table><tr><th>check</th><th>findings</th><th>records</th><th>how</th><th>hours</th></tr>\n";
    for (const auto& r : e.rules) {
        if (r.high_hours <= 0) {
            continue;
        }
        out += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}–{}</td></tr>\n",
                           esc(r.rule), grouped(r.findings), grouped(r.records),
                           r.batch ? "one batch edit" : "record by record", hours(r.low_hours), hours(r.high_hours));
    }
    out += "</table>\n</section>\n";
}

void coverage_section(const engine::AuditResult& result, std::string& out) {
    if (result.headings == nullptr || result.headings->coverage().empty()) {
        return;
    }
    out += "<section id=\"coverage\">\n<h2>What the authority data covers</h2>\n<p class=\"muted\">Per vocabulary and "
           "kind of heading, how many of the batch's headings the authority data matches. Where it does not cover a "
           "scope, unmatched headings are not called uncontrolled (docs/rules/heading-uncontrolled.md).</p>\n"
           "<table><tr><th>vocabulary</th><th>kind</th><th>headings</th><th>matched</th><th>authority records</th>"
           "<th>covered</th></tr>\n";
    for (const auto& c : result.headings->coverage()) {
        out += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{} ({})</td><td "
                           "class=\"n\">{}</td><td>{}</td></tr>\n",
                           esc(headings::scope_label(c.scope)), headings::to_string(c.kind), grouped(c.headings), grouped(c.matched),
                           detail::percent(c.matched, c.headings), grouped(c.authority_records),
                           c.covered ? "yes" : "no: not judged");
    }
    out += "</table>\n</section>\n";
}

void headings_section(const engine::AuditResult& result, std::string& out) {
    coverage_section(result, out);
    if (result.headings == nullptr || result.headings->totals().headings == 0) {
        return;
    }
    const auto& a = *result.headings;
    const auto* auth = a.authorities();
    out += "<section id=\"search-effect\">\n<h2>Search effect of the heading cleanup</h2>\n<p class=\"muted\">What a "
           "browse or exact search on the authorized (or suggested) form finds today and after every form is "
           "corrected; the full table is in headings.csv (docs/search-effect.md).</p>\n";
    out += "<table><tr><th>heading</th><th>authority</th><th>today</th><th>after</th><th>forms in the catalog</th></tr>\n";
    std::size_t shown = 0;
    for (auto id : a.search_effect()) {
        if (shown++ == k_headings_shown) {
            break;
        }
        const auto& e = a.entities()[id];
        std::string forms;
        for (const auto& f : e.forms) {
            forms += fmt::format("{}{} ({})", forms.empty() ? "" : "<br>", esc(f.display), f.records);
        }
        out += fmt::format("<tr><td>{}</td><td><code>{}</code></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
                           esc(e.preferred),
                           e.authority >= 0 && auth != nullptr
                               ? esc(trim_blanks(auth->records()[static_cast<std::size_t>(e.authority)].control_number))
                               : std::string{},
                           e.before.size(), e.after.size(), forms);
    }
    out += "</table>\n</section>\n";
}

void duplicates_section(const engine::AuditResult& result, std::string& out) {
    if (result.duplicates == nullptr || result.duplicates->groups().empty()) {
        return;
    }
    const auto& d = *result.duplicates;
    out += fmt::format("<section id=\"duplicates\">\n<h2>Duplicates: {} group(s)</h2>\n<table><tr><th>kind</th><th>shared "
                       "value</th><th>records</th></tr>\n",
                       grouped(d.groups().size()));
    std::size_t shown = 0;
    for (const auto& g : d.groups()) {
        if (shown++ == k_groups_shown) {
            break;
        }
        std::string members;
        for (auto m : g.records) {
            const auto& r = d.records()[m];
            members += fmt::format("{}{}{} record {}{}", members.empty() ? "" : "<br>", d.in_batch(m) ? "" : "catalog ",
                                   esc(file_of(result, r.source_index)), r.record_number,
                                   trim_blanks(r.control_number).empty() ? std::string{}
                                                                        : " (001 " + esc(trim_blanks(r.control_number)) + ")");
        }
        out += fmt::format("<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>\n", identifiers::to_string(g.kind),
                           esc(g.value), members);
    }
    out += "</table>\n</section>\n";
}

void completeness_section(const engine::AuditResult& result, std::string& out) {
    if (result.completeness == nullptr || result.completeness->records() == 0) {
        return;
    }
    const auto& d = *result.completeness;
    out += fmt::format("<section id=\"completeness\">\n<h2>Completeness (Thompson–Traill)</h2>\n<p>{} book records scored: "
                       "mean {:.1f}, median {}, range {}–{} (docs/rules/vendor-record-brief.md).</p>\n",
                       grouped(d.records()), d.mean(), d.quantile(0.5), d.histogram().begin()->first,
                       d.histogram().rbegin()->first);
    std::uint64_t widest = 1;
    for (const auto& [score, n] : d.histogram()) {
        widest = std::max(widest, n);
    }
    const auto top = d.histogram().rbegin()->first;
    const double bar = 480.0 / static_cast<double>(top + 1);
    out += fmt::format(R"svg(<svg role="img" aria-label="Completeness scores" width="100%" viewBox="0 0 500 140" xmlns="http://www.w3.org/2000/svg" font-size="11">)svg");
    for (const auto& [score, n] : d.histogram()) {
        const double h = static_cast<double>(n) * 110 / static_cast<double>(widest);
        out += fmt::format(R"svg(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="#3b6ea8"><title>score {}: {} records</title></rect>)svg",
                           10 + score * bar, 115 - h, std::max(bar - 1, 1.0), h, score, n);
    }
    out += fmt::format(R"svg(<text x="10" y="132">0</text><text x="{:.1f}" y="132">{}</text></svg>)svg", 10 + top * bar, top);
    out += "</section>\n";
}

void accounting_section(const engine::AuditResult& result, std::string& out) {
    out += "<section id=\"accounting\">\n<h2>Record accounting</h2>\n<table><tr><th>input</th><th>role</th><th>read</th>"
           "<th>audited</th><th>rejected</th></tr>\n";
    for (const auto& s : result.sources) {
        out += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                           esc(io::display_name(s.info.name)), engine::to_string(s.role), grouped(s.records.read),
                           grouped(s.records.audited), grouped(s.records.rejected));
    }
    out += fmt::format("<tr><th>batch</th><th></th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></table>\n",
                       grouped(result.records.read), grouped(result.records.audited), grouped(result.records.rejected));
    if (!result.rejections.empty()) {
        out += "<h3>Rejected records</h3>\n<table><tr><th>file</th><th>record</th><th>byte</th><th>why</th></tr>\n";
        std::size_t shown = 0;
        for (const auto& r : result.rejections) {
            if (shown == k_rejected_shown) {
                break;
            }
            ++shown;
            out += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
                               esc(file_of(result, r.source_index)), r.record_number, r.byte_offset, esc(r.reason));
        }
        out += "</table>\n";
    }
    out += "</section>\n";
}

} // namespace

void write_html(const engine::AuditResult& result, std::ostream& out) {
    std::string html;
    html.reserve(1 << 20);
    html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    html += fmt::format("<title>marcaudit: score {:.1f} ({})</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
                        result.score.mean, esc(result.score.grade), k_style);
    headline(result, html);
    history_section(result, html);
    changes_section(result, html);
    records_to_fix(result, html);
    effort_section(result, html);
    headings_section(result, html);
    duplicates_section(result, html);
    completeness_section(result, html);
    accounting_section(result, html);
    html += "</main>\n</body>\n</html>\n";
    out.write(html.data(), static_cast<std::streamsize>(html.size()));
}

} // namespace marcaudit::report
