// The judged heading findings (tests/judged/headings.tsv): real records, each finding read
// and marked true or false. A finding judged true must be reported, one judged false must not
// come back, and a heading warning or error nobody judged fails the test (judge it, then add
// it). Prints the precision table that docs/precision.md holds.

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "marcaudit/rules/profile.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

namespace fs = std::filesystem;

struct Judged {
    std::string run, file, key;  ///< key: "rule record tag"
    bool truth = false;
    std::string reason;
};

std::vector<Judged> read_judged() {
    std::ifstream in{test_data().parent_path() / "judged" / "headings.tsv"};
    std::vector<Judged> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == '#') {
            continue;
        }
        std::vector<std::string> cells;
        std::stringstream s{line};
        std::string cell;
        while (std::getline(s, cell, '\t')) {
            cells.push_back(cell);
        }
        if (cells.size() != 7) {
            ADD_FAILURE() << "tests/judged/headings.tsv: 7 columns expected: " << line;
            continue;
        }
        out.push_back(Judged{cells[0], cells[1], fmt::format("{} {} {}", cells[4], cells[2], cells[3]),
                             cells[5] == "true", cells[6]});
    }
    return out;
}

const rules::Profile& heading_rules() {
    static const rules::Profile profile = profile_from_text("heading-rules", "rules = [\"-*\", \"heading-*\"]\n");
    return profile;
}

/// "file": "rule record tag" of every heading warning or error of an audit of `inputs`.
std::map<std::string, std::set<std::string>> reported(const std::vector<std::string>& inputs) {
    engine::AuditOptions options;
    options.inputs = inputs;
    options.threads = 2;
    options.profile = &heading_rules();
    const auto r = engine::run_audit(options);
    std::map<std::string, std::set<std::string>> out;
    for (const auto& f : r.findings) {
        if (f.severity == Severity::info || !f.rule_id.starts_with("heading-")) {
            continue;
        }
        const auto path = fs::path{r.sources[f.source_index].info.name};
        const auto file = (path.parent_path().filename() / path.filename()).generic_string();
        out[file].insert(fmt::format("{} {} {}", f.rule_id, f.record_number, f.tag));
    }
    return out;
}

std::optional<fs::path> locate(const std::string& file) {
    if (fs::exists(test_data() / file)) {
        return test_data() / file;
    }
    if (const auto root = corpus_root(); root && fs::exists(*root / file)) {
        return *root / file;
    }
    return std::nullopt;
}

struct Tally {
    std::size_t judged = 0, true_found = 0, false_found = 0;
};

TEST(JudgedHeadingsTest, TrueFindingsStayFalseOnesDoNotComeBackAndEveryWarningIsJudged) {
    const auto judged = read_judged();
    ASSERT_FALSE(judged.empty());
    std::map<std::string, Tally> by_rule;
    std::size_t skipped = 0;
    // Run "each": every file alone.
    std::set<std::string> files;
    for (const auto& j : judged) {
        if (j.run == "each") {
            files.insert(j.file);
        }
    }
    auto check = [&](const std::string& run, const std::string& file, const std::set<std::string>& found) {
        std::set<std::string> seen;
        for (const auto& j : judged) {
            if (j.run != run || j.file != file) {
                continue;
            }
            seen.insert(j.key);
            const bool present = found.contains(j.key);
            const auto rule = j.key.substr(0, j.key.find(' '));
            auto& t = by_rule[rule];
            if (j.truth) {
                EXPECT_TRUE(present) << run << " " << file << ": '" << j.key << "' judged true is no longer reported ("
                                     << j.reason << ")";
            } else {
                EXPECT_FALSE(present) << run << " " << file << ": '" << j.key << "' judged false is reported again ("
                                      << j.reason << ")";
            }
            if (present) {
                ++t.judged;
                ++(j.truth ? t.true_found : t.false_found);
            }
        }
        for (const auto& key : found) {
            EXPECT_TRUE(seen.contains(key)) << run << " " << file << ": '" << key
                                            << "' is a heading warning nobody judged: read the record, then add it to "
                                               "tests/judged/headings.tsv";
        }
    };
    for (const auto& file : files) {
        const auto path = locate(file);
        if (!path) {
            ++skipped;
            continue;
        }
        const auto found = reported({path->string()});
        check("each", file, found.contains(file) ? found.at(file) : std::set<std::string>{});
    }
    // Run "all": the whole corpus as one batch, when it is there.
    if (const auto root = corpus_root()) {
        std::vector<std::string> inputs;
        for (const char* dir : {"bib", "marcxml", "marc8", "vendor"}) {
            inputs.push_back((*root / dir).string());
        }
        const auto found = reported(inputs);
        std::set<std::string> all_files;
        for (const auto& j : judged) {
            if (j.run == "all") {
                all_files.insert(j.file);
            }
        }
        for (const auto& [file, keys] : found) {
            all_files.insert(file);
        }
        for (const auto& file : all_files) {
            check("all", file, found.contains(file) ? found.at(file) : std::set<std::string>{});
        }
    } else {
        std::cout << "[ SKIPPED  ] ../shared/corpus not present: the judged run over the whole corpus was skipped\n";
    }
    if (skipped > 0) {
        std::cout << "[ SKIPPED  ] " << skipped << " judged file(s) not in tests/data and no ../shared/corpus\n";
    }
    std::cout << "rule | findings judged | true | false | precision\n";
    for (const auto& [rule, t] : by_rule) {
        std::cout << fmt::format("{} | {} | {} | {} | {}\n", rule, t.judged, t.true_found, t.false_found,
                                 t.judged == 0 ? std::string{"-"}
                                               : fmt::format("{:.2f}", static_cast<double>(t.true_found) / static_cast<double>(t.judged)));
    }
}

} // namespace
} // namespace marcaudit::test

namespace marcaudit::test {
namespace {

TEST(JudgedHeadingsTest, LcCatalogRecordsGetNoHeadingWarningWithoutAuthorityData) {
    // LC's own records: their headings are LC's authorized forms, with or without a $0.
    for (const char* file : {"bib/lc-booksall-2014-part01-first100.utf8.mrc", "bib/loc-catalog-z3950-perl-query-50.utf8.mrc",
                             "marcxml/loc-catalog-z3950-perl-query-50.xml"}) {
        const auto path = locate(file);
        ASSERT_TRUE(path.has_value()) << file;
        EXPECT_TRUE(reported({path->string()}).empty()) << file;
    }
}

} // namespace
} // namespace marcaudit::test
