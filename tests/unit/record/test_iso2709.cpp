// The ISO 2709 parser on a real record (the first of the LC Z39.50 set) and on copies of it
// damaged the ways real files are damaged.

#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "marcaudit/record/readers.hpp"
#include "marcaudit/rules/catalog.hpp"
#include "test_support.hpp"

namespace marcaudit::record {
namespace {

std::string first_record() {
    std::ifstream in{test::test_data() / "bib" / "loc-catalog-z3950-perl-query-50.utf8.mrc", std::ios::binary};
    std::string all{std::istreambuf_iterator<char>{in}, {}};
    const auto end = all.find(record_terminator);
    return all.substr(0, end + 1);
}

struct Parsed {
    ParseResult result;
    std::vector<FieldView> fields;
    std::vector<Finding> findings;
};

Parsed parse(const std::string& bytes, io::RecordEnd end = io::RecordEnd::as_declared) {
    io::RawRecord raw;
    raw.bytes = bytes;
    raw.record_number = 1;
    raw.end = end;
    Parsed p;
    FindingSink sink;
    sink.begin_record(0, 1);
    p.result = parse_iso2709(raw, p.fields, sink);
    p.findings = sink.take();
    return p;
}

bool has(const Parsed& p, std::string_view id) {
    return std::any_of(p.findings.begin(), p.findings.end(), [&](const Finding& f) { return f.rule_id == id; });
}

TEST(Iso2709Test, WellFormedRecordParsesWithoutFindings) {
    const auto rec = first_record();
    const auto p = parse(rec);
    ASSERT_FALSE(p.result.rejected);
    EXPECT_TRUE(p.findings.empty());
    ASSERT_GT(p.fields.size(), 5U);
    EXPECT_EQ(p.fields[0].tag(), "001");
    EXPECT_TRUE(p.fields[0].is_control());
    const auto* title = std::find_if(p.fields.data(), p.fields.data() + p.fields.size(),
                                     [](const FieldView& f) { return f.tag() == "245"; });
    ASSERT_NE(title, p.fields.data() + p.fields.size());
    EXPECT_FALSE(title->first('a').empty());
    EXPECT_EQ(p.result.leader.bytes().size(), 24U);
}

TEST(Iso2709Test, WrongLeaderLengthIsReportedAndRecordKept) {
    auto rec = first_record();
    rec.replace(0, 5, "00099");
    const auto p = parse(rec, io::RecordEnd::terminator_elsewhere);
    EXPECT_FALSE(p.result.rejected);
    EXPECT_TRUE(has(p, rules::id::record_length_mismatch));
    EXPECT_EQ(p.fields.size(), parse(first_record()).fields.size());
}

TEST(Iso2709Test, WrongBaseAddressIsReportedAndDirectoryEndTrusted) {
    auto rec = first_record();
    rec.replace(12, 5, "00024");
    const auto p = parse(rec);
    EXPECT_TRUE(has(p, rules::id::base_address_invalid));
    EXPECT_EQ(p.fields.size(), parse(first_record()).fields.size());
}

TEST(Iso2709Test, DamagedDirectoryLengthsAreRecoveredFromFieldTerminators) {
    auto rec = first_record();
    // Corrupt the length of the second directory entry (bytes 24+12+3 .. +7).
    rec.replace(24 + 12 + 3, 4, "0999");
    const auto good_bytes = first_record();
    const auto good = parse(good_bytes);
    const auto p = parse(rec);
    EXPECT_FALSE(p.result.rejected);
    EXPECT_TRUE(has(p, rules::id::directory_invalid));
    ASSERT_EQ(p.fields.size(), good.fields.size());
    for (std::size_t i = 0; i < p.fields.size(); ++i) {
        EXPECT_EQ(p.fields[i].tag(), good.fields[i].tag());
        EXPECT_EQ(p.fields[i].data(), good.fields[i].data());
    }
}

TEST(Iso2709Test, MissingFieldTerminatorsAreReportedAndLengthsTrusted) {
    auto rec = first_record();
    // Replace every field terminator after the directory by a blank: no 0x1E left in the data.
    const auto dir_end = rec.find(field_terminator, 24);
    for (auto p = rec.find(field_terminator, dir_end + 1); p != std::string::npos; p = rec.find(field_terminator, p)) {
        rec[p] = ' ';
    }
    const auto p = parse(rec);
    EXPECT_FALSE(p.result.rejected);
    EXPECT_TRUE(has(p, rules::id::field_terminator_missing));
    EXPECT_EQ(p.fields.size(), parse(first_record()).fields.size());
}

TEST(Iso2709Test, TruncatedRecordIsRejectedWithTheReason) {
    const auto rec = first_record().substr(0, 300);
    const auto p = parse(rec, io::RecordEnd::end_of_input);
    ASSERT_TRUE(p.result.rejected);
    EXPECT_NE(p.result.reason.find("file ends inside this record"), std::string::npos);
}

TEST(Iso2709Test, TooShortDataIsRejected) {
    const auto p = parse("00012abc", io::RecordEnd::end_of_input);
    ASSERT_TRUE(p.result.rejected);
    EXPECT_NE(p.result.reason.find("too short"), std::string::npos);
}

TEST(Iso2709Test, BadLeaderPositionsAreListedInOneFinding) {
    auto rec = first_record();
    rec[10] = 'x';
    rec.replace(20, 4, "    ");
    const auto p = parse(rec);
    ASSERT_TRUE(has(p, rules::id::leader_invalid));
    const auto& f = *std::find_if(p.findings.begin(), p.findings.end(),
                                  [](const Finding& x) { return x.rule_id == rules::id::leader_invalid; });
    EXPECT_NE(f.message.find("Leader/10"), std::string::npos);
    EXPECT_NE(f.message.find("Leader/20-23"), std::string::npos);
}

} // namespace
} // namespace marcaudit::record

namespace marcaudit::record {
namespace {

TEST(Iso2709Test, WellFormedFileSerializesBackByteForByte) {
    // Parse every record of a clean UTF-8 file and write it again: the bytes must not change.
    const auto path = test::test_data() / "bib" / "traject-test-data-30.utf8.mrc";
    std::ifstream in{path, std::ios::binary};
    const std::string original{std::istreambuf_iterator<char>{in}, {}};
    std::string rewritten;
    std::vector<engine::SourceInfo> sources;
    engine::run_pipeline(
        {path.string()}, {1, {}},
        [](const RecordView& record, FindingSink&, std::string& out) { out += to_iso2709(record); },
        [&](engine::BatchResult&& batch) { rewritten += batch.text; }, sources);
    EXPECT_EQ(rewritten.size(), original.size());
    EXPECT_TRUE(rewritten == original);
}

} // namespace
} // namespace marcaudit::record
