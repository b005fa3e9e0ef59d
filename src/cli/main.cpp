// marcaudit's command line: parses options, dispatches to the library, maps errors to exit
// codes. Exit codes: 0 done and gates passed; 1 a gate failed; 2 usage or configuration
// error (including a report that cannot be written); 3 an input could not be read;
// 4 internal error (a bug).

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "marcaudit/engine/audit.hpp"
#include "marcaudit/error.hpp"
#include "marcaudit/findings/finding_log.hpp"
#include "marcaudit/history/history.hpp"
#include "marcaudit/io/input.hpp"
#include "marcaudit/report/reports.hpp"
#include "marcaudit/rules/catalog.hpp"
#include "marcaudit/rules/custom.hpp"
#include "marcaudit/rules/marc21_tables.hpp"
#include "marcaudit/rules/profile.hpp"
#include "marcaudit/rules/rule.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

enum Exit : int {
    ok = static_cast<int>(marcaudit::ExitCode::ok),
    gate_failed = static_cast<int>(marcaudit::ExitCode::gate_failed),
    usage_error = static_cast<int>(marcaudit::ExitCode::usage),
    input_error = static_cast<int>(marcaudit::ExitCode::input),
    internal_error = static_cast<int>(marcaudit::ExitCode::internal),
};

/// A usage or configuration error: exit code 2.
struct UsageError : marcaudit::Error {
    explicit UsageError(const std::string& message) : marcaudit::Error(marcaudit::ExitCode::usage, message) {}
};

constexpr const char* k_overview = R"(marcaudit — batch quality audit of MARC 21 catalog records

Usage: marcaudit <command> [options] [FILE...]

Commands:
  audit   check records and report what is wrong with them, with a score, the
          cleanup in staff hours and gates for nightly jobs; the checks come in
          modules: structure (ISO 2709, MARCXML, mnemonic text), encoding
          (MARC-8, UTF-8), marc21 (the format's tags, indicators, subfields and
          codes), heading (authority control, split headings and their effect
          on searches), identifier (ISBN, ISSN, 001, duplicates), vendor (e-book
          loads, links, RDA coding) and your own (rule packs)
  dump    print records as MarcEdit mnemonic text (=245  10$aTitle), UTF-8
  rules   list the checks marcaudit can report
  history show the trend of the runs kept with 'audit --history FILE' and the
          problems open longest

Input: ISO 2709 (.mrc .marc .dat .usmarc), MARCXML and MarcEdit mnemonic text
(.mrk), plain or gzip-compressed, in MARC-8 or UTF-8; a ZIP archive's files
are read one by one (named archive.zip!file.mrc). The format is detected from
the content, not the file name: a PDF, HTML page, CSV, text or other file that
is not MARC is named and skipped. A directory is read recursively (a file in
it that cannot be read is reported, and the others are audited); a file named
twice is read once; - reads standard input.

Run 'marcaudit <command> --help' for the options of a command.

Exit codes: 0 done (and every gate passed); 1 a gate failed; 2 usage or
configuration error (or a report that cannot be written); 3 an input could
not be read; 4 internal error (a bug: please report it with the input).
)";

unsigned parse_threads(int n) {
    if (n < 0) {
        throw UsageError("--threads must be 0 (all cores) or a positive number");
    }
    return static_cast<unsigned>(n);
}

/// Levenshtein distance, for "did you mean".
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0U : 1U)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// Parses a command's options. A mistake gets one line and a pointer to the command's
/// --help, and an unknown option the nearest known one ("did you mean --fail-on?").
po::variables_map parse(std::string_view command, const std::vector<std::string>& args,
                        const po::options_description& visible, const po::options_description& all,
                        const po::positional_options_description& pos) {
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
        po::notify(vm);
    } catch (const po::unknown_option& e) {
        std::string given = e.get_option_name();
        while (!given.empty() && given.front() == '-') {
            given.erase(0, 1);
        }
        given = given.substr(0, given.find('='));
        std::string best;
        std::size_t best_distance = std::string::npos;
        for (const auto& option : visible.options()) {
            const auto& name = option->long_name();
            const auto d = edit_distance(given, name);
            if (!name.empty() && (d < best_distance || (d == best_distance && name < best))) {
                best = name;
                best_distance = d;
            }
        }
        const bool near = best_distance <= std::max<std::size_t>(2, given.size() / 3);
        throw UsageError(fmt::format("{}: unknown option {}{} ('marcaudit {} --help' lists the options)", command,
                                     e.get_option_name(), near ? fmt::format("; did you mean --{}?", best) : "",
                                     command));
    } catch (const po::error& e) {
        throw UsageError(fmt::format("{}: {} ('marcaudit {} --help' lists the options)", command, e.what(), command));
    }
    return vm;
}

/// The steps of a command and their wall times, for --perf (mold's timed passes).
class Steps {
public:
    /// Runs `work` as the step `name` and keeps its time.
    template <typename Work>
    void time(const char* name, Work&& work) {
        const auto t0 = std::chrono::steady_clock::now();
        std::forward<Work>(work)();
        m_times.emplace_back(name, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    /// Adds steps timed elsewhere (the engine's).
    void add_all(const std::vector<std::pair<std::string, double>>& times) {
        m_times.insert(m_times.end(), times.begin(), times.end());
    }
    /// Prints each step's time on stderr, and the total.
    void print(std::uint64_t records) const {
        double total = 0;
        for (const auto& [name, seconds] : m_times) {
            total += seconds;
        }
        std::fprintf(stderr, "marcaudit: time by step (%llu records):\n", static_cast<unsigned long long>(records));
        for (const auto& [name, seconds] : m_times) {
            std::fprintf(stderr, "  %8.3f s  %5.1f%%  %s\n", seconds, total > 0 ? 100.0 * seconds / total : 0.0,
                         name.c_str());
        }
        std::fprintf(stderr, "  %8.3f s          total\n", total);
    }

private:
    std::vector<std::pair<std::string, double>> m_times;
};

/// Says on stderr when --authorities or --catalog were given but no rule of the profile
/// reads them: the user expects them to count.
void note_unused_context(const marcaudit::engine::AuditResult& result, const marcaudit::rules::Profile& profile,
                         const std::vector<std::string>& authorities, const std::vector<std::string>& catalog) {
    if (!authorities.empty() && result.headings == nullptr) {
        std::fprintf(stderr, "marcaudit: note: profile '%s' runs no heading rule, so --authorities was not read\n",
                     profile.name().c_str());
    }
    if (!catalog.empty() && result.headings == nullptr && result.duplicates == nullptr) {
        std::fprintf(stderr, "marcaudit: note: profile '%s' runs no heading or duplicate rule, so --catalog was not read\n",
                     profile.name().c_str());
    }
}

int cmd_audit(const std::vector<std::string>& args) {
    po::options_description visible{
        "Usage: marcaudit audit [options] FILE...\n\n"
        "Reads every record, reports what is wrong with each, and accounts for every\n"
        "record: audited, or rejected with the reason (read = audited + rejected).\n"
        "Checks: ISO 2709 structure (leader, directory, terminators), MARCXML and\n"
        "mnemonic syntax, character encoding (Leader/09 against the bytes), and the\n"
        "MARC 21 format (tags, indicators, subfields, repeatability, obsolete elements,\n"
        "leader/006/007/008 codes, a missing 008, 880 linkage and $6 first, nonfiling\n"
        "indicators by MARC 21 Appendix F, delimiters typed as text, 041/043/044 codes\n"
        "against LC's lists, ISBD punctuation where Leader/18 says it is there, records\n"
        "too long for ISO 2709) from the tables in rules/marc21/ and rules/codes/, and\n"
        "headings: see-from (variant) forms, ambiguous,\n"
        "split over several forms (within one vocabulary), $0 links to another heading,\n"
        "with the before/after effect of the fix on searches (docs/search-effect.md).\n"
        "Give the authority records with --authorities: the summary shows how much of\n"
        "each vocabulary they cover, and only there is a heading they lack called\n"
        "uncontrolled. Without them, headings are clustered within the batch (and the\n"
        "--catalog); a heading without $0 is unlinked (info), never uncontrolled.\n"
        "Identifiers: ISBN/ISSN check digits,\n"
        "001/003, and duplicate records (same 001, OCLC number, ISBN, or near-identical)\n"
        "within the batch and against the --catalog. Vendor records, as the PCC\n"
        "provider-neutral guide has them: e-resource coding (006, 007, 008 form, 300,\n"
        "33X), 856 links (missing, empty, http, proxy prefixes), RDA coding (245 $h,\n"
        "Leader/18, AACR2 abbreviations), 020 qualifiers and print ISBNs, 776, 040,\n"
        "encoding level, provider names, 533/538/588, deleted records, 490/8XX, 6XX $2,\n"
        "BISAC, no LCSH or class number, relator terms and codes, HTML, quotes, spaces,\n"
        "mixed NFC/NFD; and each book's Thompson-Traill completeness score, with the\n"
        "batch's distribution. Your own checks: rule packs in TOML (rules/README.md).\n"
        "'marcaudit rules' lists every check; 'marcaudit rules --explain ID' explains\n"
        "one. Local 9XX/X9X fields and OCLC's 019/029/049/539 are never judged by the\n"
        "generic checks; a profile can ignore others (docs/profiles.md).\n"
        "The default profile audits a library's own catalog or export: the checks that\n"
        "judge a vendor's batch (encoding level sold as full, brief-record score,\n"
        "provider-neutral notes, print records in an e-book load) run only with\n"
        "--profile vendor-ebooks, and OCLC's encoding levels (Leader/17 I, K, M) are\n"
        "accepted (profile setting oclc).\n\nOptions"};
    int threads = 0;
    std::string formats;
    std::string output;
    std::string report_dir;
    std::string fail_on;
    std::string profile_name;
    std::string baseline;
    std::string history_file;
    std::string as_of;
    double min_score = -1;
    std::vector<std::string> authorities;
    std::vector<std::string> catalog;
    visible.add_options()
        ("help,h", "show this help")
        ("version", "print marcaudit's version")
        ("authorities,a", po::value(&authorities)->multitoken(),
         "authority records (ISO 2709 or MARCXML, MARC-8 or UTF-8; files or directories) to "
         "match headings against: their 1XX are the authorized forms, 4XX the see-from forms, "
         "001/010/024/035 what a $0 may name")
        ("catalog,c", po::value(&catalog)->multitoken(),
         "the catalog export the batch will join (files or directories): not audited; its "
         "headings count for split headings and the search effect, and its records for "
         "duplicates (would the load duplicate a catalog record?)")
        ("profile,p", po::value(&profile_name)->default_value("default"),
         "which checks run and how severe they are: a profile name from rules/profiles "
         "(default: a library's own catalog; strict: warnings become errors; vendor-ebooks: a "
         "vendor's e-book batch before loading; nightly-export: a nightly check of a catalog "
         "export, with gates) or a .toml file of your own, which may add checks of its own "
         "(docs/profiles.md, rules/README.md)")
        ("format,f", po::value(&formats)->default_value("text"),
         "report formats, comma-separated: text (summary on stdout), json, html (report.html), "
         "csv (findings.csv, records.csv, headings.csv), junit (junit.xml); html, csv and junit "
         "need --report-dir")
        ("output,o", po::value(&output),
         "write the JSON report to this file (default: stdout when json is the only format)")
        ("report-dir", po::value(&report_dir),
         "write each report format into this directory (summary.txt, report.json, report.html, "
         "the CSV files, junit.xml)")
        ("csv-bom", "start the CSV files with a UTF-8 byte order mark (Excel needs it)")
        ("fail-on", po::value(&fail_on)->default_value("none"),
         "gate: exit 1 when there are findings of this severity or worse, or rejected "
         "records: error, warning, info, none")
        ("min-score", po::value(&min_score),
         "gate: exit 1 when the batch score (0-100, docs/scoring.md) is below this")
        ("baseline", po::value(&baseline),
         "the report.json of an earlier run: report the findings that are new and those "
         "resolved since (matched by 001, rule and field)")
        ("fail-on-new", "with --baseline: the --fail-on gate counts only new findings "
                        "(--fail-on defaults to error then)")
        ("history", po::value(&history_file),
         "keep this run in an SQLite database (created when missing): its counts, score, grade, "
         "cleanup hours and gates, and a fingerprint of each finding (001, rule, field) with the "
         "runs it was first and last seen in; the reports then show the trend and how long the "
         "problems have been open ('marcaudit history FILE' prints it; docs/history.md)")
        ("as-of", po::value(&as_of),
         "with --history: the date the run counts as (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, UTC), "
         "e.g. the date of the export when older exports are audited; default: now")
        ("allow-empty", "let a batch with no records pass the gates (by default no records read is a "
                        "failed export: exit 1)")
        ("min-records", po::value<std::uint64_t>(), "gate: exit 1 when fewer records than this are read")
        ("max-drop", po::value<double>()->default_value(10, "10"),
         "gate, with --baseline: exit 1 when the records read fall by more than this percentage of the "
         "baseline's (a partial export); 100 turns it off")
        ("threads,j", po::value(&threads)->default_value(0), "worker threads; 0 = all cores")
        ("no-progress", "no progress line on stderr (it is shown only on a terminal anyway)")
        ("perf", "print on stderr how long each step of the run took (reading and checking the records, "
                 "the analyses, the reports...)");
    po::options_description hidden;
    hidden.add_options()("input", po::value<std::vector<std::string>>(), "input files");
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description pos;
    pos.add("input", -1);
    const auto vm = parse("audit", args, visible, all, pos);
    if (vm.count("help") != 0U) {
        std::cout << visible << "\nExamples:\n"
                  << "  marcaudit audit catalog-export.mrc\n"
                  << "  marcaudit audit --format json -o audit.json exports/\n"
                  << "  marcaudit audit vendor.mrc --authorities names.xml subjects.xml --catalog export.mrc\n"
                  << "  marcaudit audit --profile vendor-ebooks ebooks.mrc --catalog export.mrc\n"
                  << "  zcat nightly.mrc.gz | marcaudit audit --fail-on error -\n"
                  << "  marcaudit audit --profile nightly-export --format text,json,csv,junit --report-dir out \\\n"
                  << "      --baseline last/report.json --fail-on-new --min-score 80 export.mrc\n"
                  << "\nLarge runs: findings past 64 MB are kept in a temporary file in $TMPDIR (or /tmp),\n"
                  << "removed when the run ends; a million records need a few GB there (docs/robustness.md).\n";
        return ok;
    }
    if (vm.count("version") != 0U) {
        std::cout << "marcaudit " << MARCAUDIT_VERSION << '\n';
        return ok;
    }
    if (vm.count("input") == 0U) {
        throw UsageError(authorities.empty() && catalog.empty()
                             ? "audit: name at least one input file, directory, or - for stdin "
                               "(see 'marcaudit audit --help')"
                             : "audit: name at least one input file to audit. --authorities and --catalog take "
                               "every name that follows them: put the batch first "
                               "(marcaudit audit batch.mrc --authorities names.xml)");
    }
    auto plan = marcaudit::report::ReportPlan::parse(formats);
    plan.report_dir = report_dir;
    plan.json_output = output;
    plan.csv_bom = vm.count("csv-bom") != 0U;
    plan.check();
    marcaudit::scoring::GateOptions gates;
    gates.only_new = vm.count("fail-on-new") != 0U;
    if (gates.only_new && baseline.empty()) {
        throw UsageError("--fail-on-new needs --baseline PREVIOUS.json (the report of the run to compare with)");
    }
    if (fail_on == "error" || (fail_on == "none" && gates.only_new && vm["fail-on"].defaulted())) {
        gates.fail_on = marcaudit::Severity::error;
    } else if (fail_on == "warning") {
        gates.fail_on = marcaudit::Severity::warning;
    } else if (fail_on == "info") {
        gates.fail_on = marcaudit::Severity::info;
    } else if (fail_on != "none") {
        throw UsageError(fmt::format("--fail-on: '{}' is not one of error, warning, info, none", fail_on));
    }
    gates.allow_empty = vm.count("allow-empty") != 0U;
    if (vm.count("min-records") != 0U) {
        gates.min_records = vm["min-records"].as<std::uint64_t>();
    }
    {
        const double drop = vm["max-drop"].as<double>();
        if (drop < 0 || drop > 100) {
            throw UsageError(fmt::format("--max-drop: {} is not a percentage from 0 to 100", drop));
        }
        gates.max_drop = drop >= 100 ? std::optional<double>{} : std::optional<double>{drop / 100.0};
    }
    if (vm.count("min-score") != 0U) {
        if (min_score < 0 || min_score > 100) {
            throw UsageError(fmt::format("--min-score: {} is not a score from 0 to 100", min_score));
        }
        gates.min_score = min_score;
    }
    std::optional<std::int64_t> run_time;
    if (!as_of.empty()) {
        if (history_file.empty()) {
            throw UsageError("--as-of dates the run in the history: give --history FILE too");
        }
        try {
            run_time = marcaudit::history::parse_time(as_of);
        } catch (const marcaudit::history::HistoryError& e) {
            throw UsageError(e.what());
        }
    }
    marcaudit::engine::AuditOptions options;
    options.inputs = vm["input"].as<std::vector<std::string>>();
    options.authorities = authorities;
    options.catalog = catalog;
    options.threads = parse_threads(threads);
    const auto profile = marcaudit::rules::Profile::load(profile_name, marcaudit::rules::builtin_registry());
    options.profile = &profile;
    options.progress = vm.count("no-progress") == 0U && ::isatty(STDERR_FILENO) != 0;
    plan.profile = &profile;
    plan.gates = gates;

    // The run, step by step (--perf prints each step's time).
    Steps steps;
    // The result lives until the process exits and is never destroyed: freeing millions of
    // findings one string at a time only to exit is wasted time (mold does the same with its
    // data). It stays reachable through this static, so leak checkers do not report it.
    static marcaudit::engine::AuditResult* kept = nullptr;
    kept = new marcaudit::engine::AuditResult(marcaudit::engine::run_audit(options));
    steps.add_all(kept->step_times);
    auto& result = *kept;
    steps.time("compare with the baseline", [&] {
        if (!baseline.empty()) {
            result.baseline = std::make_shared<const marcaudit::scoring::BaselineDiff>(
                marcaudit::scoring::compare_with_baseline(result, baseline));
        }
    });
    // The gates are decided before the reports are written, so that each report says what
    // they decided and why (summary.txt first: it is what a cron job mails).
    steps.time("decide the gates", [&] {
        result.gates = std::make_shared<const marcaudit::scoring::GateOutcome>(
            marcaudit::scoring::evaluate_gates(result, profile, gates, result.baseline.get()));
    });
    // Kept before the reports are written, so that they show this run in the trend; a run
    // whose gates failed is kept too. A history that cannot be written does not cost the
    // night its reports: they are written without it, and the run ends with exit 2.
    std::string history_error;
    steps.time("keep the run in the history", [&] {
        if (history_file.empty()) {
            return;
        }
        try {
            result.history = std::make_shared<const marcaudit::history::HistoryView>(
                marcaudit::history::append_run(history_file, result, {options.inputs, run_time}));
        } catch (const marcaudit::history::HistoryError& e) {
            history_error = e.what();
            result.notes.push_back(fmt::format("this run is not in the history: {}", history_error));
        }
    });
    // The fixes ranked again with their urgency: what blocks this load (the gates), what is
    // new (the baseline), what has waited for months (the history).
    steps.time("rank the fixes", [&] {
        if (!result.gates->blocking.empty() || result.baseline != nullptr || result.history != nullptr) {
            result.effort = marcaudit::scoring::estimate_effort(result, profile);
        }
    });
    note_unused_context(result, profile, authorities, catalog);
    steps.time("write the reports", [&] { marcaudit::report::write_reports(result, plan, std::cout); });

    const double secs = result.elapsed.count();
    if (options.progress) {
        std::fprintf(stderr, "%llu records in %.2f s (%.0f records/s)\n",
                     static_cast<unsigned long long>(result.records.read), secs,
                     secs > 0 ? static_cast<double>(result.records.read) / secs : 0.0);
    }
    if (vm.count("perf") != 0U) {
        steps.print(result.records.read);
    }
    for (const auto& why : result.gates->reasons) {
        std::fprintf(stderr, "marcaudit: gate failed: %s\n", why.c_str());
    }
    if (!history_error.empty()) {
        std::fprintf(stderr, "marcaudit: history: %s (the database is as it was before this run; the reports are "
                             "written without it)\n",
                     history_error.c_str());
        return usage_error;
    }
    return result.gates->failed ? gate_failed : ok;
}

int cmd_dump(const std::vector<std::string>& args) {
    po::options_description visible{
        "Usage: marcaudit dump [options] FILE...\n\n"
        "Prints every record as MarcEdit mnemonic text in UTF-8 (MARC-8 is decoded),\n"
        "the way catalogers read MARC: =LDR, then one line a field, \\ for a blank in\n"
        "indicators and fixed fields, $ before each subfield code. Records that cannot\n"
        "be read are named on stderr.\n\nOptions"};
    int threads = 0;
    visible.add_options()
        ("help,h", "show this help")
        ("threads,j", po::value(&threads)->default_value(0), "worker threads; 0 = all cores");
    po::options_description hidden;
    hidden.add_options()("input", po::value<std::vector<std::string>>(), "input files");
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description pos;
    pos.add("input", -1);
    const auto vm = parse("dump", args, visible, all, pos);
    if (vm.count("help") != 0U) {
        std::cout << visible << "\nExample:\n  marcaudit dump records.mrc | less\n";
        return ok;
    }
    if (vm.count("input") == 0U) {
        throw UsageError("dump: name at least one input file, directory, or - for stdin");
    }
    const auto inputs = marcaudit::io::expand_inputs(vm["input"].as<std::vector<std::string>>());
    std::vector<marcaudit::engine::SourceInfo> sources;
    std::uint64_t rejected = 0;
    auto visitor = [](const marcaudit::record::RecordView& record, marcaudit::FindingSink&, std::string& out) {
        marcaudit::report::append_mnemonic(record, out);
    };
    auto consumer = [&](marcaudit::engine::BatchResult&& batch) {
        std::fwrite(batch.text.data(), 1, batch.text.size(), stdout);
        for (const auto& f : batch.findings) {
            if (f.rule_id == marcaudit::rules::id::input_damaged) {
                std::fprintf(stderr, "marcaudit: %s: %s\n",
                             marcaudit::io::display_name(inputs[batch.source_index]).c_str(), f.message.c_str());
            }
        }
        for (const auto& o : batch.outcomes) {
            if (o.rejected) {
                ++rejected;
                std::fprintf(stderr, "marcaudit: %s record %llu (byte %llu) not shown: %s\n",
                             marcaudit::io::display_name(inputs[batch.source_index]).c_str(),
                             static_cast<unsigned long long>(o.record_number),
                             static_cast<unsigned long long>(o.byte_offset), o.reason.c_str());
            }
        }
    };
    marcaudit::engine::run_pipeline(inputs, {parse_threads(threads), {}}, visitor, consumer, sources);
    std::fflush(stdout);
    return ok;
}

int cmd_history(const std::vector<std::string>& args) {
    po::options_description visible{
        "Usage: marcaudit history [options] FILE\n\n"
        "Prints the history of runs kept with 'marcaudit audit --history FILE': one line a\n"
        "run (date, records, score, grade, share of clean records, findings, problems new\n"
        "and resolved, cleanup hours, gates), findings by module from the first run shown\n"
        "to the latest sound one, the problems open in it by rule with the date the oldest\n"
        "was first seen, and the oldest open problems by record. A run whose input failed\n"
        "a gate (an empty or partial export) is listed but counts for no problem\n"
        "(docs/history.md).\n\nOptions"};
    std::size_t runs = 30;
    visible.add_options()
        ("help,h", "show this help")
        ("runs,n", po::value(&runs)->default_value(30), "how many of the latest runs to list");
    po::options_description hidden;
    hidden.add_options()("input", po::value<std::vector<std::string>>(), "the history database");
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description pos;
    pos.add("input", -1);
    const auto vm = parse("history", args, visible, all, pos);
    if (vm.count("help") != 0U) {
        std::cout << visible << "\nExample:\n  marcaudit history nightly/history.db\n";
        return ok;
    }
    if (vm.count("input") == 0U || vm["input"].as<std::vector<std::string>>().size() != 1) {
        throw UsageError("history: name one history database (the FILE of 'marcaudit audit --history FILE')");
    }
    if (runs == 0) {
        throw UsageError("--runs must be at least 1");
    }
    const auto view = marcaudit::history::read_history(vm["input"].as<std::vector<std::string>>().front(), runs);
    marcaudit::report::write_history(view, std::cout);
    return ok;
}

int cmd_rules(const std::vector<std::string>& args) {
    po::options_description visible{
        "Usage: marcaudit rules [--explain ID] [--dump-config] [--profile P]\n\n"
        "Without options, lists every check: id, module, default severity, what it flags. With\n"
        "--profile, the list includes the custom checks the profile's rule packs declare.\n\nOptions"};
    std::string explain;
    std::string profile_name;
    visible.add_options()
        ("help,h", "show this help")
        ("explain", po::value(&explain), "print the documentation page of rule ID")
        ("dump-config", "print the effective configuration of a profile (every rule: enabled, "
                        "severity, weight, cost, options)")
        ("profile,p", po::value(&profile_name)->default_value("default"),
         "the profile for --dump-config, and whose custom checks to list and explain");
    po::positional_options_description none;
    const auto vm = parse("rules", args, visible, visible, none);
    if (vm.count("help") != 0U) {
        std::cout << visible;
        return ok;
    }
    const auto profile = marcaudit::rules::Profile::load(profile_name, marcaudit::rules::builtin_registry());
    const auto& registry = profile.registry();
    if (!explain.empty()) {
        if (registry.find(explain) == nullptr) {
            throw UsageError(fmt::format("rules --explain: no rule '{}' (see 'marcaudit rules'; a custom check needs "
                                         "the --profile that declares it)",
                                         explain));
        }
        if (const auto page = marcaudit::rules::custom::explain(explain); !page.empty()) {
            std::cout << page;
            return ok;
        }
        const fs::path page = marcaudit::rules::docs_directory() / "rules" /
                              (explain + ".md");
        std::ifstream in{page};
        if (!in) {
            throw UsageError(fmt::format("rules --explain: the page {} cannot be read (set MARCAUDIT_DOCS to the "
                                         "docs folder)", page.string()));
        }
        std::cout << in.rdbuf();
        return ok;
    }
    if (vm.count("dump-config") != 0U) {
        std::cout << profile.dump();
        return ok;
    }
    for (const auto& e : registry.entries()) {
        std::cout << fmt::format("{:<38} {:<10} {:<8} {}\n", e.info.id, e.info.module,
                                 marcaudit::to_string(e.info.severity), e.info.summary);
    }
    return ok;
}

} // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    const std::vector<std::string> all_args(argv + 1, argv + argc);
    try {
        if (all_args.empty() || all_args[0] == "--help" || all_args[0] == "-h" || all_args[0] == "help") {
            std::cout << k_overview;
            return all_args.empty() ? usage_error : ok;
        }
        if (all_args[0] == "--version") {
            // With where its data comes from: which rules and pages this binary uses.
            std::cout << "marcaudit " << MARCAUDIT_VERSION << "\nrules: " << marcaudit::rules::rules_directory().string()
                      << "\ndocs: " << marcaudit::rules::docs_directory().string() << '\n';
            return ok;
        }
        const std::string command = all_args[0];
        const std::vector<std::string> args(all_args.begin() + 1, all_args.end());
        if (command == "audit") {
            return cmd_audit(args);
        }
        if (command == "dump") {
            return cmd_dump(args);
        }
        if (command == "rules") {
            return cmd_rules(args);
        }
        if (command == "history") {
            return cmd_history(args);
        }
        throw UsageError(fmt::format("unknown command '{}' (commands: audit, dump, rules, history; see marcaudit --help)",
                                     command));
    } catch (const marcaudit::Error& e) {
        // Every error of ours carries its exit status (docs/exit-codes.md) and its topic.
        std::cerr << "marcaudit: ";
        if (!e.topic().empty()) {
            std::cerr << e.topic() << ": ";
        }
        std::cerr << e.what() << '\n';
        return static_cast<int>(e.exit_code());
    } catch (const std::exception& e) {
        std::cerr << "marcaudit: internal error: " << e.what() << " (please report it with the input)\n";
        return internal_error;
    }
}
