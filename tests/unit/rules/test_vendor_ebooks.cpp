// The vendor-ebooks profile on real e-resource records: the Met's AAAP PDF records
// (tests/data/bib, an e-book batch with print ISBNs in 020 $z) and the YBP and Data-Planet
// vendor samples, with findings read and judged record by record; over the whole corpus's
// vendor and e-resource files when the corpus is there.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "marcaudit/rules/profile.hpp"
#include "marcaudit/rules/rule.hpp"
#include "marcaudit/scoring/thompson_traill.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

engine::AuditResult ebooks_audit(const std::vector<std::string>& inputs, unsigned threads = 1) {
    static const auto profile = rules::Profile::load("vendor-ebooks", rules::builtin_registry());
    return audit_with(profile, inputs, threads);
}

/// Whether the result has a finding of `rule` on `record` (of the first input) whose tag,
/// position and value are as given ("" for any).
bool has(const engine::AuditResult& r, std::string_view rule, std::uint64_t record, std::string_view tag = "",
         std::string_view position = "", std::string_view value_part = "") {
    for (const auto& f : r.findings) {
        if (f.rule_id == rule && f.source_index == 0 && f.record_number == record && (tag.empty() || f.tag == tag) &&
            (position.empty() || f.position == position) &&
            (value_part.empty() || f.value.find(value_part) != std::string::npos)) {
            return true;
        }
    }
    return false;
}

std::uint64_t count(const engine::AuditResult& r, std::string_view rule) {
    const auto it = r.counts_by_rule.find(rule);
    return it == r.counts_by_rule.end() ? 0 : it->second;
}

TEST(VendorEbooksTest, MetPdfRecordsJudgedFindings) {
    const auto met = (test_data() / "bib" / "watson-met-aaap-pdf-records-2024-03-133.utf8.mrc").string();
    const auto r = ebooks_audit({met});
    EXPECT_EQ(r.records.read, 133U);
    EXPECT_EQ(r.records.audited, 133U);
    // Record 5 (001 747018912), a digitized exhibition catalog: print ISBNs in 020 $z, no 776.
    EXPECT_TRUE(has(r, "vendor-print-link", 5, "020", "", "9781450741477"));
    // Record 43 (001 623341555): HathiTrust's 533 "Electronic reproduction" in a record for
    // the online version, which the provider-neutral guide leaves out.
    EXPECT_TRUE(has(r, "vendor-reproduction-note", 43, "533"));
    // Record 39: a summary with the entity &#x2019; typed for the apostrophe.
    EXPECT_TRUE(has(r, "vendor-html-markup", 39, "520", "$a"));
    // Record 21: "complier" for compiler in 700 $e.
    EXPECT_TRUE(has(r, "vendor-relator-term", 21, "700", "$e", "complier"));
    // OCLC's level I in Leader/17 (86 records) is full under the profile's oclc setting; its
    // K (7 records) and M (5) are less than full, as are 4 records at 7 and one at 3.
    EXPECT_FALSE(has(r, "vendor-encoding-level", 1, "LDR", "/17", "I"));
    EXPECT_EQ(count(r, "vendor-encoding-level"), 17U);
    // Record 28 (001 11382389) is a 1948 pamphlet's print record in the e-book set; records 1,
    // 2, 7, 8 and 13 are print records (pages, cm, 338 volume) with a 006 for their PDF scan.
    EXPECT_TRUE(has(r, "vendor-not-online", 28));
    EXPECT_TRUE(has(r, "vendor-not-online", 7));
    EXPECT_EQ(count(r, "vendor-not-online"), 6U);
    // A PDF in 856 over http.
    EXPECT_GT(count(r, "vendor-url-insecure"), 0U);
    // The local pack: 118 of the 133 e-books have no ISBN of their own in 020 $a.
    EXPECT_EQ(count(r, "custom-ebook-isbn-missing"), 118U);
    // The LCCN layout in 776 $w is not a spacing defect; a 245 $c starting with a blank is.
    EXPECT_FALSE(has(r, "vendor-spacing", 0, "776"));
    EXPECT_TRUE(has(r, "vendor-spacing", 76, "245", "$c"));
    // The completeness distribution: the online books published from 1923 on (8 records are
    // not books; the 6 above are print; records 45 and 51 are scans of books of 1878 and 1901,
    // which the e-book rubric does not fit), two brief.
    ASSERT_NE(r.completeness, nullptr);
    EXPECT_EQ(r.completeness->records(), 117U);
    EXPECT_EQ(count(r, "vendor-record-brief"), r.completeness->below(12));
    EXPECT_EQ(count(r, "vendor-record-brief"), 2U);
    // The same report for any thread count.
    EXPECT_EQ(json_report(r), json_report(ebooks_audit({met}, 4)));
}

TEST(VendorEbooksTest, YbpOrderRecordsAreBrief) {
    // YBP's approval-plan records are order records sold as catalog records: encoding level
    // z, no 001, titles in capitals, no subjects or class numbers.
    const auto ybp = (test_data() / "vendor" / "ybp-library-services-sample-51.marc8.mrc").string();
    const auto r = ebooks_audit({ybp});
    EXPECT_EQ(count(r, "vendor-encoding-level"), 51U);
    EXPECT_TRUE(has(r, "vendor-encoding-level", 1, "LDR", "/17", "z"));
    // Print order records: not e-books at all, so the e-book rubric is not applied to them.
    EXPECT_EQ(count(r, "vendor-not-online"), 51U);
    EXPECT_EQ(count(r, "vendor-record-brief"), 0U);
    EXPECT_EQ(count(r, "vendor-lcsh-missing"), 51U);
    EXPECT_EQ(count(r, "custom-title-all-capitals"), 51U);
    EXPECT_EQ(count(r, "identifier-control-number-missing"), 51U);
}

TEST(VendorEbooksTest, WholeCorpusVendorAndEresourceFiles) {
    const auto root = corpus_root();
    if (!root) {
        GTEST_SKIP() << "the corpus (../shared/corpus or $MARCAUDIT_CORPUS) is not here: whole-corpus test skipped";
    }
    const std::vector<std::string> files{
        (*root / "bib" / "nlnz-national-library-new-zealand-1001.utf8.mrc").string(),
        (*root / "marc8" / "evergreen-oss-42.marc8.mrc").string(),
        (*root / "vendor").string(),
    };
    const auto r = ebooks_audit(files, 2);
    EXPECT_EQ(r.records.read, r.records.audited + r.records.rejected);
    EXPECT_EQ(r.records.read, 1001U + 42U + 5U + 40U + 51U);
    // NLNZ record 861: an e-book whose print ISBN is in 020 $z "(print)", no 776.
    EXPECT_TRUE(has(r, "vendor-print-link", 861, "020", "", "(print)"));
    // NLNZ's born-digital records carry 538 "Mode of access: World Wide Web."
    EXPECT_TRUE(has(r, "vendor-reproduction-note", 109, "538", "$a", "World Wide Web"));
    // NLNZ record 830: 040 $e rda, Leader/18 a.
    EXPECT_TRUE(has(r, "vendor-rda-inconsistent", 830, "LDR", "/18"));
    // Evergreen's Springer e-books: Laurentian's EZproxy prefix typed into 856 $u.
    std::uint64_t proxied = 0;
    for (const auto& f : r.findings) {
        proxied += f.rule_id == "vendor-url-proxy" && f.source_index == 1 ? 1 : 0;
    }
    EXPECT_EQ(proxied, 31U);
    EXPECT_EQ(json_report(r), json_report(ebooks_audit(files, 1)));
}

} // namespace
} // namespace marcaudit::test
