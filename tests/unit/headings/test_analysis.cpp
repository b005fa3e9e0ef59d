// The heading rules and the search effect on fixtures built from the real LC name and
// subject authority samples (tests/data/headings/README.md says which authority record
// each heading comes from), with and without the authority data and a catalog.

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>

#include <fmt/format.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "marcaudit/headings/analysis.hpp"
#include "marcaudit/rules/profile.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

namespace fs = std::filesystem;

std::string data(const char* folder, const char* name) {
    const auto root = std::string_view{folder} == "headings" ? test_data().parent_path() / "fixtures" : test_data();
    return (root / folder / name).string();
}

const std::vector<std::string> k_lc_authorities{data("auth", "lc-name-authority-sample-namemrc-273.xml"),
                                                data("auth", "lc-subject-authority-sample-subjmrc-193.xml")};

/// A profile with the heading rules only.
const rules::Profile& heading_profile() {
    static const rules::Profile profile = profile_from_text("heading-rules", "rules = [\"-*\", \"heading-*\"]\n");
    return profile;
}

engine::AuditResult heading_audit(const std::string& batch, const std::vector<std::string>& authorities,
                                  const std::vector<std::string>& catalog, unsigned threads = 1,
                                  std::size_t batch_records = 1000) {
    engine::AuditOptions options;
    options.inputs = {batch};
    options.authorities = authorities;
    options.catalog = catalog;
    options.threads = threads;
    options.batch.max_records = batch_records;
    options.profile = &heading_profile();
    return engine::run_audit(options);
}

/// "rule record tag" for each finding about the batch, in record order (the heading rules
/// report one after the other, each in record order).
std::vector<std::string> findings_of(const engine::AuditResult& r) {
    std::vector<Finding> batch;  // copies: the finding log decodes a block at a time
    for (const auto& f : r.findings) {
        if (f.source_index == 0) {
            batch.push_back(f);
        }
    }
    std::stable_sort(batch.begin(), batch.end(),
                     [](const Finding& a, const Finding& b) { return a.record_number < b.record_number; });
    std::vector<std::string> out;
    for (const auto& f : batch) {
        out.push_back(fmt::format("{} {} {}", f.rule_id, f.record_number, f.tag));
    }
    return out;
}

std::optional<Finding> finding(const engine::AuditResult& r, std::string_view rule, std::uint64_t record) {
    for (const auto& f : r.findings) {
        if (f.rule_id == rule && f.record_number == record && f.source_index == 0) {
            return f;
        }
    }
    return std::nullopt;
}

struct Effect {
    std::string heading;
    std::size_t before, after;
    std::vector<std::string> missed;  ///< 001s
    bool operator==(const Effect&) const = default;
};

std::ostream& operator<<(std::ostream& o, const Effect& e) {
    o << e.heading << " " << e.before << "->" << e.after << " missed";
    for (const auto& m : e.missed) {
        o << " " << m;
    }
    return o;
}

std::vector<Effect> effect_of(const engine::AuditResult& r) {
    std::vector<Effect> out;
    const auto& a = *r.headings;
    for (auto e : a.search_effect()) {
        const auto& entity = a.entities()[e];
        Effect x{entity.preferred, entity.before.size(), entity.after.size(), {}};
        std::set<std::uint32_t> before(entity.before.begin(), entity.before.end());
        for (auto id : entity.after) {
            if (!before.contains(id)) {
                x.missed.push_back(a.records()[id].control_number);
            }
        }
        out.push_back(std::move(x));
    }
    return out;
}

TEST(HeadingAnalysisTest, LcAuthoritiesFindVariantAmbiguousUncontrolledSplitAndLinkMismatches) {
    const auto r = heading_audit(data("headings", "batch.mrk"), k_lc_authorities, {});
    EXPECT_EQ(r.records.audited, 21U);
    EXPECT_EQ(findings_of(r), (std::vector<std::string>{
                                  "heading-variant-form 3 100",      // Mann, Tomas (400 of n 78095625)
                                  "heading-variant-form 4 600",      // Mān, Tūmās --Correspondence
                                  "heading-split-possible 5 700",    // Mann, Thomas, undated: a guess
                                  "heading-variant-form 7 600",      // Clay, Cassius (400 of Ali, Muhammad)
                                  "heading-variant-form 8 600",      // X, Cassius --Interviews
                                  "heading-link-mismatch 10 600",    // Ben Gurion, David + $0 n50007677
                                  "heading-link-mismatch 11 700",    // Lincoln's heading, Ben-Gurion's $0
                                  "heading-uncontrolled 12 100",     // Nobody, Imaginary
                                  "heading-variant-form 14 650",     // Computer fraud (450 of Computer crimes)
                                  "heading-variant-form 15 650",     // Computers--Law and legislation--Criminal provisions
                                  "heading-ambiguous 16 650",        // Nachtmusik: 450 of two records
                                  "heading-variant-form 17 650",     // Colonisation (the MeSH 650 _2 is not judged)
                                  "heading-uncontrolled 18 650",     // Unheard-of topics
                                  "heading-split 19 100",            // MANN, THOMAS: written differently
                                  "heading-variant-form 20 651",     // TJ Ruin Site (N.M.): 451 of TJ Ruin (N.M.)
                              }));  // hb021: its $0 is sh 90004993's cancelled number (010 $z): fine
    // The fix is the authorized form, in full, with the heading's subdivisions.
    EXPECT_EQ(finding(r, "heading-variant-form", 3)->fix, "Mann, Thomas, 1875-1955");
    EXPECT_EQ(finding(r, "heading-variant-form", 4)->fix, "Mann, Thomas, 1875-1955--Correspondence");
    EXPECT_EQ(finding(r, "heading-variant-form", 7)->fix, "Ali, Muhammad, 1942-");
    EXPECT_EQ(finding(r, "heading-variant-form", 8)->fix, "Ali, Muhammad, 1942- --Interviews");
    EXPECT_EQ(finding(r, "heading-variant-form", 14)->fix, "Computer crimes--Congresses");
    EXPECT_EQ(finding(r, "heading-variant-form", 15)->fix, "Computer crimes");  // the 450 had the $x
    EXPECT_EQ(finding(r, "heading-variant-form", 20)->fix, "TJ Ruin (N.M.)--Maps");
    EXPECT_EQ(finding(r, "heading-link-mismatch", 10)->fix, "Ben-Gurion, David, 1886-1973");
    EXPECT_NE(finding(r, "heading-ambiguous", 16)->message.find("'Suite (Music)' (sh 85129759); 'Suites' (sh 85129761)"),
              std::string::npos)
        << finding(r, "heading-ambiguous", 16)->message;
    // An undated "Mann, Thomas" may be someone else: information, not a warning (low confidence).
    ASSERT_TRUE(finding(r, "heading-split-possible", 5).has_value());
    EXPECT_NE(finding(r, "heading-split-possible", 5)->message.find("low confidence"), std::string::npos);
    EXPECT_EQ(finding(r, "heading-split-possible", 5)->fix, "Mann, Thomas, 1875-1955");
    // Coverage: the LC samples match most of the batch's LC names and LCSH terms; the MeSH
    // heading is in a scope they do not cover.
    std::vector<std::string> coverage;
    for (const auto& c : r.headings->coverage()) {
        coverage.push_back(fmt::format("{} {} {}/{} {}", c.scope, headings::to_string(c.kind), c.matched, c.headings,
                                       c.covered ? "covered" : "not covered"));
    }
    EXPECT_EQ(coverage, (std::vector<std::string>{"lcsh topical term 5/6 covered", "lcsh geographic name 2/2 covered",
                                                  "mesh topical term 0/1 not covered",
                                                  "name personal name 11/13 covered"}));
    // The LC samples hold no conflict once their deleted records are left out.
    EXPECT_FALSE(r.counts_by_rule.contains("heading-authority-conflict"));

    // Before/after: exact counts and the records a search on the authorized form misses
    // (the undated Mann, Thomas, a low-confidence form, is not counted).
    EXPECT_EQ(effect_of(r), (std::vector<Effect>{
                                {"Ali, Muhammad, 1942-", 1, 3, {"hb007", "hb008"}},
                                {"Computer crimes", 1, 3, {"hb014", "hb015"}},
                                {"Mann, Thomas, 1875-1955", 3, 5, {"hb003", "hb004"}},
                                {"Ben-Gurion, David, 1886-1973", 1, 2, {"hb010"}},
                                {"Colonization", 0, 1, {"hb017"}},
                                {"TJ Ruin (N.M.)", 1, 2, {"hb020"}},
                            }));
    const auto& t = r.headings->totals();
    EXPECT_EQ(t.headings, 6U);
    EXPECT_EQ(t.before, 7U);
    EXPECT_EQ(t.after, 16U);
    EXPECT_EQ(t.unreachable, 9U);
}

TEST(HeadingAnalysisTest, TheCatalogCountsForTheSearchEffect) {
    const auto r = heading_audit(data("headings", "batch.mrk"), k_lc_authorities, {data("headings", "catalog.mrk")});
    // The catalog is context: not audited, no findings about it, its records accounted for.
    EXPECT_EQ(r.records.audited, 21U);
    ASSERT_EQ(r.sources.size(), 4U);
    EXPECT_EQ(r.sources[3].role, engine::SourceRole::catalog);
    EXPECT_EQ(r.sources[3].records.read, 5U);
    // The same 15 findings, and headings the catalog does not have yet (information):
    // Ali (hb006), Ben-Gurion (hb009), Computer crimes (hb013), the MeSH Computer Security
    // (hb017) and TJ Ruin (N.M.) (hb021). Mann, Thomas, 1875-1955 is in the catalog.
    std::vector<std::uint64_t> new_ones;
    for (const auto& f : r.findings) {
        if (f.rule_id == "heading-new-to-catalog") {
            new_ones.push_back(f.record_number);
        }
    }
    EXPECT_EQ(new_ones, (std::vector<std::uint64_t>{6, 9, 13, 17, 21}));
    EXPECT_EQ(findings_of(r).size(), 20U);
    // Mann: the catalog has 2 records under the authorized form and 1 under Mann, Tomas;
    // Computer crimes: 1 catalog record under Computer fraud.
    EXPECT_EQ(effect_of(r), (std::vector<Effect>{
                                {"Computer crimes", 1, 4, {"hb014", "hb015", "cat04"}},
                                {"Mann, Thomas, 1875-1955", 5, 8, {"hb003", "hb004", "cat03"}},
                                {"Ali, Muhammad, 1942-", 1, 3, {"hb007", "hb008"}},
                                {"Ben-Gurion, David, 1886-1973", 1, 2, {"hb010"}},
                                {"Colonization", 0, 1, {"hb017"}},
                                {"TJ Ruin (N.M.)", 1, 2, {"hb020"}},
                            }));
    EXPECT_EQ(r.headings->totals().unreachable, 11U);
    // The Mann cluster's members and their record counts (batch and catalog).
    const auto& mann = r.headings->entities()[r.headings->search_effect()[1]];
    std::vector<std::string> forms;
    for (const auto& f : mann.forms) {
        forms.push_back(fmt::format("{} {}{}", f.display, f.records, f.preferred ? " *" : ""));
    }
    EXPECT_EQ(forms, (std::vector<std::string>{"Mann, Thomas, 1875-1955 5 *", "Mann, Tomas, 1875-1955 2",
                                               "M\xC4\x81n, T\xC5\xABm\xC4\x81s, 1875-1955 1"}));
    ASSERT_GE(mann.authority, 0);
    EXPECT_EQ(r.headings->authorities()->records()[static_cast<std::size_t>(mann.authority)].control_number,
              "n  78095625 ");
    EXPECT_TRUE(mann.confident);  // every form counted is a see-from of the record: high confidence
}

TEST(HeadingAnalysisTest, CoverageByKindIdentifiersOfLiveRecordsFirstAndWrongLinksJoinNothing) {
    // Authority data of two LC geographic subject records only (the TJ Ruin pair as it
    // stood before LC deleted sh 96007078): they judge the 651s, not the 650 topical terms.
    const auto fixtures = test_data().parent_path() / "fixtures" / "headings";
    const auto r = heading_audit(data("headings", "batch.mrk"), {(fixtures / "authority-conflict.mrk").string()}, {});
    EXPECT_EQ(findings_of(r), (std::vector<std::string>{
                                  "heading-split-possible 5 700", // Mann, Thomas, by name alone
                                  "heading-split-possible 10 600",// Ben Gurion, David, by name: not by $0...
                                  "heading-split 19 100",         // MANN, THOMAS
                                  "heading-link-mismatch 21 651", // sh96007078 is a live record's 001 here
                              }));
    // ...because Lincoln's heading carries the same $0: the number is wrong somewhere, and
    // joins nobody (hb011 is not made a form of Ben-Gurion).
    EXPECT_FALSE(finding(r, "heading-split", 11).has_value());
    EXPECT_FALSE(finding(r, "heading-split-possible", 11).has_value());
    EXPECT_NE(finding(r, "heading-split-possible", 10)->message.find("low confidence"), std::string::npos);
    EXPECT_NE(finding(r, "heading-link-mismatch", 21)->message.find("names 'TJ Ruin Site (N.M.)' (sh 96007078)"),
              std::string::npos)
        << finding(r, "heading-link-mismatch", 21)->message;
    // The conflict, on the authority record, naming the other record.
    ASSERT_EQ(r.counts_by_rule.at("heading-authority-conflict"), 1U);
}

TEST(HeadingAnalysisTest, AHeadingOnlyReferredToBySeeAlsoIsUncontrolledAndSaysWhere) {
    const auto r = heading_audit(data("headings", "see-also.mrk"), k_lc_authorities, {});
    EXPECT_EQ(findings_of(r), (std::vector<std::string>{"heading-uncontrolled 1 651"}));
    const auto f = finding(r, "heading-uncontrolled", 1);
    EXPECT_NE(f->message.find("'TJ Ruin (N.M.)' (sh 90004993) refers to it as a related heading (see also, 5XX)"),
              std::string::npos)
        << f->message;
}

TEST(HeadingAnalysisTest, WithoutAuthoritiesClustersByDatesFullerFormsIdentifiersAndSpelling) {
    const auto r = heading_audit(data("headings", "clusters.mrk"), {}, {});
    EXPECT_EQ(findings_of(r), (std::vector<std::string>{
                                  "heading-split 1 100",   // Smith, John, 1950- beside 1950-2020 (twice)
                                  "heading-split 7 100",   // Dvorak, Antonin beside Dvořák, Antonín
                                  "heading-split 10 100",  // Lewis, C. S., 1898-1963 beside the $q form
                                  "heading-split-possible 11 700",  // Lewis, C. S.: undated, a guess
                                  "heading-split 13 710",  // U.N. shares United Nations' $0
                              }));
    // Not merged: Smith, John, 1820-1890 (other dates), the undated Smith, John (it could be
    // either), Brown, James, 1933-2006 and Brown, James, 1942- (two people).
    for (std::uint64_t record : {3U, 4U, 15U, 16U}) {
        EXPECT_FALSE(finding(r, "heading-split", record).has_value()) << record;
    }
    EXPECT_EQ(finding(r, "heading-split", 1)->fix, "Smith, John, 1950-2020");
    EXPECT_EQ(finding(r, "heading-split", 7)->fix, "Dvo\xC5\x99\xC3\xA1k, Anton\xC3\xADn, 1841-1904");
    EXPECT_EQ(finding(r, "heading-split-possible", 11)->fix, "Lewis, C. S. (Clive Staples), 1898-1963");
    EXPECT_NE(finding(r, "heading-split", 1)->message.find("because its dates are closed"), std::string::npos);
    EXPECT_NE(finding(r, "heading-split", 7)->message.find("keeps the diacritics"), std::string::npos);
    EXPECT_NE(finding(r, "heading-split", 13)->message.find("high confidence"), std::string::npos);
    EXPECT_EQ(effect_of(r), (std::vector<Effect>{
                                {"Lewis, C. S. (Clive Staples), 1898-1963", 1, 2, {"cl10"}},
                                {"Smith, John, 1950-2020", 2, 3, {"cl01"}},
                                {"United Nations", 2, 3, {"cl13"}},
                            }));
}

TEST(HeadingAnalysisTest, WithoutAuthoritiesAHeadingWithoutALinkIsUnlinkedNeverUncontrolled) {
    // Watson Library (Met) records: most name headings carry $0/$1 links, some do not. A
    // heading without one is unlinked (information), not uncontrolled: $0 is optional.
    const auto r = heading_audit(data("bib", "watson-met-aaap-pdf-records-2024-03-133.utf8.mrc"), {}, {});
    EXPECT_FALSE(r.counts_by_rule.contains("heading-uncontrolled"));
    const auto f = finding(r, "heading-unlinked", 1);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->tag, "600");
    EXPECT_EQ(f->severity, Severity::info);
    // Counted per file, vocabulary and kind: LC personal names (not the 600 17 $2 fast ones).
    EXPECT_NE(f->message.find("of the 413 personal name headings (LC names) in this file have one"), std::string::npos) << f->message;
    // Bey, Dawoud, 1953- (twice) and an undated Bey, Dawoud: perhaps one person, a guess
    // (information). The FAST forms of names (600 17 $2 fast), sharing the LC form's $1, are
    // another vocabulary, not a split.
    std::vector<std::string> splits;
    for (const auto& x : r.findings) {
        if (x.rule_id.starts_with("heading-split")) {
            splits.push_back(fmt::format("{} {} {} -> {}", x.rule_id, x.record_number, x.value, x.fix));
        }
    }
    EXPECT_EQ(splits, (std::vector<std::string>{"heading-split-possible 107 Bey, Dawoud -> Bey, Dawoud, 1953-"}));
}

TEST(HeadingAnalysisTest, VocabulariesAndIdentifiersDecideWhatIsOneEntity) {
    // tests/fixtures/headings/vocabularies.mrk, without authority data.
    const auto r = heading_audit(data("headings", "vocabularies.mrk"), {}, {});
    std::vector<std::string> splits;
    for (const auto& x : r.findings) {
        if (x.rule_id.starts_with("heading-split")) {
            splits.push_back(fmt::format("{} {} -> {}", x.rule_id, x.control_number, x.fix));
        }
    }
    std::sort(splits.begin(), splits.end());
    EXPECT_EQ(splits, (std::vector<std::string>{
                          // Same $0 as the dated form: high confidence.
                          "heading-split v05 -> Martin, Paul, 1950-",
                          "heading-split v06 -> Martin, Paul, 1950-2010",
                          // LCSH in capitals; FAST unlinked beside its linked form: each in its vocabulary.
                          "heading-split v11 -> Painting, American",
                          "heading-split v12 -> Painting, American",
                          // The LC name without diacritics beside the LC name with them (not the RVM 600 _6).
                          "heading-split v14 -> Balzac, Honor\xC3\xA9 de, 1799-1850",
                          // Open dates beside closed dates of the same birth year, though the open are more.
                          "heading-split v16 -> Fuller, Basil, 1901-1977",
                          "heading-split v18 -> Fuller, Basil, 1901-1977",
                          // ALA-LC diacritics kept, though most records dropped them.
                          "heading-split v22 -> Shostakovich, Dmitri\xC4\xAD Dmitrievich, 1906-1975",
                          "heading-split v23 -> Shostakovich, Dmitri\xC4\xAD Dmitrievich, 1906-1975",
                          // A '?' where a conversion lost the accent.
                          "heading-split v27 -> Balzac, Honor\xC3\xA9 de, 1799-1850",
                          // Two death years: which is right is not for the text to say.
                          "heading-split-possible v20 -> Herman, Woody, 1913-1987",
                          // An uncertain date's '?' is no lost character: only a tie of two spellings.
                          "heading-split-possible v26 -> Hale, John, 1850?-1920",
                      }));
    // Not one entity: RVM headings sharing only a subdivision's $0 (v01-v04); two people of
    // one name with two LC numbers (v08, v09), and the undated form in capitals beside both
    // (v07); the RVM Balzac (v13) and the LC one.
    EXPECT_NE(finding(r, "heading-split", 27)->message.find("a character lost in a conversion"), std::string::npos);
    for (const char* id : {"v01", "v02", "v03", "v04", "v07", "v08", "v09", "v13", "v15", "v21", "v25"}) {
        for (const auto& x : r.findings) {
            EXPECT_FALSE(x.control_number == id && x.rule_id.starts_with("heading-split")) << id << ": " << x.message;
        }
    }
    for (const auto& e : r.headings->entities()) {
        EXPECT_FALSE(e.preferred == "Martin, Paul, 1950-" && e.after.size() > 2) << "two Paul Martins merged";
    }
    // The FAST chronological heading (648, no identifiers in FAST practice) is not "unlinked".
    for (const auto& x : r.findings) {
        EXPECT_FALSE(x.rule_id == "heading-unlinked" && x.tag == "648") << x.message;
    }
}

TEST(HeadingAnalysisTest, ReportIsTheSameForAnyThreadCount) {
    const auto one = heading_audit(data("headings", "batch.mrk"), k_lc_authorities, {data("headings", "catalog.mrk")}, 1);
    const auto many = heading_audit(data("headings", "batch.mrk"), k_lc_authorities, {data("headings", "catalog.mrk")}, 4, 2);
    EXPECT_EQ(json_report(one), json_report(many));
    const auto json = nlohmann::json::parse(json_report(one));
    const auto& effect = json.at("search_effect");
    EXPECT_EQ(effect.at("totals").at("links_found_before"), 9);
    EXPECT_EQ(effect.at("totals").at("links_found_after"), 20);
    const auto& mann = effect.at("headings").at(1);
    EXPECT_EQ(mann.at("heading"), "Mann, Thomas, 1875-1955");
    EXPECT_EQ(mann.at("authority"), "n  78095625");
    EXPECT_EQ(mann.at("before"), 5);
    EXPECT_EQ(mann.at("after"), 8);
    EXPECT_EQ(mann.at("missed").size(), 3U);
    EXPECT_EQ(mann.at("missed").at(2).at("control_number"), "cat03");
    EXPECT_EQ(mann.at("missed").at(2).at("in_batch"), false);
    EXPECT_EQ(json.at("headings").at("coverage").size(), 4U);
}

} // namespace
} // namespace marcaudit::test

namespace marcaudit::test {
namespace {

TEST(HeadingAnalysisTest, WholeCorpusWithAuthoritiesAndCatalogIsTheSameForAnyThreadCount) {
    const auto root = corpus_root();
    if (!root) {
        GTEST_SKIP() << "../shared/corpus not present: whole-corpus heading audit skipped";
    }
    // The UTF-8 bibliographic corpus audited against every authority file, joining the
    // MARC-8 files as the catalog.
    auto run = [&](unsigned threads, std::size_t batch_records) {
        engine::AuditOptions options;
        options.inputs = {(*root / "bib").string()};
        options.authorities = {(*root / "auth").string()};
        options.catalog = {(*root / "marc8").string()};
        options.threads = threads;
        options.batch.max_records = batch_records;
        options.profile = &heading_profile();
        return engine::run_audit(options);
    };
    const auto one = run(1, 1000);
    const auto many = run(3, 7);
    EXPECT_EQ(json_report(one), json_report(many));
    // Findings are about audited records or authority records, never the catalog's.
    std::set<std::uint32_t> catalog_sources;
    for (std::uint32_t i = 0; i < one.sources.size(); ++i) {
        if (one.sources[i].role == engine::SourceRole::catalog) {
            catalog_sources.insert(i);
        }
    }
    ASSERT_FALSE(catalog_sources.empty());
    for (const auto& f : one.findings) {
        EXPECT_FALSE(catalog_sources.contains(f.source_index)) << f.message;
    }
    // The search effect adds up: after >= before for every heading, and the totals are sums.
    ASSERT_NE(one.headings, nullptr);
    std::uint64_t before = 0;
    std::uint64_t after = 0;
    for (auto e : one.headings->search_effect()) {
        const auto& entity = one.headings->entities()[e];
        EXPECT_GT(entity.after.size(), entity.before.size()) << entity.preferred;
        before += entity.before.size();
        after += entity.after.size();
    }
    EXPECT_EQ(one.headings->totals().before, before);
    EXPECT_EQ(one.headings->totals().after, after);
    // Only entities a warning-level finding touches count (forms joined by a guess do not).
    EXPECT_GE(one.headings->totals().headings, 1U);
}

} // namespace
} // namespace marcaudit::test

namespace marcaudit::test {
namespace {

/// Writes mnemonic `records` to a temporary file and returns its path.
std::string temp_mrk(const std::string& name, const std::string& records) {
    const auto path = test_temp_dir("headings") / (name + ".mrk");
    std::ofstream{path, std::ios::binary} << records;
    return path.string();
}

std::string bib(const std::string& id, const std::string& fields) {
    return "=LDR  00000nam a2200000 a 4500\n=001  " + id + "\n=245  00$aA title.\n" + fields + "\n";
}

TEST(HeadingAnalysisRegressionTest, EverySpellingOfAFormCountsWhateverTheThreads) {
    // 71 records of one heading, spelled with the case of letters 2-7 following the bits of
    // the record number: 64 spellings. "Foobarx" (records 0, 64 and 70) is the most common;
    // every other record is written differently, on any thread count and batch size.
    std::string records;
    for (int i = 0; i < 71; ++i) {
        std::string s = "Foobarx";
        for (int b = 0; b < 6 && i < 70; ++b) {
            if ((i >> b) & 1) {
                auto& c = s[static_cast<std::size_t>(b) + 1];
                c = static_cast<char>(c - 'a' + 'A');
            }
        }
        records += bib(fmt::format("s{:02}", i), "=650  \\0$a" + s + ".") + "\n";
    }
    const auto path = temp_mrk("spellings", records);
    const auto one = heading_audit(path, {}, {}, 1, 1000);
    const auto four = heading_audit(path, {}, {}, 4, 1);
    EXPECT_EQ(json_report(one), json_report(four));
    std::size_t written_differently = 0;
    for (const auto& f : one.findings) {
        written_differently += f.rule_id == "heading-split" ? 1 : 0;
    }
    EXPECT_EQ(written_differently, 71U - 3U);
}

TEST(HeadingAnalysisRegressionTest, FormsJoinThroughAnyOfTheirIdentifiers) {
    // United Nations twice, one of them with an extra $1; U.N. with the $0 alone.
    const auto path = temp_mrk("ids", bib("u1", "=110  2\\$aUnited Nations.$0http://id.loc.gov/authorities/names/n79021872") +
                                          "\n" +
                                          bib("u2", "=110  2\\$aUnited Nations.$0http://id.loc.gov/authorities/names/n79021872"
                                                    "$1http://www.wikidata.org/entity/Q1065") +
                                          "\n" + bib("u3", "=710  2\\$aU.N.$0(DLC)n  79021872") + "\n");
    const auto r = heading_audit(path, {}, {});
    EXPECT_EQ(findings_of(r), (std::vector<std::string>{"heading-split 3 710"}));
}

TEST(HeadingAnalysisRegressionTest, AnUnpairedOtherScriptFieldIsReportedAsThe880ItIs) {
    // 880 $6700-00 (no 700 in the record) with a see-from form of Mann.
    const auto path = temp_mrk("880", bib("x1", "=880  1\\$6700-00$aMann, Tomas,$d1875-1955."));
    const auto r = heading_audit(path, k_lc_authorities, {});
    ASSERT_EQ(findings_of(r), (std::vector<std::string>{"heading-variant-form 1 880"}));
    const auto f = finding(r, "heading-variant-form", 1);
    EXPECT_EQ(f->occurrence, 1U);
    EXPECT_TRUE(f->message.starts_with("880 (700) heading 'Mann, Tomas, 1875-1955'")) << f->message;
}

TEST(HeadingAnalysisRegressionTest, SubdivisionsWithoutAMainHeadingAreTheirOwnHeading) {
    // Miscoded 650s with only a $x: each is its own heading, not one shared empty heading.
    const auto batch = temp_mrk("subdiv-batch", bib("b1", "=650  \\0$xMaps."));
    const auto catalog = temp_mrk("subdiv-catalog", bib("c1", "=650  \\0$xHistory."));
    const auto r = heading_audit(batch, {}, {catalog});
    EXPECT_EQ(findings_of(r), (std::vector<std::string>{"heading-new-to-catalog 1 650"}));
}

TEST(HeadingAnalysisRegressionTest, A240UnderA1XXWithoutNameTextIsJudgedAlone) {
    std::vector<headings::Heading> out;
    const auto path = temp_mrk("240", "=LDR  00000nam a2200000 a 4500\n=001  t1\n=100  1\\$e author.\n"
                                      "=240  10$aZauberflöte.\n=245  00$aA title.\n");
    std::vector<engine::SourceInfo> sources;
    engine::run_pipeline(
        {path}, {1, {}}, [&](const record::RecordView& r, FindingSink&, std::string&) { headings::extract_headings(r, out); },
        [](engine::BatchResult&&) {}, sources);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(out[0].tag, "240");
    EXPECT_EQ(out[0].display, "Zauberflöte.");
}

} // namespace
} // namespace marcaudit::test
