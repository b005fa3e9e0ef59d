// The judged record-rule findings (tests/judged/records.tsv): real records, each finding read
// and marked true or false. A finding judged true must be reported as a warning or error, one
// judged false must not come back, and on the files judged whole (scope "all": LC's own
// records) a warning or error nobody judged fails the test. Prints the precision table that
// docs/precision.md holds ("Record rules").

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
    std::string profile, scope, file, key;  ///< key: "rule record tag position"
    bool truth = false;
    std::string reason;
};

std::vector<Judged> read_judged() {
    std::ifstream in{test_data().parent_path() / "judged" / "records.tsv"};
    std::vector<Judged> out;
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == '#') {
            continue;
        }
        if (header) {
            header = false;  // the column names
            continue;
        }
        std::vector<std::string> cells;
        std::stringstream s{line};
        std::string cell;
        while (std::getline(s, cell, '\t')) {
            cells.push_back(cell);
        }
        while (cells.size() < 9 && line.back() == '\t') {
            cells.emplace_back();
        }
        if (cells.size() != 9 || (cells[7] != "true" && cells[7] != "false")) {
            ADD_FAILURE() << "tests/judged/records.tsv: 9 columns and a verdict true/false expected: " << line;
            continue;
        }
        out.push_back(Judged{cells[0], cells[1], cells[2],
                             fmt::format("{} {} {} {}", cells[4], cells[3], cells[5], cells[6]), cells[7] == "true",
                             cells[8]});
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

/// "rule record tag position" of every warning and error (heading rules aside) of `file`.
std::set<std::string> reported(const fs::path& file, const rules::Profile& profile) {
    engine::AuditOptions options;
    options.inputs = {file.string()};
    options.threads = 2;
    options.profile = &profile;
    const auto r = engine::run_audit(options);
    std::set<std::string> out;
    for (const auto& f : r.findings) {
        if (f.severity == Severity::info || f.rule_id.starts_with("heading-")) {
            continue;
        }
        out.insert(fmt::format("{} {} {} {}", f.rule_id, f.record_number, f.tag, f.position));
    }
    return out;
}

struct Tally {
    std::size_t judged = 0, true_found = 0, false_found = 0;
};

TEST(JudgedRecordsTest, TrueFindingsStayFalseOnesDoNotComeBackAndLcRecordsAreJudgedWhole) {
    const auto judged = read_judged();
    ASSERT_GT(judged.size(), 400U);
    std::map<std::string, const rules::Profile*> profiles;
    std::map<std::pair<std::string, std::string>, bool> files;  // (profile, file) -> judged whole
    for (const auto& j : judged) {
        auto& whole = files[{j.profile, j.file}];
        whole = whole || j.scope == "all";
        if (!profiles.contains(j.profile)) {
            static std::map<std::string, rules::Profile> loaded;
            loaded.emplace(j.profile, rules::Profile::load(j.profile, rules::builtin_registry()));
            profiles[j.profile] = &loaded.at(j.profile);
        }
    }
    std::map<std::string, Tally> by_rule;
    std::size_t skipped = 0;
    for (const auto& [key, whole] : files) {
        const auto& [profile, file] = key;
        const auto path = locate(file);
        if (!path) {
            ++skipped;
            continue;
        }
        const auto found = reported(*path, *profiles.at(profile));
        std::set<std::string> seen;
        for (const auto& j : judged) {
            if (j.profile != profile || j.file != file) {
                continue;
            }
            seen.insert(j.key);
            const bool present = found.contains(j.key);
            if (j.truth) {
                EXPECT_TRUE(present) << profile << " " << file << ": '" << j.key
                                     << "' judged true is no longer reported (" << j.reason << ")";
            } else {
                EXPECT_FALSE(present) << profile << " " << file << ": '" << j.key << "' judged false is reported again ("
                                      << j.reason << ")";
            }
            if (present) {
                auto& t = by_rule[j.key.substr(0, j.key.find(' '))];
                ++t.judged;
                ++(j.truth ? t.true_found : t.false_found);
            }
        }
        if (whole) {
            for (const auto& k : found) {
                EXPECT_TRUE(seen.contains(k)) << profile << " " << file << ": '" << k
                                              << "' is a warning or error on LC's records nobody judged: read the "
                                                 "record, then add it to tests/judged/records.tsv";
            }
        }
    }
    if (skipped > 0) {
        std::cout << "[ SKIPPED  ] " << skipped
                  << " judged file(s) are neither in tests/data nor in ../shared/corpus: their rows were not checked\n";
    }
    std::cout << "rule | findings judged | true | false | precision\n";
    for (const auto& [rule, t] : by_rule) {
        std::cout << fmt::format("{} | {} | {} | {} | {}\n", rule, t.judged, t.true_found, t.false_found,
                                 t.judged == 0 ? std::string{"-"}
                                               : fmt::format("{:.2f}", static_cast<double>(t.true_found) /
                                                                           static_cast<double>(t.judged)));
        EXPECT_GE(static_cast<double>(t.true_found), 0.95 * static_cast<double>(t.judged))
            << rule << ": precision below 0.95 on the judged set";
    }
}

} // namespace
} // namespace marcaudit::test
