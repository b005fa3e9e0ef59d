// The Thompson–Traill completeness score on records whose scores were computed by hand from
// the rubric (tests/fixtures/completeness/records.mrk), row by row, and the batch distribution.

#include <gtest/gtest.h>

#include "marcaudit/scoring/thompson_traill.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

using scoring::TtElement;

constexpr int k_latest_year = 2027;  // the fixture's scores assume it

std::string fixture() {
    return (test_data().parent_path() / "fixtures" / "completeness" / "records.mrk").string();
}

/// The fixture's records' scores, by 001 ("" for records the rubric does not apply to).
std::vector<std::pair<std::string, std::optional<scoring::TtScore>>> scores() {
    std::vector<std::pair<std::string, std::optional<scoring::TtScore>>> out;
    for_each_record(fixture(), [&](const record::RecordView& record) {
        std::optional<scoring::TtScore> s;
        if (scoring::tt_applies(record)) {
            s = scoring::thompson_traill(record, scoring::tt_code_lists(), k_latest_year);
        }
        out.emplace_back(std::string{record.control_number()}, s);
    });
    return out;
}

std::vector<unsigned> rows(const scoring::TtScore& s) {
    return {s.points.begin(), s.points.end()};
}

TEST(ThompsonTraillTest, BriefVendorRecordRowByRow) {
    const auto all = scores();
    ASSERT_EQ(all.size(), 6U);
    ASSERT_TRUE(all[0].second.has_value());
    const auto& s = *all[0].second;
    // ISBN, authors, alt titles, edition, contributors, series, contents, date 008, date 26X,
    // class, LCSH, MeSH, FAST, other, description, language, country, cat. language, standard
    EXPECT_EQ(rows(s), (std::vector<unsigned>{1, 1, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 2, 1, 1, 1, 1}));
    EXPECT_EQ(s.total(), 11U);
}

TEST(ThompsonTraillTest, FullRecordRowByRowWithCaps) {
    const auto s = *scores()[1].second;
    EXPECT_EQ(rows(s), (std::vector<unsigned>{2, 1, 1, 1, 2, 2, 2, 1, 2, 1, 10, 1, 2, 5, 2, 1, 1, 1, 1}));
    EXPECT_EQ(s[TtElement::lcsh], 10U);            // twelve LCSH fields, capped at 10
    EXPECT_EQ(s[TtElement::other_subjects], 5U);   // eight "other" fields, capped at 5
    EXPECT_EQ(s.total(), 39U);
}

TEST(ThompsonTraillTest, DatesCodesAndSourcesAsTheRubricStates) {
    const auto all = scores();
    const auto third = *all[2].second;
    EXPECT_EQ(third[TtElement::date_008], 1U);             // 2025: dates after 2017 are valid
    EXPECT_EQ(third[TtElement::date_26x], 0U);             // [n.d.]
    EXPECT_EQ(third[TtElement::lcsh], 0U);                 // a 653 \0 is not LCSH...
    EXPECT_EQ(third[TtElement::other_subjects], 1U);       // ...but "other"
    EXPECT_EQ(third[TtElement::cataloging_standard], 1U);  // "RDA."
    EXPECT_EQ(third[TtElement::cataloging_language], 0U);  // fre
    EXPECT_EQ(third[TtElement::language], 0U);             // und
    EXPECT_EQ(third[TtElement::country], 0U);              // xx
    EXPECT_EQ(third.total(), 5U);
    const auto fourth = *all[3].second;
    EXPECT_EQ(fourth[TtElement::date_008], 0U);  // 2029 > 2027
    EXPECT_EQ(fourth[TtElement::date_26x], 1U);  // four digits, but no valid 008 date to match
    EXPECT_EQ(fourth[TtElement::cataloging_language], 1U);  // no 040: no language specified
    EXPECT_EQ(fourth.total(), 4U);
    EXPECT_FALSE(all[4].second.has_value());  // a map
    EXPECT_FALSE(all[5].second.has_value());  // a serial
}

TEST(ThompsonTraillTest, DistributionOfABatch) {
    scoring::TtDistribution a;
    scoring::TtDistribution b;
    const auto all = scores();
    a.add(*all[0].second);
    a.add(*all[1].second);
    b.add(*all[2].second);
    b.add(*all[3].second);
    a.merge(b);
    EXPECT_EQ(a.records(), 4U);
    EXPECT_EQ(a.histogram(), (std::map<unsigned, std::uint64_t>{{4, 1}, {5, 1}, {11, 1}, {39, 1}}));
    EXPECT_DOUBLE_EQ(a.mean(), (11.0 + 39 + 5 + 4) / 4);
    EXPECT_EQ(a.quantile(0.5), 5U);   // nearest rank: the 2nd of 4
    EXPECT_EQ(a.quantile(0.25), 4U);
    EXPECT_EQ(a.below(12), 3U);
    EXPECT_EQ(a.row_records(TtElement::lcsh), 1U);
    EXPECT_EQ(a.row_sum(TtElement::isbn), 1U + 2 + 1 + 0);
}

} // namespace
} // namespace marcaudit::test
