// The history of runs as text: the whole of it (`marcaudit history FILE`) and the short
// section of an audit's summary (`--history FILE`).

#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "format.hpp"
#include "marcaudit/history/history.hpp"
#include "marcaudit/report/reports.hpp"

namespace marcaudit::report {

namespace {

using detail::grouped;
using detail::hours;

std::string size_text(std::uint64_t bytes) {
    if (bytes >= 10U << 20U) {
        return fmt::format("{:.0f} MB", static_cast<double>(bytes) / 1048576.0);
    }
    if (bytes >= 1U << 20U) {
        return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1048576.0);
    }
    return fmt::format("{} KB", (bytes + 1023) / 1024);
}

std::string score_text(const history::Run& r) {
    return r.score ? fmt::format("{:.1f}", *r.score) : std::string{"none"};
}

std::string clean_text(const history::Run& r) {
    return r.records_read == 0 ? std::string{"-"} : detail::percent(r.records_clean, r.records_read);
}

std::string days_text(std::int64_t days) {
    return days == 1 ? std::string{"1 day"} : fmt::format("{} days", days);
}

/// "since 2026-11-06 (run 3), 31 days".
std::string since_text(const history::HistoryView& view, std::int64_t run, std::int64_t time) {
    return fmt::format("since {} (run {}), {}", history::format_date(time), run, days_text(view.days_since(time)));
}

/// What the database holds and what it costs on disk.
void write_database_line(const history::HistoryView& view, std::ostream& out) {
    const auto& last = view.latest();
    std::string growth;
    if (view.runs.size() >= 2 || view.total_runs == 1) {
        const std::uint64_t before = view.runs.size() >= 2 ? view.runs[view.runs.size() - 2].db_bytes : 0;
        growth = last.db_bytes == before ? fmt::format(" (the same size after run {})", last.id)
                 : last.db_bytes > before
                     ? fmt::format(" (+{} in run {})", size_text(last.db_bytes - before), last.id)
                     : fmt::format(" (-{} in run {})", size_text(before - last.db_bytes), last.id);
    }
    out << fmt::format("{}: {} run{} from {} to {}; {} on disk{}\n", view.path, grouped(view.total_runs),
                       view.total_runs == 1 ? "" : "s", history::format_date(view.first_time),
                       history::format_date(last.time), size_text(last.db_bytes), growth);
}

} // namespace

void write_history_summary(const history::HistoryView& view, std::ostream& out) {
    const auto& last = view.latest();
    out << "\nHistory: ";
    write_database_line(view, out);
    // Compared with the last sound run before this one: a broken export's numbers are no
    // yardstick (the run before it, when none of the runs shown is sound).
    const auto* sound = view.sound_before_latest();
    if (view.runs.size() >= 2) {
        const auto& before = sound != nullptr ? *sound : view.runs[view.runs.size() - 2];
        const auto& first = view.runs.front();
        const std::string earliest =
            first.id != before.id ? fmt::format("; run {}: {}", first.id, score_text(first)) : std::string{};
        out << fmt::format("  score {} (run {}: {}{}), records {} (run {}: {})\n", score_text(last), before.id,
                           score_text(before), earliest, grouped(last.records_read), before.id,
                           grouped(before.records_read));
        if (last.tracked) {
            out << fmt::format("  problems: {} new in this run, {} resolved, {} open\n", grouped(last.problems_new),
                               grouped(last.problems_resolved), grouped(view.open));
        } else {
            out << fmt::format("  problems: not counted in this run (its input failed a gate: a broken export says "
                               "nothing about the records); {} open as of the last sound run\n",
                               grouped(view.open));
        }
    } else {
        out << fmt::format("  the first run kept: {} problems open; the trend starts with the next run\n",
                           grouped(view.open));
    }
    std::size_t shown = 0;
    for (const auto& age : view.by_rule) {
        if (age.oldest_run == last.id || shown == 5) {
            break;
        }
        if (shown++ == 0) {
            out << "  open longest:\n";
        }
        out << fmt::format("    {:<42} {:>9} open, {}\n", age.rule, grouped(age.open),
                           since_text(view, age.oldest_run, age.oldest_time));
    }
}

void write_history(const history::HistoryView& view, std::ostream& out) {
    write_database_line(view, out);
    out << fmt::format("\n{:>5}  {:<10}  {:>9}  {:>6}  {:<5}  {:>6}  {:>9}  {:>9}  {:>9}  {:>13}  {}\n", "run",
                       "date", "records", "score", "grade", "clean", "findings", "new", "resolved", "hours",
                       "gates");
    for (const auto& r : view.runs) {
        out << fmt::format("{:>5}  {:<10}  {:>9}  {:>6}  {:<5}  {:>6}  {:>9}  {:>9}  {:>9}  {:>13}  {}\n", r.id,
                           history::format_date(r.time), grouped(r.records_read), score_text(r), r.grade,
                           clean_text(r), grouped(r.findings), grouped(r.problems_new),
                           grouped(r.problems_resolved),
                           fmt::format("{}-{}", hours(r.hours_low), hours(r.hours_high)),
                           r.gates_passed ? "passed" : r.tracked ? "FAILED" : "FAILED*");
    }
    if (std::any_of(view.runs.begin(), view.runs.end(), [](const auto& r) { return !r.tracked; })) {
        out << "  * the input failed its gates (no records, too few, or a drop from the baseline): a broken export\n"
               "    says nothing about the records, so its findings neither opened nor resolved problems\n";
    }
    const auto& first = view.runs.front();
    // The latest sound run's findings: a broken export's say nothing about the catalog.
    const auto& last = view.latest_sound() != nullptr ? *view.latest_sound() : view.latest();
    std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> modules;
    for (const auto& [m, n] : first.findings_by_module) {
        modules[m].first = n;
    }
    for (const auto& [m, n] : last.findings_by_module) {
        modules[m].second = n;
    }
    if (!modules.empty()) {
        out << fmt::format("\nFindings by module, run {} -> run {}:\n", first.id, last.id);
        for (const auto& [m, n] : modules) {
            out << fmt::format("  {:<12} {:>9} -> {:>9}\n", m, grouped(n.first), grouped(n.second));
        }
    }
    const auto failed = std::count_if(view.runs.begin(), view.runs.end(), [](const auto& r) { return !r.gates_passed; });
    if (!view.latest().gates_passed) {
        out << "\nThe latest run failed its gates:\n";
        std::string_view reasons{view.latest().gate_reasons};
        while (!reasons.empty()) {
            const auto nl = reasons.find('\n');
            out << "  " << reasons.substr(0, nl) << '\n';
            reasons = nl == std::string_view::npos ? std::string_view{} : reasons.substr(nl + 1);
        }
    } else if (failed > 0) {
        out << fmt::format("\n{} of the runs shown failed their gates.\n", failed);
    }
    out << fmt::format("\nOpen problems by rule (the {} findings of run {}{}), open longest first:\n",
                       grouped(view.open), view.latest_tracked,
                       view.latest_tracked != view.latest().id ? ", the last sound run" : "");
    if (view.by_rule.empty()) {
        out << "  none\n";
    }
    for (const auto& age : view.by_rule) {
        out << fmt::format("  {:<42} {:>9} open ({} new), the oldest {}\n", age.rule, grouped(age.open),
                           grouped(age.new_in_run), since_text(view, age.oldest_run, age.oldest_time));
    }
    if (!view.oldest.empty()) {
        out << "\nOldest open problems (record, field, rule):\n";
        for (const auto& p : view.oldest) {
            out << fmt::format("  {:<24} {:<4} {:<42} {}\n", p.record, p.tag.empty() ? "-" : p.tag, p.rule,
                               since_text(view, p.first_run, p.first_time));
        }
    }
}

} // namespace marcaudit::report
