#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "marcaudit/headings/analysis.hpp"
#include "marcaudit/identifiers/duplicates.hpp"
#include "marcaudit/io/input.hpp"
#include "marcaudit/report/reports.hpp"
#include "marcaudit/rules/catalog.hpp"
#include "marcaudit/rules/rule.hpp"
#include "marcaudit/scoring/effort.hpp"
#include "marcaudit/scoring/score.hpp"
#include "marcaudit/scoring/thompson_traill.hpp"
#include "report/format.hpp"

namespace marcaudit::report {

namespace {

using detail::grouped;
using detail::hours;

/// 1234567 → "1,234,567": counts read at a glance.

constexpr std::size_t k_examples_per_rule = 5;
constexpr std::size_t k_rejections_shown = 20;
constexpr std::size_t k_worst_records = 5;
constexpr std::size_t k_search_headings = 10;
constexpr std::size_t k_missed_shown = 3;
constexpr std::size_t k_duplicate_groups = 10;

std::string file_name(const engine::AuditResult& result, std::uint32_t index) {
    return index < result.sources.size() ? io::display_name(result.sources[index].info.name) : std::string{};
}

/// How much of each scope of the batch's headings the authority data matches, and which
/// scopes it does not cover (their unmatched headings are not judged uncontrolled).
void write_coverage(const headings::HeadingAnalysis& analysis, std::ostream& out) {
    const auto coverage = analysis.coverage();
    if (coverage.empty()) {
        return;
    }
    out << "  Coverage of the batch's headings (docs/rules/heading-uncontrolled.md#coverage):\n";
    std::uint64_t unjudged = 0;
    std::uint64_t all = 0;
    for (const auto& c : coverage) {
        all += c.headings;
        if (!c.covered) {
            unjudged += c.headings - c.matched;
        }
        out << fmt::format("    {}, {}: {} of {} heading(s) matched ({}), {} authority record(s): {}\n", headings::scope_label(c.scope),
                           headings::to_string(c.kind), grouped(c.matched), grouped(c.headings),
                           detail::percent(c.matched, c.headings), grouped(c.authority_records),
                           c.covered ? "covered" : "not covered by the authority data");
    }
    if (unjudged > 0) {
        out << fmt::format("  {} heading(s) ({} of the batch's) are in scopes the authority data does not cover: not "
                           "judged as uncontrolled\n",
                           grouped(unjudged), detail::percent(unjudged, all));
    }
}

/// Authority and catalog files: what was read from them (they are not audited).
void write_context_sources(const engine::AuditResult& result, std::ostream& out) {
    for (const auto role : {engine::SourceRole::authorities, engine::SourceRole::catalog}) {
        engine::RecordCounts c;
        std::size_t files = 0;
        for (const auto& s : result.sources) {
            if (s.role == role) {
                ++files;
                c.read += s.records.read;
                c.audited += s.records.audited;
                c.rejected += s.records.rejected;
            }
        }
        if (files == 0) {
            continue;
        }
        const bool authorities = role == engine::SourceRole::authorities;
        out << fmt::format("{}: {} records read from {} file(s) = {} used + {} rejected{}\n",
                           authorities ? "Authority data" : "Catalog (context, not audited)", grouped(c.read), files,
                           grouped(c.audited), grouped(c.rejected),
                           authorities ? "" : "; its headings count for split headings and the search effect, its "
                                              "records for duplicates");
        if (authorities && result.headings != nullptr && result.headings->authorities() != nullptr) {
            std::string scopes;
            for (const auto& [scope, n] : result.headings->authorities()->scopes()) {
                scopes += fmt::format("{}{} {}", scopes.empty() ? "" : ", ", grouped(n), scope);
            }
            const auto& index = *result.headings->authorities();
            const auto indexed = index.records().size() - index.duplicates();
            out << fmt::format("  {} authority records indexed{}{}\n", grouped(indexed), scopes.empty() ? "" : ": ", scopes);
            if (index.duplicates() > 0) {
                out << fmt::format("  {} record(s) repeat a record of another file (same 001): counted once\n",
                                   grouped(index.duplicates()));
            }
            if (index.withdrawn() > 0) {
                out << fmt::format("  {} record(s) left out: deleted, obsolete, split or replaced (Leader/05 d, o, s, x)\n",
                                   grouped(index.withdrawn()));
            }
            const auto others = c.audited - std::min<std::uint64_t>(c.audited, index.records().size() + index.withdrawn());
            if (others > 0) {
                out << fmt::format("  {} record(s) not indexed: no MARC 21 heading (1XX) to match, e.g. not authority "
                                   "records (Leader/06 other than z), subdivision records (18X), local heading tags\n",
                                   grouped(others));
            }
            write_coverage(*result.headings, out);
        }
    }
}

/// Duplicate groups by kind, and the first groups.
void write_duplicates(const engine::AuditResult& result, std::ostream& out) {
    const auto& d = *result.duplicates;
    if (d.groups().empty()) {
        return;
    }
    std::map<std::string_view, std::size_t> by_kind;
    for (const auto& g : d.groups()) {
        ++by_kind[identifiers::to_string(g.kind)];
    }
    std::string kinds;
    for (const auto& [kind, n] : by_kind) {
        kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", grouped(n), kind);
    }
    out << fmt::format("\nDuplicates: {} group(s) of records that would be loaded twice ({}):\n", grouped(d.groups().size()),
                       kinds);
    std::size_t shown = 0;
    for (const auto& g : d.groups()) {
        if (shown++ == k_duplicate_groups) {
            out << fmt::format("  … and {} more groups (all in the JSON report)\n", grouped(d.groups().size() - k_duplicate_groups));
            break;
        }
        std::string members;
        for (auto m : g.records) {
            const auto& r = d.records()[m];
            const auto cn = trim_blanks(r.control_number);
            members += fmt::format("{}{}{} record {}{}", members.empty() ? "" : "; ", d.in_batch(m) ? "" : "catalog ",
                                   file_name(result, r.source_index), r.record_number,
                                   cn.empty() ? "" : fmt::format(" (001 {})", display_value(cn, 30)));
        }
        out << fmt::format("  {:<14} {}\n      {}\n", identifiers::to_string(g.kind),
                           g.kind == identifiers::DuplicateKind::near_identical
                               ? std::string{"(same main entry, title, date, publisher, edition, extent and form)"}
                               : g.value,
                           members);
    }
}


/// A low-high range of staff time: hours, or minutes when it stays under an hour.
std::string staff_time(double low_hours, double high_hours) {
    if (high_hours < 1) {
        return fmt::format("{}-{} staff minutes", std::llround(low_hours * 60), std::llround(high_hours * 60));
    }
    return fmt::format("{}-{} staff hours", hours(low_hours), hours(high_hours));
}

/// The headline: score and grade, clean records, and the cleanup in staff hours.
void write_headline(const engine::AuditResult& result, std::ostream& out) {
    const auto& b = result.score;
    if (b.records == 0) {
        out << "\nScore: none: no records were read, so there is nothing to score (an empty batch is not a clean "
               "one)\n";
        return;
    }
    out << fmt::format("\nScore: {:.1f} of 100, grade {} (docs/scoring.md); {} of {} records clean ({:.1f}%: no error "
                       "or warning)\n",
                       b.mean, b.grade, grouped(b.clean), grouped(b.records), b.clean_share() * 100);
    const auto& e = result.effort;
    if (e.rules.empty()) {
        out << "Cleanup: nothing to fix\n";
        return;
    }
    if (e.high_hours <= 0) {
        out << "Cleanup: the profile sets no cost for these findings (cost_minutes, batch_minutes: docs/effort.md)\n";
        return;
    }
    std::string top;
    for (const std::size_t n : {3, 1}) {
        if (top.empty() && e.rules.size() > n) {
            top = n == 1 ? fmt::format("; the top fix removes {:.0f}% of it", e.top_share(n) * 100)
                         : fmt::format("; the top {} fixes remove {:.0f}% of it", n, e.top_share(n) * 100);
        }
    }
    out << fmt::format("Cleanup: {} (docs/effort.md){}\n", staff_time(e.low_hours, e.high_hours), top);
}

/// What changed since the baseline: new findings by rule, resolved ones by rule.
void write_baseline(const engine::AuditResult& result, std::ostream& out) {
    const auto& b = *result.baseline;
    out << fmt::format("\nSince the baseline ({}, {} findings): {} new, {} resolved (matched by 001, rule and field)\n",
                       b.previous, grouped(b.previous_findings), grouped(b.added.size()), grouped(b.resolved.size()));
    const auto& added = b.added_by_rule;
    std::map<std::string, std::uint64_t> resolved;
    for (const auto& f : b.resolved) {
        ++resolved[f.rule];
    }
    for (const auto& [rule, n] : added) {
        out << fmt::format("  new       {:>9}  {}\n", grouped(n), rule);
    }
    for (const auto& [rule, n] : resolved) {
        out << fmt::format("  resolved  {:>9}  {}\n", grouped(n), rule);
    }
}

/// The cleanup estimate by module and for the costliest rules.
void write_effort(const engine::AuditResult& result, std::ostream& out) {
    const auto& e = result.effort;
    if (e.high_hours <= 0) {
        return;
    }
    out << fmt::format("\nCleanup effort: {}\n  by module:", staff_time(e.low_hours, e.high_hours));
    std::string modules;
    for (const auto& [module, range] : e.by_module) {
        if (range.second > 0) {
            modules += fmt::format("{} {} {}-{} h", modules.empty() ? "" : ";", module, hours(range.first),
                                   hours(range.second));
        }
    }
    out << modules << "\n";
    out << "  costliest fixes (hours, low-high; a fix repairing several rules' findings counts once per record):\n";
    std::size_t shown = 0;
    for (const auto& r : e.rules) {
        if (shown++ == 10 || r.high_hours <= 0) {
            break;
        }
        out << fmt::format("    {:>7}-{:<7} {:<38} {} finding(s) in {} record(s), {}\n", hours(r.low_hours),
                           hours(r.high_hours), r.rule, grouped(r.findings), grouped(r.records),
                           r.batch ? "one batch edit" : r.rules.empty() ? "fixed one by one" : "once per record");
        if (!r.rules.empty()) {
            out << fmt::format("{:20}{}: {}\n", "", r.what, fmt::join(r.rules, ", "));
        }
    }
    // For a manager: which fixes buy most for patrons per staff hour, and what can wait.
    if (!e.by_value.empty()) {
        out << "  worth the staff time first (what the defect does to patrons x records repaired x urgency, per "
               "hour; docs/effort.md):\n";
        for (std::size_t i = 0; i < e.by_value.size() && i < 5; ++i) {
            const auto& r = e.rules[e.by_value[i]];
            out << fmt::format("    {:<38} {:<7} {} record(s), {}{}\n", r.rule, r.impact, grouped(r.records),
                               detail::time_range(r.low_hours, r.high_hours, "-"),
                               r.urgent_because.empty() ? std::string{} : ", " + r.urgent_because);
        }
        out << fmt::format("  can wait: {:.0f}% of the hours go to display-only blemishes (spacing, punctuation, "
                           "quotes)\n",
                           e.can_wait_share * 100);
    }
}

/// The batch's Thompson–Traill scores: the spread of totals, and how many records earn
/// points in each row of the rubric.
void write_completeness(const engine::AuditResult& result, std::ostream& out) {
    const auto& d = *result.completeness;
    if (d.records() == 0) {
        return;
    }
    const auto brief = result.counts_by_rule.find("vendor-record-brief");
    out << fmt::format("\nCompleteness (Thompson–Traill e-book record score, see docs/rules/vendor-record-brief.md):\n"
                       "  {} book records scored: mean {:.1f}, median {}, lower quartile {}, range {}-{}; {} flagged as "
                       "brief\n",
                       grouped(d.records()), d.mean(), d.quantile(0.5), d.quantile(0.25), d.histogram().begin()->first,
                       d.histogram().rbegin()->first,
                       grouped(brief != result.counts_by_rule.end() ? brief->second : 0));
    // Totals in bands of five: the shape of the batch at a glance.
    std::map<unsigned, std::uint64_t> bands;
    for (const auto& [total, n] : d.histogram()) {
        bands[total / 5] += n;
    }
    out << "  score    records\n";
    const auto widest = std::max_element(bands.begin(), bands.end(), [](const auto& a, const auto& b) {
                            return a.second < b.second;
                        })->second;
    for (const auto& [band, n] : bands) {
        const auto bar = static_cast<std::size_t>((n * 40 + widest - 1) / widest);
        out << fmt::format("  {:>2}-{:<3} {:>9}  {}\n", band * 5, band * 5 + 4, grouped(n), std::string(bar, '#'));
    }
    out << "  records with points in each row of the rubric:\n";
    for (std::size_t i = 0; i < scoring::tt_element_count; ++i) {
        const auto e = static_cast<scoring::TtElement>(i);
        out << fmt::format("    {:<38} {:>9}  {:>5.1f}%\n", scoring::to_string(e), grouped(d.row_records(e)),
                           100.0 * static_cast<double>(d.row_records(e)) / static_cast<double>(d.records()));
    }
}

/// The before/after table of the heading cleanup: what a search on each authorized
/// heading finds now and after every form is corrected.
void write_search_effect(const engine::AuditResult& result, std::ostream& out) {
    const auto& analysis = *result.headings;
    const auto& t = analysis.totals();
    out << "\nSearch effect of the heading cleanup (a browse or exact search on the authorized form;\n"
           "see docs/search-effect.md):\n";
    if (t.headings == 0) {
        out << "  no heading of the batch's findings is split over several forms: the cleanup changes no\n"
               "  search on an authorized form\n";
        return;
    }
    out << fmt::format("  {} heading{}: searches on the authorized (or suggested) forms find {} of their {} records today,\n"
                       "  {} after the fix (recall {:.0f}% → 100%); {} record{} cannot be found under that heading today.\n",
                       grouped(t.headings), t.headings == 1 ? "" : "s", grouped(t.before), grouped(t.after),
                       grouped(t.after), 100.0 * static_cast<double>(t.before) / static_cast<double>(t.after),
                       grouped(t.unreachable), t.unreachable == 1 ? "" : "s");
    out << fmt::format("  {:>7} → {:<7} {}\n", "before", "after", "heading (records missed today)");
    const auto records = analysis.records();
    std::size_t shown = 0;
    for (auto e : analysis.search_effect()) {
        if (shown++ == k_search_headings) {
            out << fmt::format("  … and {} more headings (all in the JSON report)\n",
                               grouped(analysis.search_effect().size() - k_search_headings));
            break;
        }
        const auto& entity = analysis.entities()[e];
        std::vector<std::uint32_t> missed;
        std::set_difference(entity.after.begin(), entity.after.end(), entity.before.begin(), entity.before.end(),
                            std::back_inserter(missed));
        std::string examples;
        for (std::size_t i = 0; i < missed.size() && i < k_missed_shown; ++i) {
            const auto& p = records[missed[i]];
            examples += fmt::format("{}{}{} record {}{}", examples.empty() ? "" : "; ", p.in_batch ? "" : "catalog ",
                                    file_name(result, p.source_index), p.record_number,
                                    p.control_number.empty() ? "" : fmt::format(" (001 {})", display_value(p.control_number, 30)));
        }
        if (missed.size() > k_missed_shown) {
            examples += fmt::format("; {} more", missed.size() - k_missed_shown);
        }
        out << fmt::format("  {:>7} → {:<7} {}{}\n            missed: {}\n", grouped(entity.before.size()),
                           grouped(entity.after.size()), display_value(entity.preferred, 100),
                           entity.confident ? "" : " (some forms joined by their text only: check)", examples);
    }
}

} // namespace

void write_text(const engine::AuditResult& result, std::ostream& out) {
    auto file_of = [&](std::uint32_t index) {
        return index < result.sources.size() ? io::display_name(result.sources[index].info.name) : std::string{};
    };
    const auto& r = result.records;
    const auto batch_inputs = std::count_if(result.sources.begin(), result.sources.end(),
                                            [](const auto& s) { return s.role == engine::SourceRole::batch; });
    out << fmt::format("marcaudit {} — audit of {} input(s)\n\n", MARCAUDIT_VERSION, batch_inputs);
    // The gates first: a cron job mails this summary, and its first lines say whether the
    // night went well.
    if (result.gates != nullptr) {
        const auto& g = *result.gates;
        if (g.failed) {
            out << fmt::format("GATE FAILED (exit 1): {} gate(s) failed\n", g.reasons.size());
            for (const auto& why : g.reasons) {
                out << "  failed: " << why << '\n';
            }
        } else {
            out << "Gates: passed\n";
        }
        for (const auto& ok : g.checked) {
            out << "  passed: " << ok << '\n';
        }
        out << '\n';
    }
    out << fmt::format("Records: {} read = {} audited + {} rejected\n", grouped(r.read), grouped(r.audited),
                       grouped(r.rejected));
    for (const auto& s : result.sources) {
        if (s.role != engine::SourceRole::batch) {
            continue;
        }
        // Counts first, name last: columns stay aligned whatever the path length.
        out << fmt::format("  {:>9} read {:>9} audited {:>7} rejected   {:<13} {}{}\n", grouped(s.records.read),
                           grouped(s.records.audited), grouped(s.records.rejected), io::to_string(s.info.format),
                           io::display_name(s.info.name), s.info.gzip ? " (gzip)" : "");
    }

    for (const auto& note : result.notes) {
        out << "  note: " << note << '\n';
    }
    write_context_sources(result, out);
    write_headline(result, out);

    const auto total = result.findings.size();
    out << fmt::format("\nFindings: {} ({} errors, {} warnings, {} info) in {} of {} records\n",
                       grouped(total), grouped(result.counts_by_severity[2]), grouped(result.counts_by_severity[1]),
                       grouped(result.counts_by_severity[0]), grouped(result.records_with_findings()),
                       grouped(r.read));
    if (total > 0) {
        out << fmt::format("  {:>9}  {:>9}  {:<8} {:<38} {}\n", "findings", "records", "severity", "rule", "what");
    }
    // Most frequent first; ties by id, so the order is stable.
    std::vector<std::pair<std::string, std::uint64_t>> rules_by_count(result.counts_by_rule.begin(),
                                                                         result.counts_by_rule.end());
    std::stable_sort(rules_by_count.begin(), rules_by_count.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [id, n] : rules_by_count) {
        const auto summary = rules::rule_summary(id);
        const auto severity = result.severity_by_rule.find(id);
        const auto records = result.records_by_rule.find(id);
        out << fmt::format("  {:>9}  {:>9}  {:<8} {:<38} {}\n", grouped(n),
                           grouped(records != result.records_by_rule.end() ? records->second : 0),
                           severity != result.severity_by_rule.end() ? to_string(severity->second) : "", id,
                           summary);
    }

    if (result.duplicates != nullptr) {
        write_duplicates(result, out);
    }
    write_effort(result, out);
    if (result.baseline != nullptr) {
        write_baseline(result, out);
    }
    if (result.history != nullptr) {
        write_history_summary(*result.history, out);
    }
    if (result.completeness != nullptr) {
        write_completeness(result, out);
    }
    if (result.headings != nullptr) {
        write_search_effect(result, out);
    }

    // Audited records only: an authority record with a conflict is not part of the batch.
    // One pass over the tallies (a million records' worth need not fit in memory): the
    // spread, and the records with most findings (ties in input order).
    std::uint64_t spread[4] = {0, 0, 0, 0};  // 1, 2-5, 6-20, more
    std::uint64_t counted = 0;
    std::vector<engine::RecordTally> worst;
    for (const auto& t : result.record_tallies) {
        if (t.source_index >= result.sources.size() || result.sources[t.source_index].role != engine::SourceRole::batch) {
            continue;
        }
        ++counted;
        ++spread[t.findings == 1 ? 0 : t.findings <= 5 ? 1 : t.findings <= 20 ? 2 : 3];
        if (worst.size() < k_worst_records || t.findings > worst.back().findings) {
            const auto at = std::upper_bound(worst.begin(), worst.end(), t.findings,
                                             [](std::uint32_t n, const engine::RecordTally& w) { return n > w.findings; });
            worst.insert(at, t);
            if (worst.size() > k_worst_records) {
                worst.pop_back();
            }
        }
    }
    if (counted > 0) {
        // How findings spread over records: a few bad records or a little everywhere?
        out << fmt::format("\nFindings per record: {} records with 1, {} with 2-5, {} with 6-20, {} with more\n",
                           grouped(spread[0]), grouped(spread[1]), grouped(spread[2]), grouped(spread[3]));
        if (worst.front().findings > 1) {
            out << "  Most findings:\n";
            for (const auto& w : worst) {
                const auto* t = &w;
                if (t->findings < 2) {
                    break;
                }
                out << fmt::format("  {:>9}  {} record {}{} (errors {}, warnings {}, info {})\n", grouped(t->findings),
                                   file_of(t->source_index), t->record_number,
                                   t->control_number.empty() ? "" : fmt::format(", 001 {}", display_value(t->control_number, 30)),
                                   t->by_severity[2], t->by_severity[1], t->by_severity[0]);
            }
        }
    }

    if (!result.rejections.empty()) {
        out << fmt::format("\nRejected records ({}): not audited; fix or replace them\n", grouped(result.rejections.size()));
        for (std::size_t i = 0; i < result.rejections.size() && i < k_rejections_shown; ++i) {
            const auto& rej = result.rejections[i];
            out << fmt::format("  {} record {} (byte {}): {}\n", file_of(rej.source_index), rej.record_number,
                               rej.byte_offset, rej.reason);
        }
        if (result.rejections.size() > k_rejections_shown) {
            out << fmt::format("  … and {} more (all in the JSON report)\n",
                               grouped(result.rejections.size() - k_rejections_shown));
        }
    }

    if (total > 0) {
        out << "\nRecords to fix, by problem (first " << k_examples_per_rule
            << " of each; every finding is in the JSON report):\n";
        // The first findings of each rule, gathered in one pass over all findings.
        const auto examples = detail::examples_by_rule(result, k_examples_per_rule);
        for (const auto& [id, n] : rules_by_count) {
            out << fmt::format("\n  {} ({}):\n", id, grouped(n));
            for (const Finding& f : examples.of(id)) {
                const std::string where =
                    f.record_number == 0
                        ? fmt::format("{} (outside any record, byte {})", file_of(f.source_index), f.byte_offset)
                        : fmt::format("{} record {}{} (byte {})", file_of(f.source_index), f.record_number,
                                      f.control_number.empty() ? "" : fmt::format(", 001 {}", display_value(f.control_number, 30)),
                                      f.byte_offset);
                const std::string field = f.tag.empty() ? std::string{}
                                          : fmt::format(", {}{}{}", f.tag, f.occurrence > 1 ? fmt::format("[{}]", f.occurrence) : "",
                                                        f.position.empty() ? "" : " " + f.position);
                out << fmt::format("    {}{}\n      {}\n", where, field, f.message);
                if (!f.value.empty()) {
                    out << fmt::format("      value: {}\n", display_value(f.value, 80));
                }
                if (!f.fix.empty()) {
                    out << fmt::format("      fix: {}\n", f.fix);
                }
            }
        }
    }
}

} // namespace marcaudit::report
