#include <fstream>

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "marcaudit/io/input.hpp"
#include "marcaudit/rules/catalog.hpp"
#include "test_support.hpp"

namespace marcaudit::io {
namespace {

namespace fs = std::filesystem;

TEST(DetectFormatTest, ContentDecidesNotTheName) {
    EXPECT_EQ(detect_format(""), Format::empty);
    EXPECT_EQ(detect_format("01201nam  2200253 a 4500001"), Format::iso2709);
    EXPECT_EQ(detect_format("<?xml version=\"1.0\"?><collection>"), Format::marcxml);
    EXPECT_EQ(detect_format("\xEF\xBB\xBF  <marc:collection xmlns:marc=\"x\">"), Format::marcxml);
    EXPECT_EQ(detect_format("=LDR  01201nam\\\\2200253\\a\\4500\n=001  x\n"), Format::mnemonic);
    EXPECT_EQ(detect_format("foo<?xml version=\"1.0\"?>"), Format::marcxml);
    // Damaged ISO 2709 still goes to the ISO reader: padding or junk before a leader, a
    // record terminator followed by the next leader.
    EXPECT_EQ(detect_format(std::string_view{"\x00\x00\n01201nam  2200253 a 4500", 27}), Format::iso2709);
    EXPECT_EQ(detect_format("junk\x1D" "01201nam  2200253 a 4500"), Format::iso2709);
    EXPECT_EQ(detect_format(std::string_view{"\x00\x00\x00\x00", 4}), Format::iso2709);  // padding only
    // What is surely something else is not MARC, whatever the file is called.
    EXPECT_EQ(detect_format(std::string_view{"\x00\x01garbage", 9}), Format::not_marc);
    EXPECT_EQ(not_marc_kind(std::string_view{"\x00\x01garbage", 9}), "binary data that holds no MARC leader");
    EXPECT_EQ(not_marc_kind("PK\x03\x04\x14\x00"), "a ZIP archive (or a document in one: .docx, .xlsx, .epub)");
    EXPECT_EQ(not_marc_kind("%PDF-1.7\n"), "a PDF document");
    EXPECT_EQ(not_marc_kind("<!DOCTYPE html>\n<html><body>502 Bad Gateway</body></html>"),
              "an HTML page (a saved web page or an error page from the server)");
    EXPECT_EQ(not_marc_kind("{\"records\": []}"), "JSON data");
    EXPECT_EQ(not_marc_kind("title,isbn\nA book,9780306406157\n"), "a CSV or other table of text");
    EXPECT_EQ(not_marc_kind("The export failed: the disk is full.\n"), "plain text (a README, a log or a message)");
    EXPECT_EQ(not_marc_kind("<?xml version=\"1.0\"?><collection xmlns=\"http://www.loc.gov/MARC21/slim\"/>"), "");
}

TEST(ExpandInputsTest, DirectoriesAreReadRecursivelyInSortedOrder) {
    const auto files = expand_inputs({(test::test_data() / "vendor").string()});
    ASSERT_EQ(files.size(), 3U);
    EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
    EXPECT_TRUE(files[0].ends_with("data-planet-records-54-56-5.utf8.mrc"));
}

TEST(ExpandInputsTest, MissingFileIsAnInputErrorNamingIt) {
    try {
        (void)expand_inputs({"/nonexistent/catalog.mrc"});
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_NE(std::string{e.what()}.find("/nonexistent/catalog.mrc"), std::string::npos);
    }
}

/// A folder with one real file, a link to a file that does not exist and a named pipe.
fs::path folder_with_unreadable_entries() {
    const auto dir = test::test_temp_dir("unreadable") / "exports";
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(test::test_data() / "bib" / "marc4j-brkrtest-8.utf8.mrc", dir / "good.mrc");
    fs::create_symlink("/nonexistent/vendor/march.mrc", dir / "march.mrc");
    EXPECT_EQ(::mkfifo((dir / "incoming.pipe").c_str(), 0600), 0);
    return dir;
}

TEST(ExpandInputsTest, UnreadableEntriesOfAFolderAreNamedNotDropped) {
    const auto dir = folder_with_unreadable_entries();
    std::vector<SkippedInput> skipped;
    const auto files = expand_inputs({dir.string()}, &skipped);
    ASSERT_EQ(files.size(), 1U);
    EXPECT_TRUE(files[0].ends_with("good.mrc"));
    ASSERT_EQ(skipped.size(), 2U);
    EXPECT_TRUE(skipped[0].name.ends_with("incoming.pipe"));
    EXPECT_NE(skipped[0].reason.find("not a regular file"), std::string::npos) << skipped[0].reason;
    EXPECT_TRUE(skipped[1].name.ends_with("march.mrc"));
    EXPECT_NE(skipped[1].reason.find("/nonexistent/vendor/march.mrc, which does not exist"), std::string::npos)
        << skipped[1].reason;
    // Where nothing may be missing (authority and catalog folders), they are an error.
    EXPECT_THROW((void)expand_inputs({dir.string()}), InputError);
}

TEST(ExpandInputsTest, AnAuditOfTheFolderAuditsTheRestAndReportsEachUnreadableFile) {
    const auto dir = folder_with_unreadable_entries();
    const auto r = test::audit({dir.string()});
    EXPECT_EQ(r.records.read, 8U);
    EXPECT_EQ(r.records.audited, 8U);
    ASSERT_EQ(r.sources.size(), 3U);
    EXPECT_EQ(r.sources[1].info.format, Format::unreadable);
    EXPECT_EQ(r.sources[2].info.format, Format::unreadable);
    EXPECT_EQ(r.counts_by_rule.at(std::string{rules::id::input_unreadable}), 2U);
    bool named = false;
    for (const auto& f : r.findings) {
        if (f.rule_id == rules::id::input_unreadable && f.source_index == 2) {
            EXPECT_EQ(f.record_number, 0U);
            EXPECT_NE(f.message.find("march.mrc cannot be read: a link to"), std::string::npos) << f.message;
            named = true;
        }
    }
    EXPECT_TRUE(named);
}

TEST(ExpandInputsTest, StdinIsKept) { EXPECT_EQ(expand_inputs({"-"}), std::vector<std::string>{"-"}); }

} // namespace
} // namespace marcaudit::io
