// The authority index on real authority files: LC name and subject samples (MARCXML), DNB
// GND (ISO 2709), MeSH from Evergreen, MARCXML without a namespace; and the whole corpus's
// authority folder when it is present.

#include <mutex>

#include <gtest/gtest.h>

#include "marcaudit/engine/pipeline.hpp"
#include "marcaudit/headings/authority_index.hpp"
#include "marcaudit/headings/naco.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

using headings::AuthorityIndex;
using headings::HeadingKind;

/// An index of `files`, read through the real pipeline with `threads` threads.
AuthorityIndex index_of(const std::vector<std::string>& files, unsigned threads = 1) {
    std::vector<AuthorityIndex> parts(64);
    std::vector<engine::SourceInfo> sources;
    std::mutex lock;
    std::size_t next = 0;
    engine::run_pipeline(
        files, {threads, {}},
        [&](const record::RecordView& r, FindingSink&, std::string&) {
            // Each record in its own part, merged below: merge order must not matter.
            std::lock_guard guard{lock};
            parts[next++ % parts.size()].add(r);
        },
        [](engine::BatchResult&&) {}, sources);
    AuthorityIndex index;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
        index.merge(std::move(*it));
    }
    index.seal();
    return index;
}

std::string auth(const char* name) { return (test_data() / "auth" / name).string(); }

/// The scoped key of a name heading written as MARC subfields "$aMann, Thomas,$d1875-1955".
std::string name_key(HeadingKind kind, const std::vector<std::pair<char, std::string>>& subfields) {
    std::string key;
    for (const auto& [code, value] : subfields) {
        key += '\x1F';
        key += code;
        key += headings::naco_normalize(value, code == 'a');
    }
    return headings::scoped_key("name", kind, key);
}

TEST(AuthorityIndexTest, LcNameSampleIndexesAuthorizedFormsSeeFromsAndIdentifiers) {
    const auto index = index_of({auth("lc-name-authority-sample-namemrc-273.xml")});
    // Every record of the sample has a 1XX; 5 are deleted (Leader/05 d) and left out.
    ASSERT_EQ(index.records().size(), 268U);
    EXPECT_EQ(index.withdrawn(), 5U);

    // n 78095625: 100 Mann, Thomas,$d1875-1955, with 400s Man, Tomas / Mann, Tomas / Mān, Tūmās.
    const auto mann = index.authorized(name_key(HeadingKind::personal_name, {{'a', "Mann, Thomas,"}, {'d', "1875-1955"}}));
    ASSERT_EQ(mann.size(), 1U);
    const auto& record = index.records()[mann.front()];
    EXPECT_EQ(record.control_number, "n  78095625 ");
    EXPECT_EQ(record.display, "Mann, Thomas, 1875-1955");
    EXPECT_EQ(record.scope, "name");
    for (const char* variant : {"Man, Tomas,", "Mann, Tomas,", "M\xC4\x81n, T\xC5\xAB" "m\xC4\x81s,"}) {
        const auto hits = index.see_from(name_key(HeadingKind::personal_name, {{'a', variant}, {'d', "1875-1955"}}));
        ASSERT_EQ(hits.size(), 1U) << variant;
        EXPECT_EQ(hits.front(), mann.front()) << variant;
    }
    // The 001/010 in the forms a $0 takes: "n78095625" (URI segment, "(DLC)n  78095625").
    ASSERT_EQ(index.identified_by(headings::normalize_identifier("http://id.loc.gov/authorities/names/n78095625")).size(), 1U);
    EXPECT_EQ(index.identified_by(headings::normalize_identifier("(DLC)n  78095625")).front(), mann.front());
    // A 400 with first indicator 0 (Cassius X) under a 100 with 1 (Ali, Muhammad).
    const auto x = index.see_from(name_key(HeadingKind::personal_name, {{'a', "Cassius X,"}, {'d', "1942-"}}));
    ASSERT_EQ(x.size(), 1U);
    EXPECT_EQ(index.records()[x.front()].display, "Ali, Muhammad, 1942-");
    EXPECT_TRUE(index.covers("name"));
    EXPECT_FALSE(index.covers("mesh"));
}

TEST(AuthorityIndexTest, LcSubjectSampleHasItsVocabularyAndItsRealConflicts) {
    const auto index = index_of({auth("lc-subject-authority-sample-subjmrc-193.xml")});
    // 193 records: two are subdivision records (18X) with no heading of their own to match,
    // two are deleted (Leader/05 d).
    EXPECT_EQ(index.records().size(), 189U);
    EXPECT_EQ(index.withdrawn(), 2U);
    const auto key = [](HeadingKind kind, const char* a) {
        return headings::scoped_key("lcsh", kind, std::string{"\x1F" "a"} + headings::naco_normalize(a, true));
    };
    ASSERT_EQ(index.authorized(key(HeadingKind::topical, "Computer crimes")).size(), 1U);
    EXPECT_EQ(index.see_from(key(HeadingKind::topical, "Computer fraud")).front(),
              index.authorized(key(HeadingKind::topical, "Computer crimes")).front());
    // "Nachtmusik" is a 450 of both sh 85129759 (Suite (Music)) and sh 85129761 (Suites).
    EXPECT_EQ(index.see_from(key(HeadingKind::topical, "Nachtmusik")).size(), 2U);
    EXPECT_TRUE(index.covers("lcsh"));
    EXPECT_TRUE(index.covers_key(key(HeadingKind::topical, "Anything")));
    EXPECT_FALSE(index.covers_key(headings::scoped_key("lcsh", HeadingKind::genre, "\x1F" "aANYTHING")));

    // sh 96007078 (151 TJ Ruin Site (N.M.)) is deleted: LC covered it by sh 90004993, whose
    // 451 it was. The deleted record is no authorized form, and no conflict is left.
    EXPECT_TRUE(index.authorized(key(HeadingKind::geographic, "TJ Ruin Site (N.M.)")).empty());
    const auto tj = index.see_from(key(HeadingKind::geographic, "TJ Ruin Site (N.M.)"));
    ASSERT_EQ(tj.size(), 1U);
    EXPECT_EQ(index.records()[tj.front()].control_number, "sh 90004993 ");
    // Its cancelled number (010 $z) still leads a $0 to the record that replaced it.
    ASSERT_EQ(index.identified_by("sh96007078").size(), 1U);
    EXPECT_EQ(index.identified_by("sh96007078").front(), tj.front());
    EXPECT_TRUE(index.conflicts().empty());
}

TEST(AuthorityIndexTest, ConflictsInsideTheAuthorityDataAreFound) {
    // The two LC records as they stood before LC deleted sh 96007078: its 151 is a 451 of
    // sh 90004993 (tests/fixtures/headings/README.md).
    const auto index =
        index_of({(test_data().parent_path() / "fixtures" / "headings" / "authority-conflict.mrk").string()});
    ASSERT_EQ(index.records().size(), 2U);
    ASSERT_EQ(index.conflicts().size(), 1U);
    const auto& c = index.conflicts().front();
    EXPECT_EQ(c.kind, headings::AuthorityConflict::Kind::variant_is_authorized);
    EXPECT_EQ(index.records()[c.record].control_number, "sh 90004993 ");
    EXPECT_EQ(index.records()[c.other].control_number, "sh 96007078 ");
    EXPECT_EQ(c.form, "TJ Ruin Site (N.M.)");
}

TEST(AuthorityIndexTest, OtherVocabulariesAndFormats) {
    // MeSH (008/11 c), GND names in ISO 2709, MARCXML without a namespace.
    const auto mesh = index_of({auth("evergreen-mesh-authorities-12.xml")});
    EXPECT_EQ(mesh.records().size(), 12U);
    EXPECT_TRUE(mesh.covers("mesh"));
    EXPECT_FALSE(mesh.covers("lcsh"));
    const auto gnd = index_of({auth("dnb-gnd-dump-8.utf8.mrc")});
    EXPECT_EQ(gnd.records().size(), 7U);  // the eighth record is bibliographic (Leader/06 c)
    const auto plain = index_of({auth("qa-catalogue-authority-sample-10-no-namespace.xml")});
    EXPECT_EQ(plain.records().size(), 10U);
}

TEST(AuthorityIndexTest, TheSameIndexForAnyOrderOfMerging) {
    const std::vector<std::string> files{auth("lc-name-authority-sample-namemrc-273.xml"),
                                         auth("lc-subject-authority-sample-subjmrc-193.xml")};
    const auto one = index_of(files, 1);
    const auto four = index_of(files, 4);
    ASSERT_EQ(one.records().size(), four.records().size());
    for (std::size_t i = 0; i < one.records().size(); ++i) {
        EXPECT_EQ(one.records()[i].key, four.records()[i].key);
        EXPECT_EQ(one.records()[i].record_number, four.records()[i].record_number);
    }
    ASSERT_EQ(one.conflicts().size(), four.conflicts().size());
}

TEST(AuthorityIndexTest, WholeCorpusAuthorityFilesLoad) {
    const auto root = corpus_root();
    if (!root) {
        GTEST_SKIP() << "../shared/corpus not present: whole-corpus authority test skipped";
    }
    std::vector<std::string> files;
    for (const auto& row : read_sources(*root)) {
        if (row.category() == "auth") {
            files.push_back((*root / row.file).string());
        }
    }
    ASSERT_FALSE(files.empty());
    const auto index = index_of(files, 2);
    // Every current authority record with a MARC 21 heading is indexed: LC names 268 + LC
    // subjects 189 + GND 7 + 2 (ada-minna, copies of two dump records) + MeSH 12 +
    // qa-catalogue 10. Not indexed: 7 deleted LC records, the LC classification sample
    // (Leader/06 w), GND's bibliographic record, and the 1066 IISH records, whose headings
    // are in a local 103 field.
    EXPECT_EQ(index.records().size(), 488U);
    EXPECT_EQ(index.withdrawn(), 7U);
    EXPECT_EQ(index.duplicates(), 1U);
    EXPECT_TRUE(index.covers("name"));
    EXPECT_TRUE(index.covers("lcsh"));
    EXPECT_TRUE(index.covers("mesh"));
    // The GND pair (ada-minna holds two records the dump holds too) is not a conflict.
    for (const auto& c : index.conflicts()) {
        EXPECT_NE(index.records()[c.record].control_number, index.records()[c.other].control_number);
    }
}

} // namespace
} // namespace marcaudit::test
