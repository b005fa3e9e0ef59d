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

} // namespace
} // namespace marcaudit::test
