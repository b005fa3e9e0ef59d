// The history of runs (--history): 30 simulated nightly exports made from LC's own records
// (tests/data/bib/loc-catalog-z3950-perl-query-50.utf8.mrc), with records added, removed and
// changed between nights, kept in one database; the trend and each problem's first and last
// run are checked exactly against what the nights' findings say.

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "marcaudit/history/history.hpp"
#include "marcaudit/rules/catalog.hpp"
#include "marcaudit/scoring/baseline.hpp"
#include "marcaudit/scoring/gates.hpp"
#include "test_support.hpp"

namespace marcaudit {
namespace {

namespace fs = std::filesystem;

constexpr int k_nights = 30;
constexpr int k_broken_night = 15;
constexpr std::int64_t k_first_night = 1793491200;  // 2026-11-01T00:00:00Z

/// `text` with every line that starts with `from` changed to start with `to` instead.
std::string replace_line_starts(std::string text, const std::string& from, const std::string& to) {
    std::size_t at = 0;
    while ((at = text.find(from, at)) != std::string::npos) {
        if (at == 0 || text[at - 1] == '\n') {
            text.replace(at, from.size(), to);
            at += to.size();
        } else {
            at += from.size();
        }
    }
    return text;
}

/// `text` without its lines that start with `prefix`.
std::string drop_lines(const std::string& text, const std::string& prefix) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        auto nl = text.find('\n', at);
        nl = nl == std::string::npos ? text.size() : nl + 1;
        if (text.compare(at, prefix.size(), prefix) != 0) {
            out.append(text, at, nl - at);
        }
        at = nl;
    }
    return out;
}

/// Night `n`'s export (1-based): a window of the 50 records that slides by one every third
/// night (the oldest removed, a new one added), a 650 whose second indicator is mistyped on
/// some nights and corrected on others, a record that loses its 008 from night 10 on, and one
/// whose 245 loses its first indicator from night 20 on.
std::string night_export(const std::vector<std::string>& records, int n) {
    const int first = (n - 1) / 3;
    std::string out;
    for (int k = first; k < first + 40; ++k) {
        std::string r = records[static_cast<std::size_t>(k)];
        if (((n / 4) + k) % 3 == 0) {
            r = replace_line_starts(r, "=650  \\0", "=650  \\9");
        }
        if (k == 12 && n >= 10) {
            r = drop_lines(r, "=008  ");
        }
        if (k == 30 && n >= 20) {
            r = replace_line_starts(r, "=245  1", "=245  \\");
        }
        out += r;
    }
    return out;
}

using Key = std::tuple<std::string, std::string, std::string>;  // record, rule, tag

/// The record as the history names it (the baseline's match key, in parts).
std::string record_of(const Finding& f, const engine::AuditResult& r) {
    const auto cn = trim_blanks(f.control_number);
    if (!cn.empty()) {
        return std::string{cn};
    }
    return fs::path{r.sources[f.source_index].info.name}.filename().string() + "#" + std::to_string(f.record_number);
}

TEST(HistoryTest, ThirtyNightsGiveTheTrendAndTheAgesTheFindingsSay) {
    const auto records = test::dump_records((test::test_data() / "bib/loc-catalog-z3950-perl-query-50.utf8.mrc").string());
    ASSERT_EQ(records.size(), 50U);
    const auto dir = test::test_temp_dir("history-30");
    const auto db = dir / "history.db";
    fs::remove(db);

    // What the findings say: per problem (key and its occurrence), the nights it was seen.
    std::map<std::pair<Key, int>, std::pair<int, int>> seen;  // first, last night
    struct Night {
        std::uint64_t records = 0;
        std::uint64_t findings = 0;
        std::uint64_t fresh = 0;       // not in the night before
        std::uint64_t first_seen = 0;  // never seen before
        std::uint64_t resolved = 0;
    };
    std::vector<Night> expected;
    std::set<std::pair<Key, int>> before;
    history::HistoryView view;
    const auto profile = rules::Profile::load("default", rules::builtin_registry());
    for (int n = 1; n <= k_nights; ++n) {
        // Night 15's export failed: an empty file. Its gate fails, and it is kept in the trend
        // without closing every problem (night 16 is compared with night 14).
        const bool broken = n == k_broken_night;
        const auto path =
            test::write_temp_file("history-30", "export.mrk", broken ? std::string{} : night_export(records, n));
        auto result = test::audit({path.string()});
        result.gates = std::make_shared<const scoring::GateOutcome>(
            scoring::evaluate_gates(result, profile, scoring::GateOptions{}, nullptr));
        EXPECT_EQ(result.gates->failed, broken);
        view = history::append_run(db, result, {{path.string()}, k_first_night + (n - 1) * 86400});

        Night night;
        night.records = result.records.read;
        night.findings = result.findings.size();
        if (!broken) {
            std::map<Key, int> occurrences;
            std::set<std::pair<Key, int>> now;
            for (const auto& f : result.findings) {
                Key key{record_of(f, result), std::string{f.rule_id}, f.tag};
                const std::pair<Key, int> problem{key, occurrences[key]++};
                now.insert(problem);
                auto [it, first_time] = seen.try_emplace(problem, n, n);
                it->second.second = n;
                night.fresh += before.contains(problem) ? 0 : 1;
                night.first_seen += first_time ? 1 : 0;
            }
            for (const auto& p : before) {
                night.resolved += now.contains(p) ? 0 : 1;
            }
            before = std::move(now);
        }
        expected.push_back(night);
    }

    // The trend: one run a night, with the counts of the nights.
    ASSERT_EQ(view.runs.size(), static_cast<std::size_t>(k_nights));
    EXPECT_EQ(view.total_runs, static_cast<std::uint64_t>(k_nights));
    std::uint64_t resolved_total = 0;
    std::uint64_t reopened = 0;
    for (int n = 1; n <= k_nights; ++n) {
        const auto& run = view.runs[static_cast<std::size_t>(n - 1)];
        const auto& night = expected[static_cast<std::size_t>(n - 1)];
        EXPECT_EQ(run.id, n);
        EXPECT_EQ(history::format_date(run.time), fmt::format("2026-11-{:02}", n));
        EXPECT_EQ(run.records_read, night.records) << "night " << n;
        EXPECT_EQ(run.findings, night.findings) << "night " << n;
        EXPECT_EQ(run.problems_new, night.fresh) << "night " << n;
        EXPECT_EQ(run.problems_resolved, night.resolved) << "night " << n;
        EXPECT_EQ(run.tracked, n != k_broken_night);
        EXPECT_EQ(run.gates_passed, n != k_broken_night);
        EXPECT_GT(run.db_bytes, 0U);
        resolved_total += night.resolved;
        reopened += night.fresh - night.first_seen;
    }
    EXPECT_EQ(view.runs[k_broken_night - 1].records_read, 0U);
    EXPECT_FALSE(view.runs[k_broken_night - 1].score.has_value());
    EXPECT_GT(reopened, 0U);  // problems that went and came back: open again, first seen as before
    // The nights really differ: records come and go, problems are found and resolved.
    EXPECT_EQ(view.runs.front().records_read, 40U);
    EXPECT_GT(resolved_total, 20U);
    EXPECT_GT(view.runs[9].problems_new, 0U);  // night 10: the 008 dropped

    // Each problem's first and last run, exactly, read from the database itself.
    std::map<Key, std::multiset<std::pair<int, int>>> want;
    for (const auto& [problem, nights] : seen) {
        want[problem.first].insert(nights);
    }
    std::map<Key, std::multiset<std::pair<int, int>>> got;
    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open_v2(db.string().c_str(), &handle, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    // An open problem has no last run yet: it is seen in the latest (night 30).
    ASSERT_EQ(sqlite3_prepare_v2(handle,
                                 "SELECT problem.record, rule.name, problem.tag, problem.first_run, "
                                 "coalesce(problem.last_run, 30) FROM problem JOIN rule ON rule.id = problem.rule",
                                 -1, &stmt, nullptr),
              SQLITE_OK);
    const auto text = [&](int col) { return std::string{reinterpret_cast<const char*>(sqlite3_column_text(stmt, col))}; };
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        got[{text(0), text(1), text(2)}].insert(
            {static_cast<int>(sqlite3_column_int64(stmt, 3)), static_cast<int>(sqlite3_column_int64(stmt, 4))});
    }
    sqlite3_finalize(stmt);
    sqlite3_close(handle);
    EXPECT_EQ(got, want);

    // The record whose 008 went on night 10: open since run 10, 20 days before night 30.
    const auto& records_12 = records[12];
    const auto cn = records_12.substr(records_12.find("=001  ") + 6, records_12.find('\n', records_12.find("=001  ")) -
                                                                          records_12.find("=001  ") - 6);
    const auto missing = want.find(Key{cn, "marc21-fixed-field-missing", "008"});
    ASSERT_NE(missing, want.end()) << cn;
    EXPECT_EQ(*missing->second.begin(), (std::pair<int, int>{10, 30}));

    // The ages the reports show: per rule, the open problems of night 30 and the oldest.
    std::map<std::string, history::RuleAge> ages;
    for (const auto& [problem, nights] : seen) {
        if (nights.second != k_nights) {
            continue;
        }
        auto& a = ages[std::get<1>(problem.first)];
        a.rule = std::get<1>(problem.first);
        a.oldest_run = a.open == 0 ? nights.first : std::min<std::int64_t>(a.oldest_run, nights.first);
        ++a.open;
        a.new_in_run += nights.first == k_nights ? 1 : 0;
    }
    ASSERT_EQ(view.by_rule.size(), ages.size());
    std::uint64_t open = 0;
    for (const auto& a : view.by_rule) {
        const auto& want_age = ages.at(a.rule);
        EXPECT_EQ(a.open, want_age.open) << a.rule;
        EXPECT_EQ(a.new_in_run, want_age.new_in_run) << a.rule;
        EXPECT_EQ(a.oldest_run, want_age.oldest_run) << a.rule;
        EXPECT_EQ(view.days_since(a.oldest_time), k_nights - want_age.oldest_run) << a.rule;
        open += a.open;
    }
    EXPECT_EQ(open, view.open);
    EXPECT_EQ(view.open, expected.back().findings);
    // Open longest first.
    EXPECT_TRUE(std::is_sorted(view.by_rule.begin(), view.by_rule.end(),
                               [](const auto& a, const auto& b) { return a.oldest_run < b.oldest_run; }));
    EXPECT_EQ(view.by_rule.front().oldest_run, 1);

    // `marcaudit history` reads the same view.
    const auto read = history::read_history(db, 60);
    EXPECT_EQ(read.runs.size(), view.runs.size());
    EXPECT_EQ(read.open, view.open);
    EXPECT_EQ(read.oldest.size(), history::HistoryView::oldest_shown);
    EXPECT_EQ(read.oldest.front().first_run, 1);
}

TEST(HistoryTest, RunsAreKeptInTheOrderOfTheirDates) {
    const auto dir = test::test_temp_dir("history-order");
    const auto db = dir / "history.db";
    fs::remove(db);
    const auto path = (test::test_data() / "bib/evergreen-rda-records-10.utf8.mrc").string();
    const auto result = test::audit({path});
    (void)history::append_run(db, result, {{path}, history::parse_time("2026-12-02")});
    EXPECT_THROW((void)history::append_run(db, result, {{path}, history::parse_time("2026-12-01")}),
                 history::HistoryError);
    const auto view = history::read_history(db, 10);
    EXPECT_EQ(view.total_runs, 1U);  // the refused run left nothing behind
    EXPECT_EQ(view.open, result.findings.size());
}

TEST(HistoryTest, AFileThatIsNotAHistoryIsRefusedAndLeftAlone) {
    const auto path = test::write_temp_file("history-foreign", "notes.db", "my notes\n");
    const auto result = test::audit({(test::test_data() / "bib/evergreen-rda-records-10.utf8.mrc").string()});
    EXPECT_THROW((void)history::append_run(path, result, {}), history::HistoryError);
    EXPECT_EQ(test::read_file(path), "my notes\n");
    EXPECT_THROW((void)history::read_history(test::test_temp_dir("history-foreign") / "missing.db", 10),
                 history::HistoryError);
}

TEST(HistoryTest, DatesAreReadAsUtc) {
    EXPECT_EQ(history::parse_time("2026-11-01"), k_first_night);
    EXPECT_EQ(history::parse_time("2026-11-01T06:30:00Z"), k_first_night + 6 * 3600 + 30 * 60);
    EXPECT_EQ(history::parse_time("2026-11-01T06:30"), k_first_night + 6 * 3600 + 30 * 60);
    EXPECT_EQ(history::format_date(k_first_night + 86399), "2026-11-01");
    EXPECT_THROW((void)history::parse_time("2026-02-30"), history::HistoryError);
    EXPECT_THROW((void)history::parse_time("01/11/2026"), history::HistoryError);
    EXPECT_THROW((void)history::parse_time("2026-11-01T25:00"), history::HistoryError);
}

} // namespace
} // namespace marcaudit
