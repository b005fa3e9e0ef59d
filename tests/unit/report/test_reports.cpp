#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "marcaudit/report/reports.hpp"
#include "marcaudit/rules/rule.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

TEST(JsonReportTest, RecordsObjectAndCountsPerRule) {
    const auto r = audit({(test_data() / "malformed").string()});
    const auto j = nlohmann::json::parse(json_report(r));
    const auto& records = j.at("records");
    EXPECT_EQ(records.at("read").get<std::uint64_t>(),
              records.at("audited").get<std::uint64_t>() + records.at("rejected").get<std::uint64_t>());
    EXPECT_EQ(records.at("read").get<std::uint64_t>(), r.records.read);
    EXPECT_GT(records.at("rejected").get<std::uint64_t>(), 0U);
    std::uint64_t total = 0;
    for (const auto& [id, n] : j.at("findings_by_rule").items()) {
        EXPECT_NE(rules::builtin_registry().find(id), nullptr) << id;
        total += n.get<std::uint64_t>();
    }
    EXPECT_EQ(total, j.at("findings").size());
    EXPECT_EQ(j.at("rejected").size(), r.rejections.size());
    EXPECT_EQ(j.at("inputs").size(), r.sources.size());
}

TEST(TextReportTest, SummaryStatesTheAccounting) {
    const auto r = audit({(test_data() / "malformed" / "truncated-at-65536-bytes-data-planet-19.mrc").string()});
    std::ostringstream out;
    report::write_text(r, out);
    EXPECT_NE(out.str().find("Records: 19 read = 18 audited + 1 rejected"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("record 19"), std::string::npos);
}

TEST(JsonReportTest, ValuesAreWholeInJsonAndShortenedInText) {
    // Evergreen's RDA sample, record 7: a 505 of 1,500 characters with a double space near
    // character 400, which vendor-spacing reports. The JSON carries the whole subfield, so the
    // gap can be found; the text summary shortens it with an ellipsis.
    const auto r = audit({(test_data() / "bib" / "evergreen-rda-records-10.utf8.mrc").string()});
    const auto j = nlohmann::json::parse(json_report(r));
    bool found = false;
    for (const auto& f : j.at("findings")) {
        if (f.at("rule") == "vendor-spacing" && f.at("record") == 7 && f.at("tag") == "505") {
            const auto value = f.at("value").get<std::string>();
            EXPECT_GT(value.size(), 1000U);
            const auto gap = value.find("  ");
            ASSERT_NE(gap, std::string::npos);
            EXPECT_GT(gap, 300U);
            found = true;
        }
    }
    EXPECT_TRUE(found);
    std::ostringstream out;
    report::write_text(r, out);
    const auto text = out.str();
    const auto at = text.find("value: Il barbiere di Siviglia");
    ASSERT_NE(at, std::string::npos);
    const auto line = text.substr(at, text.find('\n', at) - at);
    EXPECT_LE(line.size(), std::string{"value: "}.size() + 80 + std::string{"\u2026"}.size()) << line;
    EXPECT_TRUE(line.ends_with("\u2026")) << line;
}

} // namespace
} // namespace marcaudit::test
