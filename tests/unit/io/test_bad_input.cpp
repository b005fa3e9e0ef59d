// Bad input never loses data: each kind of damage gets a message that names the file, the
// record and the byte offset and says what to do, and every readable record is still
// audited (read = audited + rejected). Built from real records of tests/data, damaged the
// way real files get damaged. (Unreadable files in a folder: test_input.cpp; empty files:
// test_corpus.cpp; fuzzed inputs: tests/fuzz.)

#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "marcaudit/rules/catalog.hpp"
#include "marcaudit/rules/profile.hpp"
#include "marcaudit/rules/rule.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

namespace fs = std::filesystem;

const fs::path k_good = test_data() / "bib" / "marc4j-brkrtest-8.utf8.mrc";  // 8 records

fs::path write_temp(const std::string& name, const std::string& bytes) {
    return write_temp_file("bad-input", name, bytes);
}

void expect_accounted(const engine::AuditResult& r) {
    EXPECT_EQ(r.records.read, r.records.audited + r.records.rejected);
    for (const auto& rejection : r.rejections) {
        EXPECT_FALSE(rejection.reason.empty()) << "record " << rejection.record_number;
        EXPECT_GT(rejection.record_number, 0U);
    }
}

TEST(BadInputTest, ATruncatedFileKeepsItsWholeRecordsAndRejectsTheCutOneWithWhereAndWhy) {
    const auto good = read_file(k_good);
    const auto fourth_end = [&] {
        std::size_t pos = 0;
        for (int i = 0; i < 4; ++i) {
            pos = good.find('\x1D', pos) + 1;
        }
        return pos;
    }();
    const auto cut = write_temp("cut.mrc", good.substr(0, fourth_end + 100));  // inside record 5
    const auto r = audit({cut.string()});
    expect_accounted(r);
    EXPECT_EQ(r.records.audited, 4U);
    ASSERT_EQ(r.rejections.size(), 1U);
    EXPECT_EQ(r.rejections[0].record_number, 5U);
    EXPECT_EQ(r.rejections[0].byte_offset, fourth_end);
    EXPECT_NE(r.rejections[0].reason.find("cut short"), std::string::npos) << r.rejections[0].reason;
}

TEST(BadInputTest, BinaryGarbageBetweenRealFilesLosesNoRealRecord) {
    // 64 KiB of random bytes (a fixed seed: the same bytes every run) between two copies of
    // a real file. Garbage may look like records and be rejected; the real ones are audited.
    std::mt19937 random{2026};
    std::string garbage(64U << 10U, '\0');
    for (auto& c : garbage) {
        c = static_cast<char>(random() & 0xFFU);
    }
    const auto good = read_file(k_good);
    const auto r = audit({write_temp("garbage.mrc", good + garbage + good).string()});
    expect_accounted(r);
    // Every real record is read as a record: 16 of them, each with its own 001.
    std::size_t real = 0;
    for (const auto& t : r.record_tallies) {
        real += t.control_number.starts_with("tes96") ? 1 : 0;
    }
    EXPECT_EQ(real, 16U);
    EXPECT_GE(r.records.audited, 16U);
    const auto garbage_only = audit({write_temp("garbage-only.mrc", garbage).string()});
    expect_accounted(garbage_only);
    EXPECT_GT(garbage_only.findings.size(), 0U);
}

TEST(BadInputTest, AnXmlEntityBombIsNeverExpanded) {
    // "Billion laughs": ten levels of entities, each ten times the one below, 10^9 "lol"s
    // (3 GB) if expanded. Records are parsed one by one without the DOCTYPE, so nothing is.
    std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE collection [\n  <!ENTITY lol0 \"lol\">\n";
    for (int i = 1; i <= 9; ++i) {
        xml += "  <!ENTITY lol" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) {
            xml += "&lol" + std::to_string(i - 1) + ";";
        }
        xml += "\">\n";
    }
    xml += "]>\n<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n"
           "<record><leader>00000nam a2200000 a 4500</leader>"
           "<controlfield tag=\"001\">bomb1</controlfield>"
           "<datafield tag=\"245\" ind1=\"0\" ind2=\"0\"><subfield code=\"a\">&lol9;</subfield></datafield>"
           "</record>\n"
           "<record><leader>00000nam a2200000 a 4500</leader>"
           "<controlfield tag=\"001\">plain2</controlfield>"
           "<datafield tag=\"245\" ind1=\"0\" ind2=\"0\"><subfield code=\"a\">A plain title</subfield></datafield>"
           "</record>\n</collection>\n";
    const auto r = audit({write_temp("bomb.xml", xml).string()});
    expect_accounted(r);
    EXPECT_EQ(r.records.read, 2U);
    EXPECT_GE(r.records.audited, 1U);  // the record without the entity at least
    EXPECT_GE(count_rule(r, rules::id::xml_invalid), 1U);
    bool doctype_named = false;
    for (const auto& f : r.findings) {
        EXPECT_LT(f.value.size(), 200U) << "an entity was expanded";
        doctype_named = doctype_named || f.message.find("DOCTYPE") != std::string::npos;
    }
    EXPECT_TRUE(doctype_named);
}

TEST(BadInputTest, TwoGigabytesOfPaddingOnOneLineAreSkippedAndTheRecordAfterIsAudited) {
    // A 2 GiB run of NUL bytes without a line end (a sparse file: no disk space used), then
    // a real file: one finding for the padding, every record after it audited.
    const auto path = test_temp_dir("bad-input") / "padded.mrc";
    fs::create_directories(path.parent_path());
    fs::remove(path);
    { std::ofstream create{path, std::ios::binary}; }
    fs::resize_file(path, std::uint64_t{2} << 30U);
    {
        std::ofstream out{path, std::ios::binary | std::ios::app};
        out << read_file(k_good);
    }
    const auto r = audit({path.string()});
    fs::remove(path);
    expect_accounted(r);
    EXPECT_EQ(r.records.audited, 8U);
    ASSERT_EQ(count_rule(r, rules::id::bytes_between_records), 1U);
    for (const auto& f : r.findings) {
        if (f.rule_id == rules::id::bytes_between_records) {
            EXPECT_NE(f.message.find("2147483648 byte(s)"), std::string::npos) << f.message;
            EXPECT_EQ(f.byte_offset, 0U);  // where the padding starts
            EXPECT_EQ(f.record_number, 1U);  // the record after it
        }
    }
}

TEST(BadInputTest, AProfileWithValuesOfTheWrongTypeIsRefusedWithFileLineAndKey) {
    const std::pair<const char*, const char*> cases[] = {
        {"rules = 5\n", "rules"},
        {"name = 3\n", "name"},
        {"description = [\"x\"]\n", "description"},
        {"packs = \"ebooks\"\n", "packs"},
        {"[rule.structure-no-fields]\nseverity = 3\n", "severity"},
        {"[rule.structure-no-fields]\nweight = \"heavy\"\n", "weight"},
        {"[rule.structure-no-fields]\ncost_minutes = [1]\n", "cost_minutes"},
        {"[scoring]\nerror = \"ten\"\n", "error"},
        {"[rule.structure-no-fields]\nenabled = \"yes\"\n", "enabled"},
    };
    int n = 0;
    for (const auto& [toml, key] : cases) {
        SCOPED_TRACE(toml);
        try {
            (void)profile_from_text("wrong-type-" + std::to_string(++n), toml);
            ADD_FAILURE() << "accepted";
        } catch (const rules::ProfileError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("wrong-type-" + std::to_string(n) + ".toml:"), std::string::npos) << what;
            EXPECT_NE(what.find(key), std::string::npos) << what;
        }
    }
}

} // namespace
} // namespace marcaudit::test
