// Heading extraction on real records: which fields are headings, which subfields make them,
// their vocabulary and identifiers, and 880s counted once.

#include <set>

#include <gtest/gtest.h>

#include "marcaudit/engine/pipeline.hpp"
#include "marcaudit/headings/heading.hpp"
#include "marcaudit/io/input.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

/// The headings of record `number` of `file` (1-based).
std::vector<headings::Heading> headings_of(const std::string& file, std::uint64_t number) {
    std::vector<headings::Heading> out;
    std::vector<engine::SourceInfo> sources;
    engine::run_pipeline(
        {file}, {1, {}},
        [&](const record::RecordView& r, FindingSink&, std::string&) {
            if (r.record_number() == number) {
                headings::extract_headings(r, out);
            }
        },
        [](engine::BatchResult&&) {}, sources);
    return out;
}

TEST(HeadingTest, LcRecordHasItsSubjectsAndItsName) {
    // Library of Congress record: two LCSH topical subjects and an added personal name.
    const auto h = headings_of((test_data() / "bib" / "loc-catalog-z3950-perl-query-50.utf8.mrc").string(), 1);
    ASSERT_EQ(h.size(), 3U);
    EXPECT_EQ(h[0].tag, "650");
    EXPECT_EQ(h[0].kind, headings::HeadingKind::topical);
    EXPECT_EQ(h[0].vocabulary, "lcsh");
    EXPECT_EQ(h[0].display, "Perl (Computer program language)");
    EXPECT_EQ(h[0].key, "\x1F" "aPERL COMPUTER PROGRAM LANGUAGE");
    EXPECT_EQ(h[1].occurrence, 2U);
    EXPECT_EQ(h[2].tag, "700");
    EXPECT_EQ(h[2].vocabulary, "name");
    EXPECT_EQ(h[2].key, "\x1F" "aWILLIAMS, PETER");
}

TEST(HeadingTest, ParallelScriptFieldsAreNotCountedTwice) {
    // traject record 3: 100, 440, 600 x2, 610, 651, 700, each with an 880 in Arabic script.
    const auto h = headings_of((test_data() / "bib" / "traject-test-data-30.utf8.mrc").string(), 3);
    std::vector<std::string> tags;
    for (const auto& x : h) {
        tags.push_back(x.tag);
    }
    EXPECT_EQ(tags, (std::vector<std::string>{"100", "440", "600", "610", "600", "651", "700"}));
    // Subdivisions are part of the heading; $6 is not; dates are.
    EXPECT_EQ(h[2].key, "\x1F" "aNURI, ABD ALLAH\x1F" "d1949\x1F" "vINTERVIEWS");
    // As written: the record's UTF-8 is decomposed (u + combining macron), as MARC-8 was.
    EXPECT_EQ(h[2].display, "Nu\xCC\x84ri\xCC\x84, \xCA\xBB" "Abd Alla\xCC\x84h, 1949- --Interviews.");
    EXPECT_EQ(h[2].entry_display(), "Nu\xCC\x84ri\xCC\x84, \xCA\xBB" "Abd Alla\xCC\x84h, 1949-");
    EXPECT_EQ(h[2].entry_key(), "\x1F" "aNURI, ABD ALLAH\x1F" "d1949");
    EXPECT_EQ(h[2].vocabulary, "lcsh");
    EXPECT_EQ(h[3].key, "\x1F" "aIRAN\x1F" "bVIZARAT I KISHVAR\x1F" "xOFFICIALS AND EMPLOYEES\x1F" "vINTERVIEWS");
}

TEST(HeadingTest, EveryHeadingOfTheTestFilesHasAKeyAndAKnownTag) {
    const std::set<std::string> tags{"100", "110", "111", "130", "240", "440", "600", "610", "611", "630", "647",
                                     "648", "650", "651", "655", "700", "710", "711", "730", "740", "800", "810",
                                     "811", "830"};
    std::size_t count = 0;
    std::vector<engine::SourceInfo> sources;
    std::vector<headings::Heading> h;
    engine::run_pipeline(
        io::expand_inputs({(test_data() / "bib").string(), (test_data() / "marcxml").string()}), {1, {}},
        [&](const record::RecordView& r, FindingSink&, std::string&) {
            h.clear();
            headings::extract_headings(r, h);
            for (const auto& x : h) {
                ++count;
                EXPECT_TRUE(tags.contains(x.tag)) << x.tag;
                EXPECT_FALSE(x.key.empty());
                EXPECT_EQ(x.key.front(), record::subfield_delimiter);
                EXPECT_FALSE(x.vocabulary.empty());
            }
        },
        [](engine::BatchResult&&) {}, sources);
    EXPECT_GT(count, 1000U);
}

} // namespace
} // namespace marcaudit::test
