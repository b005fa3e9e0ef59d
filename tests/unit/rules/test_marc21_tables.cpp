// The MARC 21 format tables as the marc21 rules read them: facts of the standard come out of
// the shipped tables, and a malformed table is a configuration error naming file and line.

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "marcaudit/rules/marc21_tables.hpp"
#include "test_support.hpp"

namespace marcaudit::rules::marc21 {
namespace {

namespace fs = std::filesystem;

TEST(FormatTablesTest, ShippedBibliographicTablesHoldTheStandardsFacts) {
    const auto& tables = format_tables();
    const FormatTable& bib = tables.bibliographic;
    ASSERT_TRUE(bib.loaded());
    const FieldSpec* title = bib.field("245");
    ASSERT_NE(title, nullptr);
    EXPECT_FALSE(title->repeatable);
    EXPECT_EQ(title->indicator(1, '0'), Defined::yes);
    EXPECT_EQ(title->indicator(1, '2'), Defined::no);
    EXPECT_EQ(title->indicator(2, '9'), Defined::yes);
    EXPECT_EQ(title->subfield('a').defined, Defined::yes);
    EXPECT_FALSE(title->subfield('a').repeatable);
    EXPECT_TRUE(title->subfield('n').repeatable);
    const FieldSpec* topical = bib.field("650");
    ASSERT_NE(topical, nullptr);
    EXPECT_TRUE(topical->repeatable);
    EXPECT_TRUE(topical->subfield('x').repeatable);
    const FieldSpec* series = bib.field("440");
    ASSERT_NE(series, nullptr);
    EXPECT_EQ(series->defined, Defined::obsolete);
    EXPECT_EQ(bib.field("249"), nullptr);  // not a MARC 21 tag
    EXPECT_EQ(bib.field("001")->repeatable, false);
    EXPECT_TRUE(bib.field("007")->repeatable);

    // 008 layout chosen by Leader/06-07: notated music is MU, a serial is CR.
    std::string_view type;
    const record::LeaderView music{"00000ncm a2200000 a 4500"};
    const auto [all, mu] = bib.field008(music, type);
    EXPECT_EQ(type, "MU");
    ASSERT_NE(mu, nullptr);
    const record::LeaderView serial{"00000nas a2200000 a 4500"};
    (void)bib.field008(serial, type);
    EXPECT_EQ(type, "CR");
    // 007 for electronic resources: 14 positions, or 6 (CONSER).
    auto lengths = bib.field007_lengths('c');
    std::sort(lengths.begin(), lengths.end());
    EXPECT_EQ(lengths, (std::vector<unsigned>{6, 14}));
    EXPECT_EQ(bib.field007('y'), nullptr);
}

TEST(FormatTablesTest, ShippedAuthorityTablesKnowHeadingsAndTracings) {
    const FormatTable& auth = format_tables().authority;
    ASSERT_TRUE(auth.loaded());
    ASSERT_NE(auth.field("100"), nullptr);
    ASSERT_NE(auth.field("400"), nullptr);
    EXPECT_TRUE(auth.field("400")->repeatable);
    EXPECT_EQ(auth.field("245"), nullptr);  // a bibliographic field
}

TEST(FormatTablesTest, AMalformedTableNamesFileAndLine) {
    const auto dir = test::test_temp_dir("tables");
    fs::create_directories(dir);
    std::ofstream{dir / "bibliographic-bad.toml"} << "format = \"bibliographic\"\n\n[fields.\"245\"]\nname = \"Title\"\n"
                                                     "repeatable = \"no\"\nind1 = \"01\"\nind2 = \"0\"\n";
    try {
        (void)FormatTable::load(dir, "bibliographic");
        FAIL() << "no error";
    } catch (const FormatTableError& e) {
        EXPECT_NE(std::string{e.what()}.find("bibliographic-bad.toml:5"), std::string::npos) << e.what();
        EXPECT_NE(std::string{e.what()}.find("repeatable must be true or false"), std::string::npos) << e.what();
    }
    std::ofstream{dir / "bibliographic-bad.toml"} << "format = \"authority\"\n";
    EXPECT_THROW((void)FormatTable::load(dir, "bibliographic"), FormatTableError);
    fs::remove_all(dir);
}

} // namespace
} // namespace marcaudit::rules::marc21
