// Record and batch scores and the cleanup estimate, on fixture records scored by hand
// (tests/fixtures/scoring), and the profile's [scoring] table and cost settings.

#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "marcaudit/history/history.hpp"
#include "marcaudit/report/reports.hpp"
#include "marcaudit/rules/profile.hpp"
#include "marcaudit/rules/rule.hpp"
#include "marcaudit/scoring/effort.hpp"
#include "marcaudit/scoring/gates.hpp"
#include "marcaudit/scoring/score.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

std::filesystem::path scoring_fixtures() {
    return test_data().parent_path() / "fixtures" / "scoring";
}

engine::AuditResult scored(unsigned threads = 1) {
    static const auto profile =
        rules::Profile::load((scoring_fixtures() / "scoring.toml").string(), rules::builtin_registry());
    return audit_with(profile, {(scoring_fixtures() / "batch.mrk").string()}, threads);
}

TEST(ScoreTest, RecordScoresAsComputedByHand) {
    const auto r = scored();
    ASSERT_EQ(r.records.audited, 3U);
    std::vector<std::pair<std::uint64_t, double>> scores;
    for (const auto& t : r.record_tallies) {
        scores.emplace_back(t.record_number, scoring::record_score(t.penalty));
    }
    // Record 1 is clean (no tally); 2: five warnings, three counted; 3: an error of weight 2.
    EXPECT_EQ(scores, (std::vector<std::pair<std::uint64_t, double>>{{2, 91.0}, {3, 80.0}}));
    EXPECT_DOUBLE_EQ(r.score.mean, (100.0 + 91 + 80) / 3);
    // 90.33 would be an A, but 1 record in 3 is clean (33%): the clean share caps it at C.
    EXPECT_EQ(r.score.grade, "C");
    EXPECT_EQ(r.score.records, 3U);
    EXPECT_EQ(r.score.clean, 1U);
    EXPECT_EQ(r.score.perfect, 1U);
    EXPECT_EQ(r.score.bands[10], 1U);
    EXPECT_EQ(r.score.bands[9], 1U);
    EXPECT_EQ(r.score.bands[8], 1U);
    EXPECT_EQ(scored(4).score.mean, r.score.mean);
}

TEST(ScoreTest, RejectedRecordsAndGrades) {
    engine::AuditResult r;
    r.sources.resize(1);
    r.records.read = 4;
    r.records.audited = 3;
    r.records.rejected = 1;
    r.record_tallies.push_back(engine::RecordTally{0, 2, "b", 1, {0, 0, 1}, 45});  // one error worth 45 points
    rules::ScoringModel model;
    const auto b = scoring::score_batch(r, model);
    // (100 + 55 + 100 + 0) / 4: the rejected record scores 0.
    EXPECT_DOUBLE_EQ(b.mean, 63.75);
    EXPECT_EQ(b.grade, "D");
    EXPECT_EQ(b.records, 4U);
    EXPECT_EQ(b.clean, 2U);
    EXPECT_EQ(b.bands[0], 1U);  // the rejected record
    EXPECT_EQ(b.bands[5], 1U);
    EXPECT_EQ(model.grade(90), "A");
    EXPECT_EQ(model.grade(89.99), "B");
    EXPECT_EQ(model.grade(59.9), "F");
    EXPECT_EQ(scoring::record_score(150), 0);
    // Nothing read: no score and no grade, not a perfect batch (an empty export failed).
    EXPECT_EQ(scoring::score_batch(engine::AuditResult{}, model).mean, 0);
    EXPECT_EQ(scoring::score_batch(engine::AuditResult{}, model).grade, "none");
    EXPECT_EQ(scoring::score_batch(engine::AuditResult{}, model).clean_share(), 0);
}

TEST(ScoreTest, ARecordRejectedAfterFindingsIsScoredOnceAsRejected) {
    // Record 1 is audited (88: four warnings and two notes of the default profile); record 2
    // gets a leader finding and is then rejected (a record length of 0004): it scores 0, once.
    // A constructed file (two records written by hand to hit the case).
    const auto profile = rules::Profile::load("default", rules::builtin_registry());
    const auto r = audit_with(profile, {(scoring_fixtures() / "rejected-after-findings.mrc").string()});
    ASSERT_EQ(r.records.audited, 1U);
    ASSERT_EQ(r.records.rejected, 1U);
    ASSERT_EQ(r.record_tallies.size(), 2U);
    EXPECT_FALSE(r.record_tallies[0].rejected);
    EXPECT_TRUE(r.record_tallies[1].rejected);
    EXPECT_EQ(r.score.records, 2U);
    EXPECT_DOUBLE_EQ(r.score.mean, (scoring::record_score(r.record_tallies[0].penalty) + 0) / 2);
    std::uint64_t banded = 0;
    for (const auto n : r.score.bands) {
        banded += n;
    }
    EXPECT_EQ(banded, 2U);
    std::ostringstream csv;
    report::write_records_csv(r, csv, false);
    const auto text = csv.str();
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3) << text;  // the header and one row per record
    EXPECT_NE(text.find(",2,,rejected,0,1,1,0,0\r\n"), std::string::npos) << text;
}

TEST(EffortTest, ManualAndBatchCostsAsComputedByHand) {
    const auto r = scored();
    const auto& e = r.effort;
    ASSERT_EQ(e.rules.size(), 2U);
    // Most effort first: the batch edit (0.51-1.01 h) before the manual fix (0.1-0.2 h).
    EXPECT_EQ(e.rules[0].rule, "vendor-url-insecure");
    EXPECT_TRUE(e.rules[0].batch);
    EXPECT_EQ(e.rules[0].findings, 5U);
    EXPECT_EQ(e.rules[0].records, 1U);
    EXPECT_NEAR(e.rules[0].low_hours, (30 + 36.0 / 60) / 60, 1e-9);
    EXPECT_NEAR(e.rules[0].high_hours, (60 + 36.0 / 60) / 60, 1e-9);
    EXPECT_EQ(e.rules[1].rule, "marc21-title-missing");
    EXPECT_FALSE(e.rules[1].batch);
    EXPECT_NEAR(e.rules[1].low_hours, 0.1, 1e-9);
    EXPECT_NEAR(e.rules[1].high_hours, 0.2, 1e-9);
    EXPECT_NEAR(e.low_hours, 0.61, 1e-9);
    EXPECT_NEAR(e.high_hours, 1.21, 1e-9);
    EXPECT_NEAR(e.by_module.at("vendor").second, 1.01, 1e-9);
    EXPECT_NEAR(e.top_share(1), (0.51 + 1.01) / (0.61 + 1.21), 1e-9);
    EXPECT_DOUBLE_EQ(e.top_share(2), 1.0);
}

TEST(ScoreTest, ProfileMistakesInScoringAndCosts) {
    auto error_of = [](const std::string& name, const std::string& text) {
        try {
            (void)profile_from_text("scoring-" + name, text);
        } catch (const rules::ProfileError& e) {
            return std::string{e.what()};
        }
        return std::string{"(no error)"};
    };
    EXPECT_NE(error_of("key", "[scoring]\nerrors = 5\n").find("unknown key 'scoring.errors'"), std::string::npos);
    EXPECT_NE(error_of("grades", "[scoring]\ngrades = { A = 90, B = 80 }\n").find("a grade for the lowest scores"),
              std::string::npos);
    EXPECT_NE(error_of("cap", "[scoring]\nmax_per_rule = 0\n").find("from 1 to 1000"), std::string::npos);
    EXPECT_NE(error_of("cap-huge", "[scoring]\nmax_per_rule = 4294967296\n").find("from 1 to 1000"), std::string::npos);
    EXPECT_NE(error_of("nan", "[scoring]\nerror = nan\n").find("must be a number"), std::string::npos);
    EXPECT_NE(error_of("rejected", "[scoring]\nrejected_score = 150\n").find("from 0 to 100"), std::string::npos);
    EXPECT_NE(error_of("range", "[rule.marc21-tag-undefined]\ncost_minutes = [5, 1]\n").find("0 <= low <= high"),
              std::string::npos);
    EXPECT_NE(error_of("limit", "[rule.marc21-tag-undefined]\nmax_findings = -1\n").find("from 0 up"),
              std::string::npos);
    EXPECT_EQ(error_of("fine", "[scoring]\nwarning = 2\n[rule.marc21-tag-undefined]\nbatch_minutes = [1, 2]\n"
                               "seconds_per_record = 0.5\nmax_findings = 10\n"),
              "(no error)");
    // The shipped default sets every rule's cost; information costs nothing.
    const auto def = rules::Profile::load("default", rules::builtin_registry());
    EXPECT_EQ(def.settings("vendor-url-proxy")->fix, rules::FixKind::batch);
    EXPECT_EQ(def.settings("heading-split")->cost_high_minutes, 15);
    EXPECT_EQ(def.settings("identifier-duplicate-isbn")->cost_low_minutes, 5);  // the more specific glob
    EXPECT_EQ(def.settings("heading-new-to-catalog")->cost_high_minutes, 0);
}

TEST(EffortTest, DefaultProfileCostsEveryErrorAndWarning) {
    // Every shipped profile costs each error and warning it reports; information asks for no
    // change and costs nothing.
    for (const char* name : {"default", "strict", "nightly-export", "vendor-ebooks"}) {
        const auto profile = rules::Profile::load(name, rules::builtin_registry());
        for (const auto& entry : rules::builtin_registry().entries()) {
            const auto* s = profile.settings(entry.info.id);
            ASSERT_NE(s, nullptr) << entry.info.id;
            if (!s->enabled) {
                continue;
            }
            const double high = s->fix == rules::FixKind::batch ? s->batch_high_minutes : s->cost_high_minutes;
            if (s->severity == Severity::info) {
                EXPECT_EQ(high, 0) << name << ": " << entry.info.id << ": information asks for no change";
            } else {
                EXPECT_GT(high, 0) << name << ": " << entry.info.id << " has no cost";
            }
        }
    }
}

} // namespace
} // namespace marcaudit::test

namespace marcaudit::test {
namespace {

TEST(ScoreTest, TheGradeAgreesWithTheShareOfCleanRecords) {
    const rules::ScoringModel model;  // grades A 90 ... F 0; clean_grades A 75, B 50, C 25, D 10
    EXPECT_EQ(model.grade(97.3, 0.69), "B");  // LC BooksAll sample: 69 of 100 records clean
    EXPECT_EQ(model.grade(98.6, 0.76), "A");  // LC Z39.50 set: 38 of 50
    EXPECT_EQ(model.grade(93.4, 0.42), "C");  // LC opera sample: 18 of 43
    EXPECT_EQ(model.grade(95.0, 0.04), "F");  // "grade A with 4% of records clean" no more
    EXPECT_EQ(model.grade(55.0, 1.00), "F");  // a low mean stays low whatever the share
    rules::ScoringModel mean_only;
    mean_only.clean_grades.clear();
    EXPECT_EQ(mean_only.grade(95.0, 0.04), "A");
}

} // namespace
} // namespace marcaudit::test

namespace marcaudit::test {
namespace {

TEST(EffortTest, AnOverlayIsCostedOncePerRecordAndTakesTheRecordsOtherFindingsWithIt) {
    // The vendor sample under vendor-ebooks: YBP's 51 print order records (encoding level z,
    // not online) are replaced by one overlay each, which also fixes their missing LCSH,
    // class number, titles in capitals and blank indicators; Data-Planet's 45 full records
    // keep their own fixes (no LCSH, no class number, '#' in 007/008).
    const auto profile = rules::Profile::load("vendor-ebooks", rules::builtin_registry());
    const auto r = audit_with(profile, {(test_data() / "vendor").string()});
    const scoring::RuleEffort* overlay = nullptr;
    const scoring::RuleEffort* lcsh = nullptr;
    for (const auto& e : r.effort.rules) {
        overlay = e.rule == "fix:overlay" ? &e : overlay;
        lcsh = e.rule == "vendor-lcsh-missing" ? &e : lcsh;
        EXPECT_NE(e.rule, "vendor-encoding-level") << "costed by the overlay";
        EXPECT_NE(e.rule, "custom-title-all-capitals") << "only in replaced records";
    }
    ASSERT_NE(overlay, nullptr);
    EXPECT_EQ(overlay->records, 51U);
    EXPECT_EQ(overlay->rules, (std::vector<std::string>{"vendor-encoding-level", "vendor-not-online"}));
    EXPECT_NEAR(overlay->low_hours, 51 * 3 / 60.0, 1e-9);
    ASSERT_NE(lcsh, nullptr);
    EXPECT_EQ(lcsh->records, 45U);  // Data-Planet's only
    // Ranked by impact per staff hour: an access fix on 45 records for a batch edit's minutes
    // comes before the same records' display blemishes; what can wait is the display share.
    EXPECT_EQ(overlay->impact, "access");
    EXPECT_EQ(lcsh->impact, "access");
    ASSERT_FALSE(r.effort.by_value.empty());
    double total = 0;
    double display = 0;
    for (std::size_t i = 0; i + 1 < r.effort.by_value.size(); ++i) {
        EXPECT_GE(r.effort.rules[r.effort.by_value[i]].value_per_hour,
                  r.effort.rules[r.effort.by_value[i + 1]].value_per_hour);
    }
    for (const auto& e : r.effort.rules) {
        const double mid = (e.low_hours + e.high_hours) / 2;
        total += mid;
        display += e.impact == "display" ? mid : 0;
        if (e.rule == "vendor-spacing") {
            EXPECT_EQ(e.impact, "display");
        }
    }
    EXPECT_NEAR(r.effort.can_wait_share, display / total, 1e-9);
    EXPECT_GT(r.effort.can_wait_share, 0);
}

TEST(EffortTest, WhatBlocksTheLoadOrHasWaitedForMonthsIsMoreUrgent) {
    // The vendor sample again. Urgency 1 without gates or history; a rule whose findings fail
    // a gate blocks the load (2); a rule open for 120 days in the history has waited (1.5).
    const auto profile = rules::Profile::load("vendor-ebooks", rules::builtin_registry());
    auto r = audit_with(profile, {(test_data() / "vendor").string()});
    const auto find = [](const scoring::Effort& e, std::string_view id) -> const scoring::RuleEffort& {
        const auto it = std::find_if(e.rules.begin(), e.rules.end(), [&](const auto& x) { return x.rule == id; });
        EXPECT_NE(it, e.rules.end()) << id;
        return *it;
    };
    EXPECT_EQ(find(r.effort, "vendor-spacing").urgency, 1.0);
    EXPECT_EQ(find(r.effort, "vendor-spacing").urgent_because, "");

    scoring::GateOptions gates;
    gates.fail_on = Severity::error;
    r.gates = std::make_shared<const scoring::GateOutcome>(scoring::evaluate_gates(r, profile, gates, nullptr));
    ASSERT_TRUE(std::is_sorted(r.gates->blocking.begin(), r.gates->blocking.end()));
    EXPECT_TRUE(std::binary_search(r.gates->blocking.begin(), r.gates->blocking.end(),
                                   std::string{"marc21-fixed-field-number-sign"}));
    EXPECT_FALSE(std::binary_search(r.gates->blocking.begin(), r.gates->blocking.end(), std::string{"vendor-spacing"}));
    auto history = std::make_shared<history::HistoryView>();
    history::Run run;
    run.time = 1793491200 + 120 * 86400;  // 2027-03-01
    history->runs.push_back(run);
    history::RuleAge age;
    age.rule = "vendor-spacing";
    age.open = 5;
    age.oldest_time = 1793491200;  // 2026-11-01
    history->by_rule.push_back(age);
    r.history = history;
    r.effort = scoring::estimate_effort(r, profile);
    const auto& number_sign = find(r.effort, "marc21-fixed-field-number-sign");
    EXPECT_EQ(number_sign.urgency, 2.0);
    EXPECT_EQ(number_sign.urgent_because, "blocks this load");
    const auto& spacing = find(r.effort, "vendor-spacing");  // a warning: --fail-on error does not block on it
    EXPECT_EQ(spacing.urgency, 1.5);
    EXPECT_EQ(spacing.urgent_because, "open 120 days");
    // The overlay's rules (encoding level, not online) are errors: the overlay blocks too.
    EXPECT_EQ(find(r.effort, "fix:overlay").urgent_because, "blocks this load");
}

} // namespace
} // namespace marcaudit::test
