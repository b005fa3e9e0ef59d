// Inputs that once crashed, lost data or mis-decoded: each built from a real record of
// tests/data with one defect added, the way real files go wrong.

#include <algorithm>
#include <fstream>
#include <iterator>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include "marcaudit/rules/catalog.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

namespace fs = std::filesystem;

fs::path write_temp(const std::string& name, const std::string& bytes) {
    return write_temp_file("regressions", name, bytes);
}

const fs::path k_xml = test_data() / "marcxml" / "perl-marc-xml-batch-10.xml";

TEST(RegressionTest, MarcxmlRecordWithoutLeaderIsReportedNotCrashed) {
    auto xml = read_file(k_xml);
    const auto start = xml.find("<leader>");
    const auto end = xml.find("</leader>") + 9;
    xml.erase(start, end - start);
    const auto r = audit({write_temp("noleader.xml", xml).string()});
    EXPECT_EQ(r.records.audited, 10U);
    EXPECT_EQ(count_rule(r, rules::id::xml_invalid), 1U);
    EXPECT_NE(r.findings.at(0).message.find("no <leader>"), std::string::npos);
}

TEST(RegressionTest, MarcxmlMarkupLongerThanABatchBeforeTheRecordsIsSkippedNotAStall) {
    // Found by tests/fuzz/fuzz_marcxml: bytes holding no record and no finding that filled a
    // batch's byte limit (2 MiB) were taken for a reader that stopped, and the run ended with
    // an internal error. Here a 3 MiB comment stands before the records.
    auto xml = read_file(k_xml);
    const auto collection = xml.find("<collection");
    ASSERT_NE(collection, std::string::npos);
    xml.insert(collection, "<!-- " + std::string(3U << 20U, 'x') + " -->\n");
    const auto r = audit({write_temp("longcomment.xml", xml).string()});
    EXPECT_EQ(r.records.read, 10U);
    EXPECT_EQ(r.records.audited, 10U);
}

TEST(RegressionTest, MarcxmlRecordWithoutEndTagDoesNotSwallowTheNext) {
    auto xml = read_file(k_xml);
    const auto first_end = xml.find("</record>");
    xml.erase(first_end, 9);
    const auto r = audit({write_temp("unclosed.xml", xml).string()});
    EXPECT_EQ(r.records.read, 10U);
    EXPECT_EQ(r.records.audited, 9U);
    ASSERT_EQ(r.records.rejected, 1U);
    EXPECT_EQ(r.rejections[0].record_number, 1U);
    EXPECT_NE(r.rejections[0].reason.find("no end tag"), std::string::npos) << r.rejections[0].reason;
}

TEST(RegressionTest, StrayEscapeInUtf8RecordDoesNotTurnItIntoMarc8) {
    // A UTF-8 record with real multi-byte letters and one stray ESC byte stays UTF-8.
    const auto all = read_file(test_data() / "bib" / "marc4j-brkrtest-8.utf8.mrc");
    // The second record has diacritics (multi-byte UTF-8).
    const auto first_end = all.find('\x1D') + 1;
    auto mrc = all.substr(first_end, all.find('\x1D', first_end) + 1 - first_end);
    ASSERT_NE(std::find_if(mrc.begin(), mrc.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }),
              mrc.end());
    const auto title = mrc.find("\x1F" "a", mrc.find('\x1E') + 1);
    mrc[title + 2] = '\x1B';  // same length: the directory stays right
    const auto path = write_temp("stray-esc.mrc", mrc);
    const auto r = audit({path.string()});
    EXPECT_EQ(count_rule(r, rules::id::leader_mismatch), 0U);
    EXPECT_EQ(count_rule(r, rules::id::marc8_invalid), 0U);
    const auto records = dump_records(path.string());
    ASSERT_EQ(records.size(), 1U);
    const auto original = dump_records((test_data() / "bib" / "marc4j-brkrtest-8.utf8.mrc").string());
    // Read as UTF-8: the text is the original's but for the one byte.
    ASSERT_EQ(records[0].size(), original[1].size());
    std::size_t differing = 0;
    for (std::size_t i = 0; i < records[0].size(); ++i) {
        differing += records[0][i] != original[1][i] ? 1U : 0U;
    }
    EXPECT_EQ(differing, 1U);
}

TEST(RegressionTest, MnemonicFieldWithoutDollarKeepsItsText) {
    const std::string mrk = "=LDR  00000nam\\\\2200000\\a\\4500\n=001  x1\n=500  \\\\Note without dollar\n";
    const auto path = write_temp("nodollar.mrk", mrk);
    const auto r = audit({path.string()});
    EXPECT_EQ(count_rule(r, rules::id::mnemonic_line_invalid), 1U);
    const auto records = dump_records(path.string());
    ASSERT_EQ(records.size(), 1U);
    EXPECT_NE(records[0].find("Note without dollar"), std::string::npos) << records[0];
}

TEST(RegressionTest, TruncatedGzipIsReportedAndTheRecordsBeforeAreAudited) {
    const auto bytes = read_file(test_data() / "vendor" / "data-planet-statistical-datasets-40.utf8.mrc");
    const auto gz = test_temp_dir("regressions") / "cut.mrc.gz";
    fs::create_directories(gz.parent_path());
    gzFile out = gzopen(gz.c_str(), "wb");
    gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(out);
    const auto compressed = read_file(gz);
    const auto cut = write_temp("cut.mrc.gz", compressed.substr(0, compressed.size() / 2));
    const auto r = audit({cut.string()});
    EXPECT_EQ(count_rule(r, rules::id::input_damaged), 1U);
    EXPECT_GT(r.records.audited, 5U);
    EXPECT_LT(r.records.read, 40U);
    EXPECT_EQ(r.records.read, r.records.audited + r.records.rejected);

    // A wrong checksum is found only at the end of the stream: at most the last 64 KiB read
    // before it are lost, not the whole file.
    auto corrupt = compressed;
    corrupt[corrupt.size() - 6] = static_cast<char>(corrupt[corrupt.size() - 6] ^ 0xFF);  // CRC-32
    const auto bad = audit({write_temp("badcrc.mrc.gz", corrupt).string()});
    EXPECT_EQ(count_rule(bad, rules::id::input_damaged), 1U);
    EXPECT_GT(bad.records.audited, 20U);
    EXPECT_EQ(bad.records.read, bad.records.audited + bad.records.rejected);
}

} // namespace
} // namespace marcaudit::test

namespace marcaudit::test {
namespace {

TEST(RegressionTest, FindingsOfARejectedRecordDoNotCarryThePreviousRecordsControlNumber) {
    const auto all = read_file(test_data() / "bib" / "traject-test-data-30.utf8.mrc");
    const auto first_end = all.find('\x1D') + 1;
    // Record 1 whole, a stray newline, then record 2 cut short: rejected, with a
    // bytes-between-records finding that belongs to record 2.
    const auto bytes = all.substr(0, first_end) + "\n" + all.substr(first_end, 300);
    const auto r = audit({write_temp("leak.mrc", bytes).string()});
    ASSERT_EQ(r.records.rejected, 1U);
    bool checked = false;
    for (const auto& f : r.findings) {
        if (f.record_number == 2) {
            EXPECT_TRUE(f.control_number.empty()) << f.rule_id << " carries 001 " << f.control_number;
            checked = true;
        }
    }
    EXPECT_TRUE(checked);
}

TEST(RegressionTest, AFieldWithOneIndicatorOrNoSubfieldsIsOneFindingNotABlankIndicator) {
    // openlibrary record 56: two 651s with one indicator byte; record 58: 520s with no subfield.
    const auto r = audit({(test_data() / "bib" / "openlibrary-ia-contributed-records-69.mixed.mrc").string()});
    std::vector<std::string> seen;
    for (const auto& f : r.findings) {
        if (f.rule_id == "marc21-indicator-invalid" && (f.record_number == 56 || f.record_number == 58) &&
            (f.tag == "651" || f.tag == "520")) {
            seen.push_back(fmt::format("{} {} {}", f.record_number, f.tag, f.position));
            EXPECT_TRUE(f.message.find("before its first subfield") != std::string::npos ||
                        f.message.find("has no subfields") != std::string::npos)
                << f.message;
        }
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"56 651 ind1", "56 651 ind1", "58 520 ind1", "58 520 ind1"}));
}

} // namespace
} // namespace marcaudit::test
