// Gates and the baseline: two nights of an export (tests/fixtures/baseline) where one record
// was fixed, one broke and one was added, and the records moved; the gates' verdicts; the
// CSV and JUnit reports of the same runs.

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <sstream>

#include <gtest/gtest.h>
#include <tbb/task_group.h>
#include <pugixml.hpp>

#include "marcaudit/report/reports.hpp"
#include "marcaudit/rules/profile.hpp"
#include "marcaudit/rules/rule.hpp"
#include "marcaudit/scoring/baseline.hpp"
#include "marcaudit/scoring/gates.hpp"
#include "report/blocks.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

std::filesystem::path baseline_fixtures() {
    return test_data().parent_path() / "fixtures" / "baseline";
}

const rules::Profile& gates_profile() {
    static const auto profile =
        rules::Profile::load((baseline_fixtures() / "gates.toml").string(), rules::builtin_registry());
    return profile;
}

engine::AuditResult night(const char* name) {
    return audit_with(gates_profile(), {(baseline_fixtures() / name).string()}, 2);
}

TEST(BaselineTest, NewAndResolvedFindingsBetweenTwoNights) {
    // Night 1's report written now (not the committed night1.json): the same code both times.
    const auto first = night("night1.mrk");
    const auto previous = test_temp_dir("baseline") / "night1.json";
    {
        std::ofstream out{previous};
        report::write_json(first, out);
    }
    const auto second = night("night2.mrk");
    const auto diff = scoring::compare_with_baseline(second, previous);
    std::vector<std::string> added;
    for (const auto i : diff.added) {
        const auto& f = second.findings[i];
        added.push_back(f.control_number + " " + std::string{f.rule_id} + " " + f.tag);
    }
    // b-3's ISBN broke, b-4 is new; b-1 still has no title, in another place in the file.
    EXPECT_EQ(added, (std::vector<std::string>{"b-3 identifier-isbn-invalid 020", "b-4 marc21-title-missing "}));
    ASSERT_EQ(diff.resolved.size(), 1U);
    EXPECT_EQ(diff.resolved[0].control_number, "b-2");  // its link is https now
    EXPECT_EQ(diff.resolved[0].rule, "vendor-url-insecure");
    EXPECT_EQ(diff.previous_findings, 2U);
    // The committed report of night 1 (what a nightly job keeps) gives the same answer.
    const auto committed = scoring::compare_with_baseline(second, baseline_fixtures() / "night1.json");
    EXPECT_EQ(committed.added, diff.added);
    EXPECT_EQ(committed.resolved.size(), 1U);
    // Against itself, nothing is new or resolved.
    const auto same = scoring::compare_with_baseline(first, previous);
    EXPECT_TRUE(same.added.empty());
    EXPECT_TRUE(same.resolved.empty());
}

TEST(BaselineTest, ABaselineThatIsNoReportIsAnInputError) {
    const auto bad = test_temp_dir("baseline-bad") / "not-a-report.json";
    std::ofstream{bad} << "{\"records\": 1}";
    const auto r = night("night1.mrk");
    EXPECT_THROW((void)scoring::compare_with_baseline(r, bad), scoring::BaselineError);
    EXPECT_THROW((void)scoring::compare_with_baseline(r, bad.parent_path() / "missing.json"), scoring::BaselineError);
}

TEST(GateTest, EachGateFailsForItsOwnReason) {
    const auto second = night("night2.mrk");
    const auto diff = scoring::compare_with_baseline(second, baseline_fixtures() / "night1.json");
    scoring::GateOptions none;
    // max_findings = 1 for marc21-title-missing, which finds 2 on night 2.
    auto out = scoring::evaluate_gates(second, gates_profile(), none, nullptr);
    ASSERT_EQ(out.reasons.size(), 1U);
    EXPECT_NE(out.reasons[0].find("more than its limit of 1"), std::string::npos);
    const auto first = night("night1.mrk");
    EXPECT_FALSE(scoring::evaluate_gates(first, gates_profile(), none, nullptr).failed);

    scoring::GateOptions errors;
    errors.fail_on = Severity::error;
    EXPECT_TRUE(scoring::evaluate_gates(first, gates_profile(), errors, nullptr).failed);  // b-1's missing title
    // Only new findings: night 1 against itself has none.
    errors.only_new = true;
    const auto same = scoring::compare_with_baseline(first, baseline_fixtures() / "night1.json");
    EXPECT_FALSE(scoring::evaluate_gates(first, gates_profile(), errors, &same).failed);
    out = scoring::evaluate_gates(second, gates_profile(), errors, &diff);
    EXPECT_NE(out.reasons[0].find("2 new finding(s)"), std::string::npos);

    // A rule's own gate (JUnit): with only_new, old findings do not fail it.
    scoring::GateOptions warnings;
    warnings.fail_on = Severity::warning;
    EXPECT_TRUE(scoring::rule_fails(first, gates_profile(), warnings, "vendor-url-insecure", nullptr));
    warnings.only_new = true;
    EXPECT_FALSE(scoring::rule_fails(first, gates_profile(), warnings, "vendor-url-insecure", &same));
    EXPECT_TRUE(scoring::rule_fails(second, gates_profile(), warnings, "identifier-isbn-invalid", &diff));

    scoring::GateOptions score;
    score.min_score = 95;  // night 1: (90 + 97 + 100) / 3 = 95.67
    EXPECT_FALSE(scoring::evaluate_gates(first, gates_profile(), score, nullptr).failed);
    score.min_score = 96;
    EXPECT_TRUE(scoring::evaluate_gates(first, gates_profile(), score, nullptr).failed);
}

TEST(ReportTest, CsvQuotingAndJunitCases) {
    const auto second = night("night2.mrk");
    std::ostringstream findings;
    report::write_findings_csv(second, findings, true);
    const auto csv = findings.str();
    EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBFrule,severity,file,"));
    // A message with a comma is quoted; lines end in CRLF.
    EXPECT_NE(csv.find(",\"020 $a: the ISBN 9780306406158 fails its check digit"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\r\n"), std::string::npos);
    std::ostringstream records;
    report::write_records_csv(second, records, false);
    EXPECT_NE(records.str().find(",b-3,audited,90,1,1,0,0\r\n"), std::string::npos) << records.str();

    scoring::GateOptions gates;
    gates.fail_on = Severity::error;
    gates.min_score = 99;
    std::ostringstream junit;
    report::write_junit(second, gates_profile(), gates, junit);
    const auto xml = junit.str();
    // Three rules, the score and the readable-records cases; the two error rules and the
    // score fail.
    EXPECT_NE(xml.find("<testsuites name=\"marcaudit\" tests=\"5\" failures=\"3\""), std::string::npos) << xml;
    EXPECT_NE(xml.find("name=\"marc21-title-missing\">\n      <failure message=\"2 finding(s), more than the "
                       "rule's limit of 1\""),
              std::string::npos)
        << xml;
}

TEST(ReportTest, AWriterFailingBesideAnotherDoesNotCutItShort) {
    // The CLI writes the reports side by side in one task group; one failing (a file that
    // cannot be written) cancels the group. The others must still write every row, or a
    // half-written report would replace the last good one.
    std::ostringstream out;
    tbb::task_group writers;
    writers.run([&] {
        writers.cancel();  // what a sibling writer's exception does to the group
        report::detail::write_blocks(out, 200, 8000, [](std::size_t b, std::string& text) {
            for (std::size_t i = b * 1000; i < (b + 1) * 1000; ++i) {
                text += std::to_string(i);
                text += '\n';
            }
        });
    });
    writers.wait();
    const auto text = out.str();
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 200000);
    EXPECT_TRUE(text.ends_with("199999\n"));
}

TEST(ReportTest, JunitHasTheCommonSchemaShape) {
    // testsuites > testsuite > testcase (classname, name) [> failure (message, type)]; the
    // counts in the attributes add up to the elements.
    const auto second = night("night2.mrk");
    scoring::GateOptions gates;
    gates.fail_on = Severity::warning;
    std::ostringstream junit;
    report::write_junit(second, gates_profile(), gates, junit);
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(junit.str().c_str())) << junit.str();
    const auto suites = doc.child("testsuites");
    ASSERT_TRUE(suites);
    const auto suite = suites.child("testsuite");
    ASSERT_TRUE(suite);
    EXPECT_TRUE(suite.attribute("name"));
    int cases = 0;
    int failures = 0;
    for (const auto& c : suite.children("testcase")) {
        ++cases;
        EXPECT_FALSE(std::string{c.attribute("classname").value()}.empty());
        EXPECT_FALSE(std::string{c.attribute("name").value()}.empty());
        if (const auto f = c.child("failure")) {
            ++failures;
            EXPECT_FALSE(std::string{f.attribute("message").value()}.empty());
            EXPECT_STREQ(f.attribute("type").value(), "gate");
        }
    }
    EXPECT_EQ(cases, suite.attribute("tests").as_int());
    EXPECT_EQ(failures, suite.attribute("failures").as_int());
    EXPECT_EQ(cases, suites.attribute("tests").as_int());
    EXPECT_EQ(failures, 2);  // the title rule (over its limit) and the ISBN rule (an error); the URL rule passes
}

} // namespace
} // namespace marcaudit::test
