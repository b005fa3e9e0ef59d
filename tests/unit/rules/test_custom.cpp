// The custom module: checks declared in TOML rule packs. Each kind of test on fixture
// records (tests/fixtures/custom), the shipped vendor-ebooks pack on real vendor records,
// and the configuration errors a cataloger's typo must produce.

#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "marcaudit/rules/custom.hpp"
#include "marcaudit/rules/profile.hpp"
#include "marcaudit/rules/rule.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

std::filesystem::path custom_fixtures() {
    return test_data().parent_path() / "fixtures" / "custom";
}

rules::Profile profile_from(const std::string& name, const std::string& text) {
    return profile_from_text("custom-" + name, text);
}

/// "record rule position" per finding of the custom module.
std::vector<std::string> custom_findings(const engine::AuditResult& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings) {
        if (f.rule_id.starts_with("custom-")) {
            out.push_back(fmt::format("{} {} {}{}", f.record_number, f.rule_id, f.tag,
                                      f.position.empty() ? "" : ":" + f.position));
        }
    }
    return out;
}

engine::AuditResult run(const rules::Profile& profile, const std::vector<std::string>& inputs, unsigned threads = 1) {
    return audit_with(profile, inputs, threads);
}

TEST(CustomCheckTest, EachKindOfTestOnFixtureRecords) {
    const auto pack = (custom_fixtures() / "pack.toml").string();
    const auto profile = profile_from("each", fmt::format("packs = [\"{}\"]\nrules = [\"-*\", \"custom-*\"]\n", pack));
    const auto result = run(profile, {(custom_fixtures() / "records.mrk").string()});
    const std::vector<std::string> expected{
        "1 custom-isbn-required 020:$a",         // a 020 without $a: the finding points at it
        "1 custom-title-capitals 245:$a",        // É counts as a capital (\p{Lu})
        "1 custom-url-single 856:$u",            // the second $u
        "2 custom-cataloging-language 040:$b",   // ger is not on the list
        "2 custom-no-533 533",
        "4 custom-one-title 245",                // the second 245
    };
    EXPECT_EQ(custom_findings(result), expected);
    // Severity, message, fix and cost come from the pack.
    for (const auto& f : result.findings) {
        if (f.rule_id == "custom-title-capitals") {
            EXPECT_EQ(f.severity, Severity::info);
            EXPECT_EQ(f.message, "245 $a is typed in capitals");
            EXPECT_EQ(f.fix, "retype it in sentence case");
            EXPECT_EQ(f.value, "ÉTUDES EN CAPITALES.");
        }
    }
    const auto* s = profile.settings("custom-title-capitals");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->cost_low_minutes, 1);
    EXPECT_EQ(s->cost_high_minutes, 2);
    // The same for any number of threads.
    EXPECT_EQ(custom_findings(run(profile, {(custom_fixtures() / "records.mrk").string()}, 4)), expected);
    // `rules --explain` describes a custom check from its declaration.
    const auto page = rules::custom::explain("custom-cataloging-language");
    EXPECT_NE(page.find("every 040$b must be one of `eng`, `fre`"), std::string::npos) << page;
    EXPECT_NE(page.find("pack.toml:"), std::string::npos) << page;
    EXPECT_EQ(rules::custom::summary("custom-no-533"), "a 533 reproduction note");
}

TEST(CustomCheckTest, ProfileSettingsApplyToCustomChecks) {
    // A profile's own [[check]], turned off by a later glob and raised by a [rule.ID] section.
    const auto profile = profile_from("settings", R"(rules = ["-*", "custom-*", "-custom-local-b"]

[[check]]
id = "custom-local-a"
message = "no 245"
field = "245"
required = true

[[check]]
id = "custom-local-b"
message = "a 500"
field = "500"
forbidden = true

[rule.custom-local-a]
severity = "error"
)");
    EXPECT_TRUE(profile.enabled("custom-local-a"));
    EXPECT_FALSE(profile.enabled("custom-local-b"));
    EXPECT_EQ(profile.settings("custom-local-a")->severity, Severity::error);
    EXPECT_EQ(profile.settings("custom-local-b")->severity, Severity::warning);  // the default
    // Built-in rules are still there, off.
    EXPECT_FALSE(profile.enabled("vendor-url-missing"));
    EXPECT_NE(profile.registry().find("vendor-url-missing"), nullptr);
}

TEST(CustomCheckTest, MistakesAreConfigurationErrorsNamingFileAndLine) {
    auto error_of = [](const std::string& name, const std::string& check) {
        try {
            (void)profile_from(name, "[[check]]\n" + check);
        } catch (const rules::ProfileError& e) {
            return std::string{e.what()};
        }
        return std::string{"(no error)"};
    };
    auto expect_error = [&](const std::string& name, const std::string& check, const std::string& part) {
        const auto message = error_of(name, check);
        EXPECT_NE(message.find(part), std::string::npos) << name << ": " << message;
        EXPECT_NE(message.find(name + ".toml:"), std::string::npos) << name << ": " << message;
    };
    const std::string head = "message = \"m\"\n";
    expect_error("no-prefix", "id = \"title\"\n" + head + "field = \"245\"\nrequired = true\n", "must be custom-<name>");
    expect_error("no-test", "id = \"custom-x\"\n" + head + "field = \"245\"\n", "exactly one test");
    expect_error("two-tests", "id = \"custom-x\"\n" + head + "field = \"245\"\nrequired = true\nforbidden = true\n",
                 "exactly one test");
    expect_error("bad-regex", "id = \"custom-x\"\n" + head + "field = \"245$a\"\nmatches = \"(unclosed\"\n",
                 "is not a regular expression");
    expect_error("no-subfield", "id = \"custom-x\"\n" + head + "field = \"245\"\nin_list = [\"a\"]\n",
                 "name a subfield");
    expect_error("bad-place", "id = \"custom-x\"\n" + head + "field = \"24\"\nrequired = true\n",
                 "is not a place in a record");
    expect_error("positions-on-data", "id = \"custom-x\"\n" + head + "field = \"245/01\"\nin_list = [\"a\"]\n",
                 "positions belong to the leader");
    expect_error("when-length", "id = \"custom-x\"\n" + head + "field = \"245\"\nrequired = true\nwhen = { \"LDR/06-07\" = \"a\" }\n",
                 "has 2 position(s)");
    expect_error("typo", "id = \"custom-x\"\n" + head + "field = \"245\"\nrequired = true\nseverty = \"error\"\n",
                 "unknown key 'severty'");
    expect_error("required-false", "id = \"custom-x\"\n" + head + "field = \"245\"\nrequired = false\n",
                 "the only value it takes");
    expect_error("twice", "id = \"custom-x\"\n" + head + "field = \"245\"\nrequired = true\n[[check]]\nid = \"custom-x\"\n" +
                 head + "field = \"500\"\nforbidden = true\n", "declared twice");
    expect_error("when-x", "id = \"custom-x\"\n" + head + "field = \"245\"\nrequired = true\nwhen = { \"00X/07\" = \"2\" }\n",
                 "without X");
    expect_error("cost", "id = \"custom-x\"\n" + head + "field = \"245\"\nrequired = true\ncost_minutes = [60, -600]\n",
                 "0 <= low <= high");
    // The same check, well written, loads.
    EXPECT_EQ(error_of("valid", "id = \"custom-x\"\n" + head + "field = \"245\"\nrequired = true\n"), "(no error)");
    try {
        (void)profile_from("no-such-pack", "packs = [\"no-such-pack-anywhere\"]\n");
        ADD_FAILURE() << "a missing pack must be an error";
    } catch (const rules::ProfileError& e) {
        EXPECT_NE(std::string{e.what()}.find("no such rule pack"), std::string::npos) << e.what();
    }
}

TEST(CustomCheckTest, APackNamedByAProfileAndItsParentIsReadOnce) {
    // rules/README.md's example: a profile extending vendor-ebooks names ebook-local again.
    const auto profile = profile_from("again", "extends = \"vendor-ebooks\"\npacks = [\"ebook-local\"]\n");
    EXPECT_TRUE(profile.enabled("custom-ebook-isbn-missing"));
}

TEST(CustomCheckTest, ASubfieldPlaceWithXIsAboutDataFieldsOnly) {
    // "XXX$a" must not test 001-009, which have no subfields.
    const auto profile = profile_from("anyfield", R"(rules = ["-*", "custom-*"]

[[check]]
id = "custom-a-starts-with-letter"
message = "a $a starting with a digit"
field = "XXX$a"
not_matches = '^[0-9]'
)");
    const auto result = run(profile, {(custom_fixtures() / "records.mrk").string()});
    for (const auto& f : result.findings) {
        EXPECT_FALSE(f.tag.starts_with("00")) << f.tag << " " << f.value;
    }
    // 020 $a 9780306406157 (record 3) starts with a digit; the 001s and 008s are not tested.
    EXPECT_EQ(result.counts_by_rule.at("custom-a-starts-with-letter"), 1U);
}

TEST(CustomCheckTest, VendorEbooksPackOnRealVendorRecords) {
    // YBP's approval-plan records (tests/data/vendor, see SOURCES there) are brief order
    // records: titles in capitals, language "und". Data-Planet's dataset records are neither.
    const auto profile = rules::Profile::load("vendor-ebooks", rules::builtin_registry());
    const auto ybp = (test_data() / "vendor" / "ybp-library-services-sample-51.marc8.mrc").string();
    const auto planet = (test_data() / "vendor" / "data-planet-statistical-datasets-40.utf8.mrc").string();
    const auto result = run(profile, {ybp, planet});
    EXPECT_EQ(result.counts_by_rule.at("custom-title-all-capitals"), 51U);
    EXPECT_EQ(result.counts_by_rule.at("custom-language-missing"), 51U);
    for (const auto& f : result.findings) {
        if (f.rule_id.starts_with("custom-")) {
            EXPECT_EQ(f.source_index, 0U) << f.rule_id << " on a Data-Planet record " << f.record_number;
        }
    }
}

} // namespace
} // namespace marcaudit::test
