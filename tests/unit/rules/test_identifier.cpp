// The identifier module: standard-number checks on known numbers, and duplicate groups on
// fixtures with known groups (within the batch and against a catalog) and on the real corpus.

#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "marcaudit/identifiers/duplicates.hpp"
#include "marcaudit/rules/profile.hpp"
#include "rules/identifier/standard_numbers.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

using rules::identifier::NumberCheck;

TEST(StandardNumberTest, IsbnCheckDigits) {
    using rules::identifier::check_isbn;
    EXPECT_EQ(check_isbn("0-306-40615-2").check, NumberCheck::valid);
    EXPECT_EQ(check_isbn("0306406152 (pbk. : alk. paper)").digits, "0306406152");
    EXPECT_EQ(check_isbn("978-0-306-40615-7").check, NumberCheck::valid);
    EXPECT_EQ(check_isbn("080442957X").check, NumberCheck::valid);   // X = 10
    EXPECT_EQ(check_isbn("080442957x").check, NumberCheck::valid);
    const auto bad = check_isbn("0306406153");
    EXPECT_EQ(bad.check, NumberCheck::bad_check_digit);
    EXPECT_EQ(bad.expected, '2');
    EXPECT_EQ(check_isbn("9780306406158").expected, '7');
    EXPECT_EQ(check_isbn("$24.95").check, NumberCheck::malformed);
    EXPECT_EQ(check_isbn("0-397-47189-17 (v. 1)").check, NumberCheck::malformed);  // 11 digits
    EXPECT_EQ(check_isbn("1234567890123").check, NumberCheck::malformed);          // not 978/979
    EXPECT_EQ(rules::identifier::isbn13("0306406152"), "9780306406157");
    // A number after a whole ISBN-10 is not part of it; blanks inside an ISBN are.
    EXPECT_EQ(check_isbn("0306406152 2nd ed.").check, NumberCheck::valid);
    EXPECT_EQ(check_isbn("0 306 40615 2").check, NumberCheck::valid);
}

TEST(StandardNumberTest, IssnCheckDigitsAndOclcNumbers) {
    using rules::identifier::check_issn;
    EXPECT_EQ(check_issn("0028-0836").check, NumberCheck::valid);  // Nature
    EXPECT_EQ(check_issn("0317-8471").check, NumberCheck::valid);
    EXPECT_EQ(check_issn("2434-561X").check, NumberCheck::valid);
    EXPECT_EQ(check_issn("0028-0837").expected, '6');
    EXPECT_EQ(check_issn("no. 5").check, NumberCheck::malformed);
    using rules::identifier::oclc_number;
    EXPECT_EQ(oclc_number("(OCoLC)ocm00012345"), "12345");
    EXPECT_EQ(oclc_number("(OCoLC)ocn123456789"), "123456789");
    EXPECT_EQ(oclc_number("(OCoLC)on1234567890"), "1234567890");
    EXPECT_EQ(oclc_number("(OCoLC)12345 "), "12345");
    EXPECT_EQ(oclc_number("(DLC)  2001012345"), "");
    EXPECT_EQ(oclc_number("(OCoLC)fst01234567"), "");
    EXPECT_EQ(oclc_number("(OCoLC) 12345"), "12345");
    EXPECT_EQ(oclc_number("(OCOLC)00012345"), "12345");
    EXPECT_EQ(check_issn("[2423-0731] ;").check, NumberCheck::valid);  // supplied in brackets
}

const rules::Profile& identifier_profile() {
    static const rules::Profile profile = [] {
        const auto path = test_temp_dir("identifier-profile") / "identifier.toml";
        std::ofstream{path} << "rules = [\"-*\", \"identifier-duplicate-*\"]\n";
        return rules::Profile::load(path.string(), rules::builtin_registry());
    }();
    return profile;
}

engine::AuditResult duplicate_audit(const std::vector<std::string>& inputs, const std::vector<std::string>& catalog,
                                    unsigned threads = 1, std::size_t batch_records = 1000) {
    engine::AuditOptions options;
    options.inputs = inputs;
    options.catalog = catalog;
    options.threads = threads;
    options.batch.max_records = batch_records;
    options.profile = &identifier_profile();
    return engine::run_audit(options);
}

std::filesystem::path fixture(const char* name) {
    return test_data().parent_path() / "fixtures" / "identifier" / name;
}

/// "kind value: b1 b2 c1" per group (b: batch record number, c: catalog record number).
std::vector<std::string> groups_of(const engine::AuditResult& r) {
    std::vector<std::string> out;
    const auto& d = *r.duplicates;
    for (const auto& g : d.groups()) {
        std::string line = fmt::format("{} {}:", identifiers::to_string(g.kind),
                                       g.kind == identifiers::DuplicateKind::near_identical ? "" : g.value);
        for (auto m : g.records) {
            line += fmt::format(" {}{}", d.in_batch(m) ? "b" : "c", d.records()[m].record_number);
        }
        out.push_back(line);
    }
    return out;
}

TEST(DuplicateTest, KnownGroupsWithinTheBatchAndAgainstTheCatalog) {
    const auto r = duplicate_audit({fixture("duplicates-batch.mrk").string()}, {fixture("duplicates-catalog.mrk").string()});
    ASSERT_NE(r.duplicates, nullptr);
    EXPECT_EQ(groups_of(r), (std::vector<std::string>{
                                "control-number VEND v100: b1 b2",
                                "oclc-number 12345: b1 b3",
                                "oclc-number 99999: b9 c1",
                                "isbn 9780306406157: b1 b4",  // not record 7: a set ISBN
                                "near-identical : b5 b6",     // not record 8: online
                                "near-identical : b12 b13",   // AACR2 and RDA; not 10 and 11: two composers
                            }));
    // A finding on each audited member; none on the catalog's record.
    std::vector<std::string> findings;
    for (const auto& f : r.findings) {
        findings.push_back(fmt::format("{} {}", f.rule_id, f.record_number));
    }
    std::sort(findings.begin(), findings.end());
    EXPECT_EQ(findings, (std::vector<std::string>{
                            "identifier-duplicate-control-number 1", "identifier-duplicate-control-number 2",
                            "identifier-duplicate-isbn 1", "identifier-duplicate-isbn 4",
                            "identifier-duplicate-oclc-number 1", "identifier-duplicate-oclc-number 3",
                            "identifier-duplicate-oclc-number 9", "identifier-duplicate-record 12",
                            "identifier-duplicate-record 13", "identifier-duplicate-record 5",
                            "identifier-duplicate-record 6"}));
    for (const auto& f : r.findings) {
        if (f.record_number == 9) {
            EXPECT_NE(f.fix.find("the catalog already has this record"), std::string::npos) << f.fix;
            EXPECT_NE(f.message.find("catalog"), std::string::npos) << f.message;
        }
    }
    // The JSON report's duplicates list.
    const auto json = nlohmann::json::parse(json_report(r));
    ASSERT_EQ(json.at("duplicates").size(), 6U);
    const auto& catalog_group = json.at("duplicates").at(2);
    EXPECT_EQ(catalog_group.at("kind"), "oclc-number");
    EXPECT_EQ(catalog_group.at("value"), "99999");
    EXPECT_EQ(catalog_group.at("records").at(1).at("control_number"), "ocn000099999");
    EXPECT_EQ(catalog_group.at("records").at(1).at("in_batch"), false);
}

TEST(DuplicateTest, TheSameGroupsForAnyThreadCount) {
    const auto one = duplicate_audit({fixture("duplicates-batch.mrk").string()}, {fixture("duplicates-catalog.mrk").string()});
    const auto many =
        duplicate_audit({fixture("duplicates-batch.mrk").string()}, {fixture("duplicates-catalog.mrk").string()}, 4, 1);
    EXPECT_EQ(json_report(one), json_report(many));
}

TEST(DuplicateTest, WholeCorpusDuplicatesAreStableAndReal) {
    const auto root = corpus_root();
    if (!root) {
        GTEST_SKIP() << "../shared/corpus not present: whole-corpus duplicate test skipped";
    }
    // The MARC-8 files are the UTF-8 ones' twins: against them as the catalog, every record
    // of a twin pair is a duplicate of its twin.
    const auto one = duplicate_audit({(*root / "bib").string()}, {(*root / "marc8").string()}, 1);
    const auto many = duplicate_audit({(*root / "bib").string()}, {(*root / "marc8").string()}, 3, 7);
    EXPECT_EQ(json_report(one), json_report(many));
    ASSERT_NE(one.duplicates, nullptr);
    std::size_t with_catalog = 0;
    for (const auto& g : one.duplicates->groups()) {
        bool catalog = false;
        for (auto m : g.records) {
            catalog = catalog || !one.duplicates->in_batch(m);
        }
        with_catalog += catalog ? 1 : 0;
    }
    EXPECT_GT(with_catalog, 50U);
}

} // namespace
} // namespace marcaudit::test
