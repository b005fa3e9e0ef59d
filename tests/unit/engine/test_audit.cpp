// The audit's output does not depend on the number of threads or the batch size.

#include <map>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace marcaudit::test {
namespace {

TEST(AuditTest, ReportIsIdenticalForAnyThreadCountAndBatchSize) {
    const std::vector<std::string> inputs = {(test_data() / "malformed").string(), (test_data() / "marc8").string(),
                                             (test_data() / "marcxml").string()};
    const auto reference = json_report(audit(inputs, 1, 1000));
    for (const unsigned threads : {1U, 2U, 8U}) {
        for (const std::size_t batch : {std::size_t{1}, std::size_t{3}, std::size_t{64}}) {
            SCOPED_TRACE(fmt::format("threads {} batch {}", threads, batch));
            EXPECT_EQ(json_report(audit(inputs, threads, batch)), reference);
        }
    }
}

TEST(AuditTest, CountsAddUpAcrossInputs) {
    const auto r = audit({(test_data() / "vendor").string(), (test_data() / "malformed").string()}, 2);
    std::uint64_t read = 0;
    for (const auto& s : r.sources) {
        EXPECT_EQ(s.records.read, s.records.audited + s.records.rejected) << s.info.name;
        read += s.records.read;
    }
    EXPECT_EQ(r.records.read, read);
    EXPECT_EQ(r.records.read, r.records.audited + r.records.rejected);
    std::uint64_t by_rule = 0;
    for (const auto& [id, n] : r.counts_by_rule) {
        by_rule += n;
    }
    EXPECT_EQ(by_rule, r.findings.size());
    // Records per rule: at least one, at most as many as findings; recounted from the findings.
    std::map<std::string, std::set<std::pair<std::uint32_t, std::uint64_t>>> seen;
    std::set<std::pair<std::uint32_t, std::uint64_t>> any;
    for (const auto& f : r.findings) {
        if (f.record_number != 0) {
            seen[std::string{f.rule_id}].insert({f.source_index, f.record_number});
            any.insert({f.source_index, f.record_number});
        }
    }
    for (const auto& [id, n] : r.counts_by_rule) {
        EXPECT_EQ(r.records_by_rule.at(id), seen[id].size()) << id;
        EXPECT_LE(r.records_by_rule.at(id), n) << id;
    }
    EXPECT_EQ(r.record_tallies.size(), any.size());
    EXPECT_GT(r.record_tallies.size(), 0U);
    EXPECT_EQ(r.counts_by_severity[0] + r.counts_by_severity[1] + r.counts_by_severity[2], r.findings.size());
}

TEST(AuditTest, FindingsCarryTheRecordsControlNumber) {
    const auto r = audit({(test_data() / "malformed" / "pymarc-utf8-without-leader-flag.dat").string()});
    ASSERT_FALSE(r.findings.empty());
    EXPECT_FALSE(r.findings[0].control_number.empty());
}

} // namespace
} // namespace marcaudit::test
