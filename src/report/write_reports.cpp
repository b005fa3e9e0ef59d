// Writing a run's reports: which files, where, each through a temporary file and a rename,
// side by side on the TBB pool, then what goes to stdout, in order.

#include <fstream>
#include <functional>
#include <sstream>

#include <fmt/format.h>
#include <tbb/task_group.h>

#include "detail/tsan.hpp"
#include "marcaudit/error.hpp"
#include "marcaudit/report/reports.hpp"

namespace marcaudit::report {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void cannot_write(const std::string& what) {
    throw Error(ExitCode::usage, what);
}

/// Writes a file through `write` into PATH.tmp, then renames it over PATH: a reader never
/// sees half a report. Streams: a report of millions of findings is never held in memory.
void write_file_atomically(const fs::path& path, const std::function<void(std::ostream&)>& write) {
    std::error_code status_error;
    const auto status = fs::status(path, status_error);
    if (fs::exists(status) && !fs::is_regular_file(status)) {
        // /dev/null, a pipe, a terminal: write in place; renaming over it would replace it.
        std::ofstream out{path, std::ios::binary};
        write(out);
        if (!out.flush()) {
            cannot_write(fmt::format("{}: cannot be written", path.string()));
        }
        return;
    }
    const fs::path tmp = path.string() + ".tmp";
    {
        std::ofstream out{tmp, std::ios::binary | std::ios::trunc};
        if (!out) {
            cannot_write(fmt::format("{}: cannot be written", tmp.string()));
        }
        write(out);
        if (!out.flush()) {
            cannot_write(fmt::format("{}: write failed (disk full?)", tmp.string()));
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        cannot_write(fmt::format("{}: cannot be written: {}", path.string(), ec.message()));
    }
}

/// Runs `jobs` side by side on the TBB pool and waits for them (rethrowing the first
/// error). Each task captures only the list of jobs and its place in it, read with
/// read_from_tbb: the jobs are all listed before any runs (detail/tsan.hpp: TBB's
/// hand-offs made visible to ThreadSanitizer).
void run_side_by_side(std::vector<std::function<void()>>& jobs) {
    struct WriterSync {
        std::vector<std::function<void()>>* jobs;
        char start = 0;
        char done = 0;
    } sync{&jobs};
    WriterSync* const shared = &sync;
    tbb::task_group writers;
    detail::happens_before(&sync.start);
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        writers.run([shared, i] {
            WriterSync& s = *detail::read_from_tbb(shared);
            detail::happens_after(&s.start);
            (*s.jobs)[detail::read_from_tbb(i)]();
            detail::happens_before(&s.done);
        });
    }
    writers.wait();
    detail::happens_after(&sync.done);
}

} // namespace

ReportPlan ReportPlan::parse(std::string_view formats) {
    ReportPlan plan;
    std::string item;
    std::istringstream in{std::string{formats}};
    while (std::getline(in, item, ',')) {
        if (item.empty()) {
            continue;
        }
        if (item == "text") {
            plan.text = true;
        } else if (item == "json") {
            plan.json = true;
        } else if (item == "csv") {
            plan.csv = true;
        } else if (item == "junit") {
            plan.junit = true;
        } else if (item == "html") {
            plan.html = true;
        } else {
            throw Error(ExitCode::usage,
                        fmt::format("--format: unknown format '{}' (known: text, json, html, csv, junit)", item));
        }
    }
    return plan;
}

void ReportPlan::check() const {
    if (!json_output.empty() && !json) {
        throw Error(ExitCode::usage, "--output is where the JSON report goes: add json to --format (--format text,json)");
    }
    if ((csv || junit || html) && report_dir.empty()) {
        throw Error(ExitCode::usage, "--format html, csv and junit write files: say where with --report-dir DIR");
    }
    if (text && json && json_output.empty() && report_dir.empty()) {
        throw Error(ExitCode::usage, "--format text,json: say where the JSON goes (--output FILE or --report-dir DIR); "
                                     "the text summary goes to stdout");
    }
}

void write_reports(const engine::AuditResult& result, const ReportPlan& plan, std::ostream& stdout_stream) {
    const fs::path dir{plan.report_dir};
    if (!plan.report_dir.empty()) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec) {
            cannot_write(fmt::format("--report-dir {}: cannot be created: {}", plan.report_dir, ec.message()));
        }
    }
    std::string text;
    if (plan.text) {
        std::ostringstream t;
        write_text(result, t);
        text = t.str();
    }
    auto json = [&](std::ostream& o) { write_json(result, o); };
    // The report files are written side by side (each on its own): the JSON and CSV of a
    // large run take about as long as the audit itself.
    std::vector<std::function<void()>> jobs;
    if (!plan.report_dir.empty() && plan.text) {
        jobs.emplace_back([&] { write_file_atomically(dir / "summary.txt", [&](std::ostream& o) { o << text; }); });
    }
    if (plan.json && !plan.report_dir.empty()) {
        jobs.emplace_back([&] { write_file_atomically(dir / "report.json", json); });
    }
    if (plan.json && !plan.json_output.empty() && plan.json_output != "-") {
        jobs.emplace_back([&] { write_file_atomically(plan.json_output, json); });
    }
    if (plan.csv) {
        jobs.emplace_back([&] {
            write_file_atomically(dir / "findings.csv", [&](std::ostream& o) { write_findings_csv(result, o, plan.csv_bom); });
        });
        jobs.emplace_back([&] {
            write_file_atomically(dir / "records.csv", [&](std::ostream& o) { write_records_csv(result, o, plan.csv_bom); });
            write_file_atomically(dir / "headings.csv", [&](std::ostream& o) { write_headings_csv(result, o, plan.csv_bom); });
        });
    }
    if (plan.html) {
        jobs.emplace_back([&] { write_file_atomically(dir / "report.html", [&](std::ostream& o) { write_html(result, o); }); });
    }
    if (plan.junit) {
        jobs.emplace_back([&] {
            write_file_atomically(dir / "junit.xml", [&](std::ostream& o) { write_junit(result, *plan.profile, plan.gates, o); });
        });
    }
    run_side_by_side(jobs);  // rethrows the first writer's error (exit 2)
    // The report folder holds this run's files only: an earlier run's report of a format not
    // asked for this time would be read as tonight's. Removed once the new files are in place.
    if (!plan.report_dir.empty()) {
        const std::pair<const char*, bool> files[] = {
            {"summary.txt", plan.text}, {"report.json", plan.json},  {"report.html", plan.html},
            {"findings.csv", plan.csv}, {"records.csv", plan.csv},   {"headings.csv", plan.csv},
            {"junit.xml", plan.junit}};
        for (const auto& [file, written] : files) {
            std::error_code ec;
            if (!written) {
                fs::remove(dir / file, ec);
            }
        }
    }
    if (plan.text) {
        stdout_stream << text;
    }
    if (plan.json && (plan.json_output == "-" || (plan.json_output.empty() && plan.report_dir.empty()))) {
        json(stdout_stream);
    }
    stdout_stream.flush();
}

} // namespace marcaudit::report
