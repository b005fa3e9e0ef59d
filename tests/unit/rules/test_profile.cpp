#include <fstream>

#include <gtest/gtest.h>

#include "marcaudit/engine/audit.hpp"
#include "marcaudit/rules/profile.hpp"
#include "marcaudit/rules/rule.hpp"
#include "test_support.hpp"

namespace marcaudit::rules {
namespace {

namespace fs = std::filesystem;

fs::path write_profile(const std::string& name, const std::string& text) {
    const auto dir = test::test_temp_dir("profiles");
    fs::create_directories(dir);
    const auto p = dir / name;
    std::ofstream{p} << text;
    return p;
}

std::string load_error(const std::string& text) {
    try {
        (void)Profile::load(write_profile("bad.toml", text).string(), builtin_registry());
    } catch (const ProfileError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(GlobTest, StarMatchesAnyRun) {
    EXPECT_TRUE(glob_match("*", "structure-no-fields"));
    EXPECT_TRUE(glob_match("structure-*", "structure-no-fields"));
    EXPECT_TRUE(glob_match("*-no-*", "structure-no-fields"));
    EXPECT_TRUE(glob_match("structure-no-fields", "structure-no-fields"));
    EXPECT_FALSE(glob_match("encoding-*", "structure-no-fields"));
    EXPECT_FALSE(glob_match("structure-no", "structure-no-fields"));
}

TEST(RegistryTest, BuiltinRulesAreSortedAndUnique) {
    const auto entries = builtin_registry().entries();
    ASSERT_GE(entries.size(), 16U);
    for (std::size_t i = 1; i < entries.size(); ++i) {
        EXPECT_LT(entries[i - 1].info.id, entries[i].info.id);
    }
    Registry r;
    r.add(RuleInfo{"demo-one", "demo", Severity::info, "x"});
    EXPECT_THROW(r.add(RuleInfo{"demo-one", "demo", Severity::info, "x"}), std::logic_error);
    EXPECT_THROW(r.add(RuleInfo{"other-two", "demo", Severity::info, "x"}), std::logic_error);
}

TEST(ProfileTest, ShippedProfilesLoad) {
    // default audits a library's own catalog: the vendor-contract checks are off, the
    // catalog-policy checks information; vendor-ebooks turns them all back on.
    const std::set<std::string, std::less<>> vendor_contract{
        "vendor-encoding-level", "vendor-record-brief", "vendor-source-note", "vendor-provider-name",
        "vendor-reproduction-note", "vendor-deleted-record", "vendor-not-online"};
    const std::set<std::string, std::less<>> catalog_policy{"vendor-lcsh-missing", "vendor-classification-missing",
                                                            "vendor-isbn-print", "vendor-print-link",
                                                            "vendor-url-insecure"};
    const auto def = Profile::load("default", builtin_registry());
    EXPECT_TRUE(def.oclc());
    for (const auto& e : builtin_registry().entries()) {
        EXPECT_EQ(def.enabled(e.info.id), !vendor_contract.contains(e.info.id)) << e.info.id;
        EXPECT_EQ(def.settings(e.info.id)->severity,
                  catalog_policy.contains(e.info.id) ? Severity::info : e.info.severity)
            << e.info.id;
        EXPECT_TRUE(def.settings(e.info.id)->options.oclc()) << e.info.id;
    }
    const auto strict = Profile::load("strict", builtin_registry());
    ASSERT_EQ(strict.files().size(), 2U);  // default, then strict
    for (const auto& e : builtin_registry().entries()) {
        EXPECT_EQ(strict.enabled(e.info.id), def.enabled(e.info.id)) << e.info.id;
        if (!strict.enabled(e.info.id)) {
            continue;
        }
        const auto in_default = def.settings(e.info.id)->severity;
        EXPECT_EQ(strict.settings(e.info.id)->severity, in_default == Severity::info ? Severity::info : Severity::error)
            << e.info.id << ": strict makes every warning of the default profile an error";
    }
    const auto ebooks = Profile::load("vendor-ebooks", builtin_registry());
    for (const auto& e : builtin_registry().entries()) {
        EXPECT_TRUE(ebooks.enabled(e.info.id)) << e.info.id;
        if (catalog_policy.contains(e.info.id)) {
            EXPECT_EQ(ebooks.settings(e.info.id)->severity, Severity::warning) << e.info.id;
            EXPECT_GT(ebooks.settings(e.info.id)->cost_high_minutes + ebooks.settings(e.info.id)->batch_high_minutes, 0)
                << e.info.id;
        }
    }
    // nightly-export leaves the vendor-contract checks off too.
    const auto nightly = Profile::load("nightly-export", builtin_registry());
    for (const auto& id : vendor_contract) {
        EXPECT_FALSE(nightly.enabled(id)) << id;
    }
}

TEST(ProfileTest, GlobsSelectInOrderLastMatchWins) {
    const auto p = Profile::load(
        write_profile("sel.toml", "rules = [\"-*\", \"encoding-*\", \"-encoding-leader09-invalid\"]\n").string(),
        builtin_registry());
    EXPECT_TRUE(p.enabled("encoding-invalid-utf8"));
    EXPECT_FALSE(p.enabled("encoding-leader09-invalid"));
    EXPECT_FALSE(p.enabled("structure-no-fields"));
}

TEST(ProfileTest, ErrorsNameFileLineAndKey) {
    auto e = load_error("rules = [\"*\"]\n\n[rule.structure-no-fields]\nseverity = \"fatal\"\n");
    EXPECT_NE(e.find("bad.toml:4"), std::string::npos) << e;
    EXPECT_NE(e.find("rule.structure-no-fields.severity"), std::string::npos) << e;
    e = load_error("[rule.no-such-rule]\nseverity = \"error\"\n");
    EXPECT_NE(e.find("no such rule"), std::string::npos) << e;
    e = load_error("rules = [\"nosuchmodule-*\"]\n");
    EXPECT_NE(e.find("matches no rule"), std::string::npos) << e;
    e = load_error("colour = 1\n");
    EXPECT_NE(e.find("unknown key 'colour'"), std::string::npos) << e;
    e = load_error("rules = [\n");
    EXPECT_NE(e.find("bad.toml:"), std::string::npos) << e;
    e = load_error("extends = \"bad.toml\"\n");
    EXPECT_NE(e.find("circle"), std::string::npos) << e;
}

TEST(ProfileTest, OptionsAreTypedAndWrongTypesNamed) {
    const auto p = Profile::load(write_profile("opt.toml", "[rule.marc21-tag-undefined.options]\n"
                                                           "ignore_tags = [\"938\", \"949\"]\nlimit = \"ten\"\n")
                                     .string(),
                                 builtin_registry());
    const auto& options = p.settings("marc21-tag-undefined")->options;
    EXPECT_EQ(options.get_strings("ignore_tags", {}), (std::vector<std::string>{"938", "949"}));
    EXPECT_EQ(options.get_int("absent", 7), 7);
    try {
        (void)options.get_int("limit", 0);
        FAIL() << "no error";
    } catch (const ProfileError& e) {
        EXPECT_NE(std::string{e.what()}.find("opt.toml:3"), std::string::npos) << e.what();
        EXPECT_NE(std::string{e.what()}.find("limit must be a whole number"), std::string::npos) << e.what();
    }
    EXPECT_NE(p.dump().find("ignore_tags"), std::string::npos);
}

TEST(ProfileTest, GlobSectionsApplyToEveryMatchingRuleAndExactOnesOverride) {
    const auto p = Profile::load(write_profile("glob.toml", "[rule.marc21-tag-undefined.options]\n"
                                                            "ignore_tags = [\"029\"]\n"
                                                            "[rule.\"marc21-*\"]\nseverity = \"warning\"\n"
                                                            "[rule.\"marc21-*\".options]\n"
                                                            "ignore_tags = [\"019\"]\nkeep = true\n")
                                     .string(),
                                 builtin_registry());
    const auto* indicator = p.settings("marc21-indicator-invalid");
    EXPECT_EQ(indicator->severity, Severity::warning);
    EXPECT_EQ(indicator->options.get_strings("ignore_tags", {}), (std::vector<std::string>{"019"}));
    // The rule's own section comes after the glob, whatever the order in the file, key by key.
    const auto* undefined = p.settings("marc21-tag-undefined");
    EXPECT_EQ(undefined->options.get_strings("ignore_tags", {}), (std::vector<std::string>{"029"}));
    EXPECT_TRUE(undefined->options.get_bool("keep", false));
    EXPECT_EQ(p.settings("structure-no-fields")->severity, Severity::error);  // not matched
    const auto e = load_error("[rule.\"nothing-*\"]\nseverity = \"info\"\n");
    EXPECT_NE(e.find("matches no rule"), std::string::npos) << e;
}

TEST(ProfileTest, IgnoreTagsSilencesTheTableRules) {
    // 012 is no MARC 21 field: reported, unless the profile lists it.
    const auto mrk = write_profile("oclc.mrk", "=LDR  00000nam\\\\2200000\\a\\4500\n=001  x\n=012  \\\\$a123\n"
                                               "=245  00$aTitle.\n");
    const auto quiet = Profile::load(
        write_profile("quiet.toml", "rules = [\"-*\", \"marc21-tag-undefined\"]\n"
                                    "[rule.\"marc21-*\".options]\nignore_tags = [\"01X\"]\n").string(),
        builtin_registry());
    const auto loud = Profile::load(write_profile("loud.toml", "rules = [\"-*\", \"marc21-tag-undefined\"]\n").string(),
                                    builtin_registry());
    engine::AuditOptions options;
    options.inputs = {mrk.string()};
    options.profile = &loud;
    EXPECT_EQ(engine::run_audit(options).findings.size(), 1U);
    options.profile = &quiet;
    EXPECT_EQ(engine::run_audit(options).findings.size(), 0U);
    const auto bad = Profile::load(
        write_profile("badtag.toml", "[rule.marc21-tag-undefined.options]\nignore_tags = [\"19\"]\n").string(),
        builtin_registry());
    options.profile = &bad;
    try {
        (void)engine::run_audit(options);
        FAIL() << "no error";
    } catch (const ProfileError& e) {
        EXPECT_NE(std::string{e.what()}.find("badtag.toml:2"), std::string::npos) << e.what();
    }
}

TEST(ProfileTest, AMisspeltOptionIsAnErrorButAGlobSectionMayCarryOthersOptions) {
    const auto mrk = write_profile("plain.mrk", "=LDR  00000nam\\\\2200000\\a\\4500\n=001  x\n=245  00$aTitle.\n");
    engine::AuditOptions options;
    options.inputs = {mrk.string()};
    const auto typo = Profile::load(
        write_profile("typo.toml", "[rule.marc21-tag-undefined.options]\nignore_tag = [\"019\"]\n").string(),
        builtin_registry());
    options.profile = &typo;
    try {
        (void)engine::run_audit(options);
        FAIL() << "no error";
    } catch (const ProfileError& e) {
        EXPECT_NE(std::string{e.what()}.find("typo.toml:2"), std::string::npos) << e.what();
        EXPECT_NE(std::string{e.what()}.find("ignore_tag is not an option of marc21-tag-undefined"), std::string::npos)
            << e.what();
    }
    // ignore_tags reaches rules that have no such option (marc21-linkage-880) through the glob.
    const auto glob = Profile::load(
        write_profile("globopt.toml", "[rule.\"marc21-*\".options]\nignore_tags = [\"019\"]\n").string(),
        builtin_registry());
    options.profile = &glob;
    EXPECT_NO_THROW((void)engine::run_audit(options));
}

TEST(ProfileTest, AcceptedFixedFieldCodesAreNotReported) {
    // Leader/17 K is OCLC's "minimal level"; MARC 21 does not define it.
    const auto mrk = write_profile("oclc17.mrk", "=LDR  00000nam\\\\2200000Ka\\4500\n=001  x\n=245  00$aTitle.\n");
    const auto plain = Profile::load(
        write_profile("plain.toml", "rules = [\"-*\", \"marc21-fixed-field-invalid\"]\n").string(), builtin_registry());
    const auto oclc = Profile::load(write_profile("oclc.toml", "rules = [\"-*\", \"marc21-fixed-field-invalid\"]\n"
                                                               "[rule.marc21-fixed-field-invalid.options]\n"
                                                               "accept = [\"LDR/17=IJKLM\"]\n")
                                        .string(),
                                    builtin_registry());
    engine::AuditOptions options;
    options.inputs = {mrk.string()};
    options.profile = &plain;
    const auto r = engine::run_audit(options);
    ASSERT_EQ(r.findings.size(), 1U);
    EXPECT_EQ(r.findings[0].position, "/17");
    options.profile = &oclc;
    EXPECT_EQ(engine::run_audit(options).findings.size(), 0U);
}

TEST(ProfileTest, AuditAppliesSelectionAndSeverity) {
    const auto dir = (test::test_data() / "malformed").string();
    const auto all = test::audit({dir});
    const auto p = Profile::load(write_profile("enc.toml", "rules = [\"-*\", \"encoding-*\"]\n"
                                                           "[rule.encoding-invalid-utf8]\nseverity = \"info\"\n")
                                     .string(),
                                 builtin_registry());
    engine::AuditOptions options;
    options.inputs = {dir};
    options.profile = &p;
    const auto r = engine::run_audit(options);
    EXPECT_EQ(r.records.read, all.records.read);  // selection never changes the accounting
    for (const auto& f : r.findings) {
        EXPECT_TRUE(f.rule_id.starts_with("encoding-")) << f.rule_id;
    }
    ASSERT_GT(r.counts_by_rule.at("encoding-invalid-utf8"), 0U);
    EXPECT_EQ(r.counts_by_rule.at("encoding-invalid-utf8"), all.counts_by_rule.at("encoding-invalid-utf8"));
    EXPECT_EQ(r.severity_by_rule.at("encoding-invalid-utf8"), Severity::info);
    EXPECT_EQ(r.counts_by_severity[0], r.counts_by_rule.at("encoding-invalid-utf8"));
}

} // namespace
} // namespace marcaudit::rules

namespace marcaudit::test {
namespace {

TEST(ProfileTest, OclcAndLocalFieldsInEveryShippedProfile) {
    // tests/fixtures/profiles/oclc-local.mrk (README.md there): OCLC's fields and levels and a
    // library's local fields with slips in them. No shipped profile judges them.
    const auto input = test_data().parent_path() / "fixtures" / "profiles" / "oclc-local.mrk";
    const std::set<std::string, std::less<>> untouchable{"019", "029", "049", "539", "590", "690",
                                                         "799", "890", "901", "938", "949"};
    for (const char* name : {"default", "strict", "nightly-export", "vendor-ebooks"}) {
        SCOPED_TRACE(name);
        const auto profile = rules::Profile::load(name, rules::builtin_registry());
        EXPECT_TRUE(profile.oclc());
        engine::AuditOptions options;
        options.inputs = {input.string()};
        options.profile = &profile;
        const auto r = engine::run_audit(options);
        EXPECT_EQ(r.records.audited, 3U);
        for (const auto& f : r.findings) {
            EXPECT_FALSE(untouchable.contains(f.tag)) << f.rule_id << " on " << f.tag << ": " << f.message;
            EXPECT_NE(f.rule_id, "marc21-fixed-field-invalid") << f.message;
            EXPECT_NE(f.rule_id, "marc21-tag-undefined") << f.message;
            if (f.rule_id == "vendor-encoding-level") {
                // K and M are brief levels, which the vendor-contract check reports as such; I is full.
                EXPECT_EQ(std::string_view{name}, "vendor-ebooks");
                EXPECT_NE(f.value, "I");
            }
        }
    }
    // Without the oclc setting the letters are not MARC 21 codes: reported.
    const auto strict_marc = profile_from_text("marc21-only", "rules = [\"-*\", \"marc21-fixed-field-invalid\"]\n"
                                                              "oclc = false\n");
    engine::AuditOptions options;
    options.inputs = {input.string()};
    options.profile = &strict_marc;
    EXPECT_EQ(engine::run_audit(options).findings.size(), 3U);  // I, K and M
}

TEST(ProfileTest, OnlyTheVendorProfileSpeaksOfABatchSoldAsFull) {
    // YBP's order records (encoding level z): a vendor-contract finding in vendor-ebooks only.
    const auto ybp = (test_data() / "vendor" / "ybp-library-services-sample-51.marc8.mrc").string();
    for (const char* name : {"default", "strict", "nightly-export", "vendor-ebooks"}) {
        const auto profile = rules::Profile::load(name, rules::builtin_registry());
        engine::AuditOptions options;
        options.inputs = {ybp};
        options.profile = &profile;
        std::size_t sold_as_full = 0;
        for (const auto& f : engine::run_audit(options).findings) {
            sold_as_full += f.message.find("sold as full") != std::string::npos ? 1 : 0;
        }
        EXPECT_EQ(sold_as_full, std::string_view{name} == "vendor-ebooks" ? 51U : 0U) << name;
    }
}

} // namespace
} // namespace marcaudit::test
