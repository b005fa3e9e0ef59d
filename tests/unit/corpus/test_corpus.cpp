// Every real file reads with the record count its SOURCES.tsv line gives, and every broken
// file is read without a crash, with each record audited or rejected and the totals adding up.
// Runs over the curated subset in tests/data always, and over the whole corpus when present.

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "marcaudit/rules/catalog.hpp"
#include "marcaudit/rules/rule.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

namespace fs = std::filesystem;

const std::set<std::string> k_counted = {"bib", "marc8", "marcxml", "auth", "vendor"};

void check_accounting(const engine::AuditResult& r, const std::string& file) {
    ASSERT_EQ(r.sources.size(), 1U) << file;
    const auto& c = r.records;
    EXPECT_EQ(c.read, c.audited + c.rejected) << file;
    EXPECT_EQ(r.rejections.size(), c.rejected) << file;
    for (const auto& rej : r.rejections) {
        EXPECT_FALSE(rej.reason.empty()) << file << " record " << rej.record_number;
        EXPECT_GE(rej.record_number, 1U) << file;
    }
    for (const auto& f : r.findings) {
        EXPECT_NE(rules::builtin_registry().find(f.rule_id), nullptr) << file << ": unknown rule id " << f.rule_id;
        EXPECT_FALSE(f.message.empty()) << file;
        EXPECT_LE(f.record_number, c.read) << file;
    }
}

/// Every file on disk in a category folder has its SOURCES.tsv line, so none escapes the test.
void check_every_file_listed(const fs::path& root, const std::vector<SourceRow>& rows) {
    std::set<std::string> listed;
    for (const auto& row : rows) {
        listed.insert(row.file);
    }
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        const auto rel = fs::relative(entry.path(), root).generic_string();
        if (rel.find('/') == std::string::npos) {
            continue;  // SOURCES.tsv, README.md
        }
        EXPECT_TRUE(listed.contains(rel)) << rel << " has no line in " << (root / "SOURCES.tsv");
    }
}

void check_root(const fs::path& root) {
    const auto rows = read_sources(root);
    ASSERT_FALSE(rows.empty()) << root;
    check_every_file_listed(root, rows);
    std::size_t counted = 0;
    std::size_t malformed = 0;
    for (const auto& row : rows) {
        const auto path = (root / row.file).string();
        SCOPED_TRACE(row.file);
        engine::AuditResult r;
        ASSERT_NO_THROW(r = audit({path})) << row.file;
        check_accounting(r, row.file);
        if (k_counted.contains(row.category())) {
            ++counted;
            EXPECT_EQ(static_cast<long>(r.records.read), row.count()) << row.file;
            EXPECT_EQ(r.records.rejected, 0U) << row.file << ": " << (r.rejections.empty() ? "" : r.rejections[0].reason);
        } else {
            ++malformed;
        }
    }
    EXPECT_GT(counted, 0U);
    EXPECT_GT(malformed, 0U);
}

TEST(CorpusTest, CuratedSubsetMatchesSourcesCounts) { check_root(test_data()); }

TEST(CorpusTest, WholeCorpusMatchesSourcesCounts) {
    const auto root = corpus_root();
    if (!root) {
        GTEST_SKIP() << "SKIPPED: the whole corpus (../shared/corpus or $MARCAUDIT_CORPUS) is not here; "
                        "only the curated subset in tests/data was tested";
    }
    check_root(*root);
}

// ---- what the readers make of particular broken files (all in tests/data/malformed) ----------

engine::AuditResult audit_malformed(const std::string& name) {
    return audit({(test_data() / "malformed" / name).string()});
}

TEST(MalformedTest, TruncatedFileAuditsCompleteRecordsAndRejectsThePartialOne) {
    const auto r = audit_malformed("truncated-at-65536-bytes-data-planet-19.mrc");
    EXPECT_EQ(r.records.audited, 18U);
    ASSERT_EQ(r.records.rejected, 1U);
    EXPECT_EQ(r.rejections[0].record_number, 19U);
    EXPECT_NE(r.rejections[0].reason.find("the file ends inside this record"), std::string::npos);
    EXPECT_LT(r.rejections[0].byte_offset, 65536U);
}

TEST(MalformedTest, XmlWithBadRecordNamesLineAndKeepsOtherRecords) {
    const auto r = audit_malformed("ruby-marc-three-records-second-bad.xml");
    EXPECT_EQ(r.records.read, 3U);
    EXPECT_EQ(r.records.audited, 3U);
    ASSERT_EQ(count_rule(r, rules::id::xml_invalid), 1U);
    const Finding f = *std::find_if(r.findings.begin(), r.findings.end(),
                                  [](const Finding& x) { return x.rule_id == rules::id::xml_invalid; });
    EXPECT_EQ(f.record_number, 2U);
    EXPECT_NE(f.message.find("line 72"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("0x07"), std::string::npos) << f.message;
}

TEST(MalformedTest, NotWellFormedXmlRejectsTheRecordWithLineAndColumn) {
    const auto r = audit_malformed("processing-marc-not-well-formed.xml");
    EXPECT_EQ(r.records.read, 1U);
    ASSERT_EQ(r.records.rejected, 1U);
    EXPECT_NE(r.rejections[0].reason.find("line 4, column"), std::string::npos) << r.rejections[0].reason;
}

TEST(MalformedTest, JunkBeforeXmlDeclarationIsReportedAndRecordStillRead) {
    const auto r = audit_malformed("vufind-invalid-marc-collection.xml");
    EXPECT_EQ(r.sources[0].info.format, io::Format::marcxml);
    EXPECT_EQ(r.records.audited, 1U);
    ASSERT_GE(count_rule(r, rules::id::xml_invalid), 1U);
    EXPECT_EQ(r.findings[0].record_number, 0U);  // about the file, not a record
    EXPECT_NE(r.findings[0].message.find("foo"), std::string::npos) << r.findings[0].message;
}

TEST(MalformedTest, EmptyFileHasNoRecordsAndIsReportedAsEmpty) {
    const auto r = audit_malformed("vufind-empty-file.mrc");
    EXPECT_EQ(r.sources[0].info.format, io::Format::empty);
    EXPECT_EQ(r.records.read, 0U);
    ASSERT_EQ(r.findings.size(), 1U);
    const Finding f = r.findings.at(0);
    EXPECT_EQ(f.rule_id, rules::id::input_empty);
    EXPECT_EQ(f.record_number, 0U);
    EXPECT_NE(f.message.find("vufind-empty-file.mrc is empty (0 bytes)"), std::string::npos) << f.message;
}

TEST(MalformedTest, MnemonicTextNamedMrcIsReadAsMnemonic) {
    const auto r = audit_malformed("watson-statedept-dotmrc-is-marcedit-mnemonic-text.mrc");
    EXPECT_EQ(r.sources[0].info.format, io::Format::mnemonic);
    EXPECT_EQ(r.records.read, 471U);  // the corrected ISO 2709 upload of the same set has 471
    EXPECT_EQ(r.records.rejected, 0U);
}

TEST(MalformedTest, NewlinesBetweenRecordsAreSkippedAndReported) {
    const auto r = audit_malformed("qa-catalogue-newline-separated-20.mrc");
    EXPECT_EQ(r.records.audited, 20U);
    EXPECT_GE(count_rule(r, rules::id::bytes_between_records), 1U);
    EXPECT_EQ(count_rule(r, rules::id::record_length_mismatch), 0U);
}

TEST(MalformedTest, DamagedDirectoriesAreRecoveredFromTerminators) {
    const auto r = audit_malformed("marc4j-pride-and-prejudice-with-many-errors-383.mrc");
    EXPECT_EQ(r.records.audited, 383U);
    EXPECT_GE(count_rule(r, rules::id::directory_invalid), 10U);
    EXPECT_GE(count_rule(r, rules::id::invalid_utf8), 1U);
}

TEST(MalformedTest, Utf8DataUnderBlankLeader09IsReadAsUtf8AndReported) {
    const auto r = audit_malformed("pymarc-utf8-without-leader-flag.dat");
    EXPECT_EQ(count_rule(r, rules::id::leader_mismatch), 1U);
    const auto records = dump_records((test_data() / "malformed" / "pymarc-utf8-without-leader-flag.dat").string());
    ASSERT_EQ(records.size(), 1U);
    // No mojibake: the UTF-8 text is kept, not decoded a second time as MARC-8.
    EXPECT_EQ(records[0].find("Ã"), std::string::npos) << records[0];
}

TEST(MalformedTest, ReplacementCharactersFromAnEarlierConversionAreReported) {
    // Despite its name, this file's "invalid bytes" are EF BF BD: valid UTF-8 for U+FFFD.
    const auto r = audit_malformed("pymarc-utf8-invalid-bytes.mrc");
    EXPECT_EQ(count_rule(r, rules::id::invalid_utf8), 0U);
    EXPECT_GE(count_rule(r, rules::id::replacement_character), 1U);
}

TEST(MalformedTest, InvalidUtf8IsReportedWithTheField) {
    const auto r = audit_malformed("ruby-marc-utf8-with-bad-bytes.marc");
    ASSERT_GE(count_rule(r, rules::id::invalid_utf8), 1U);
    const auto it = std::find_if(r.findings.begin(), r.findings.end(),
                                 [](const Finding& f) { return f.rule_id == rules::id::invalid_utf8; });
    EXPECT_FALSE(it->tag.empty());
    EXPECT_NE(it->message.find("not valid UTF-8"), std::string::npos);
}

TEST(MalformedTest, BadMarc8EscapeIsReportedNotCrashed) {
    const auto r = audit_malformed("marc4j-incomplete-escape-sequence.mrc");
    EXPECT_EQ(r.records.audited, 1U);
}

TEST(MalformedTest, EveryBrokenIsoFileKeepsItsRecordsAccountedFor) {
    // Counts from SOURCES.tsv for ISO 2709 files whose every record is recoverable.
    for (const auto& [name, n] : std::vector<std::pair<std::string, std::uint64_t>>{
             {"marc4j-bad-oversize-field-bad-directory-5.mrc", 5},
             {"pymarc-bad-records-8.mrc", 8},
             {"perl-cameleof-newlines.usmarc", 10},
             {"perl-filler-bytes-between-records.usmarc", 3},
             {"marc4j-bad-too-long-plus-2.mrc", 3},
             {"vufind-marc-collection-missing-final-terminator.mrc", 2}}) {
        const auto r = audit_malformed(name);
        EXPECT_EQ(r.records.read, n) << name;
        EXPECT_EQ(r.records.audited, n) << name << ": "
                                        << (r.rejections.empty() ? "" : r.rejections[0].reason);
    }
}

} // namespace
} // namespace marcaudit::test
