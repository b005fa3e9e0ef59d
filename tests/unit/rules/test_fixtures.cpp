// Runs every rule fixture (tests/fixtures/<rule-id>.mrk) through the mnemonic, ISO 2709 and
// MARCXML readers with a profile that enables only that rule, and compares the findings with
// the "# expect:" lines: one test per rule of the registry (Rules/RuleFixtureTest...), which
// fails for a registered rule without a fixture.

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "marcaudit/record/builder.hpp"
#include "marcaudit/report/reports.hpp"
#include "marcaudit/rules/profile.hpp"
#include "marcaudit/rules/rule.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

namespace fs = std::filesystem;

const fs::path k_fixtures = fs::path{MARCAUDIT_TEST_DATA}.parent_path() / "fixtures";

struct Fixture {
    std::string mnemonic;                             ///< the records, comments removed
    std::vector<std::vector<std::string>> expected;   ///< per record: tags ("record" = none)
    std::vector<std::vector<std::string>> messages;   ///< per record: text a finding's message holds
    std::vector<std::string> options;                 ///< "# options:" lines: the rule's options (TOML)
};

/// `{0xHH}` → the byte HH.
std::string unescape(const std::string& line) {
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line.compare(i, 3, "{0x") == 0 && i + 6 <= line.size() && line[i + 5] == '}') {
            out.push_back(static_cast<char>(std::stoi(line.substr(i + 3, 2), nullptr, 16)));
            i += 5;
        } else {
            out.push_back(line[i]);
        }
    }
    return out;
}

Fixture read_fixture(const fs::path& path) {
    std::ifstream in{path};
    Fixture fx;
    std::string line;
    std::vector<std::string> pending;
    std::vector<std::string> pending_messages;
    bool have_expectation = false;
    while (std::getline(in, line)) {
        if (line.starts_with("# options:")) {
            fx.options.push_back(line.substr(10));
        } else if (line.starts_with("# message:")) {
            auto text = line.substr(10);
            text.erase(0, text.find_first_not_of(' '));
            pending_messages.push_back(text);
        } else if (line.starts_with("# expect:")) {
            std::istringstream words{line.substr(9)};
            pending.clear();
            for (std::string w; words >> w;) {
                if (w != "none") {
                    pending.push_back(w);
                }
            }
            have_expectation = true;
        } else if (line.starts_with("#")) {
            continue;
        } else if (line.starts_with("=LDR")) {
            EXPECT_TRUE(have_expectation) << path << ": a record without an '# expect:' line before it";
            fx.expected.push_back(pending);
            fx.messages.push_back(pending_messages);
            pending_messages.clear();
            have_expectation = false;
            fx.mnemonic += "\n" + line + "\n";
        } else {
            fx.mnemonic += unescape(line) + "\n";
        }
    }
    return fx;
}

/// The findings of one audit, per record number: the tags ("record" when none), and the
/// messages in `messages`.
std::vector<std::vector<std::string>> findings_per_record(const fs::path& input, const rules::Profile& profile,
                                                          std::size_t records,
                                                          std::vector<std::vector<std::string>>& messages) {
    engine::AuditOptions options;
    options.inputs = {input.string()};
    options.profile = &profile;
    const auto r = engine::run_audit(options);
    EXPECT_EQ(r.records.audited, records) << input;
    std::vector<std::vector<std::string>> out(records);
    messages.assign(records, {});
    for (const auto& f : r.findings) {
        // A fixture line the mnemonic reader cannot read (three indicators, a missing $) would
        // test something else than it says.
        EXPECT_NE(f.rule_id, "structure-mnemonic-line-invalid") << input << " record " << f.record_number << ": "
                                                                  << f.message;
        if (f.record_number >= 1 && f.record_number <= records && !f.rule_id.starts_with("structure-")) {
            std::string token = f.tag.empty() ? "record" : f.tag;
            if (!f.position.empty()) {
                token += ":" + f.position;
            }
            out[f.record_number - 1].push_back(std::move(token));
            messages[f.record_number - 1].push_back(f.message);
        }
    }
    return out;
}

/// Writes the records of `mrk` again as ISO 2709 and as MARCXML.
std::pair<fs::path, fs::path> other_serializations(const fs::path& mrk) {
    std::string iso;
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n";
    std::vector<engine::SourceInfo> sources;
    engine::run_pipeline(
        {mrk.string()}, {1, {}},
        [](const record::RecordView& r, FindingSink&, std::string& out) { out += record::to_iso2709(r); },
        [&](engine::BatchResult&& b) { iso += b.text; }, sources);
    engine::run_pipeline(
        {mrk.string()}, {1, {}},
        [](const record::RecordView& r, FindingSink&, std::string& out) { report::append_marcxml(r, out); },
        [&](engine::BatchResult&& b) { xml += b.text; }, sources);
    xml += "</collection>\n";
    const auto iso_path = fs::path{mrk}.replace_extension(".mrc");
    const auto xml_path = fs::path{mrk}.replace_extension(".xml");
    std::ofstream{iso_path, std::ios::binary} << iso;
    std::ofstream{xml_path, std::ios::binary} << xml;
    return {iso_path, xml_path};
}

/// The record rules of the registry, by id.
std::vector<std::string> record_rule_ids() {
    std::vector<std::string> ids;
    for (const auto& entry : rules::builtin_registry().entries()) {
        if (entry.make) {
            ids.emplace_back(entry.info.id);  // reader checks: see tests/fixtures/README.md
        }
    }
    return ids;
}

/// One test per fixture, clang-tidy's way (a failing fixture does not hide the others): each
/// record rule's <id>.mrk, which must exist, and its variants <id>.<name>.mrk (other options).
std::vector<std::string> fixture_names() {
    std::vector<std::string> names;
    for (const auto& id : record_rule_ids()) {
        names.push_back(id);
        std::vector<std::string> variants;
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(k_fixtures, ec)) {
            const auto file = entry.path().filename().string();
            if (file.starts_with(id + ".") && file.ends_with(".mrk") && file != id + ".mrk" &&
                file.find('.', id.size() + 1) == file.size() - 4) {
                variants.push_back(file.substr(0, file.size() - 4));
            }
        }
        std::sort(variants.begin(), variants.end());
        names.insert(names.end(), variants.begin(), variants.end());
    }
    return names;
}

class RuleFixtureTest : public testing::TestWithParam<std::string> {};

TEST_P(RuleFixtureTest, BehavesAsItsFixtureSays) {
    const std::string name = GetParam();
    const std::string id = name.substr(0, name.find('.'));
    const auto dir = test_temp_dir("fixtures-" + name);
    fs::create_directories(dir);
    const auto path = k_fixtures / (name + ".mrk");
    ASSERT_TRUE(fs::exists(path)) << "rule " << id << " has no fixture " << path;
    const auto fx = read_fixture(path);
    bool positive = false;
    bool negative = false;
    for (const auto& e : fx.expected) {
        (e.empty() ? negative : positive) = true;
    }
    EXPECT_TRUE(positive && negative) << path << " needs a positive and a negative case";

    const auto mrk = dir / (id + ".mrk");
    std::ofstream{mrk, std::ios::binary} << fx.mnemonic;
    const auto profile_path = dir / (id + ".toml");
    {
        std::ofstream profile_file{profile_path};
        profile_file << fmt::format("rules = [\"-*\", \"structure-mnemonic-line-invalid\", \"{}\"]\n", id);
        if (!fx.options.empty()) {
            profile_file << fmt::format("[rule.\"{}\".options]\n", id);
            for (const auto& option : fx.options) {
                profile_file << option << '\n';
            }
        }
    }
    const auto profile = rules::Profile::load(profile_path.string(), rules::builtin_registry());
    const auto [iso, xml] = other_serializations(mrk);
    for (const auto& input : {mrk, iso, xml}) {
        SCOPED_TRACE(input.extension().string());
        if (input == iso && id == "marc21-record-too-long") {
            continue;  // its positive case is a record ISO 2709 cannot hold
        }
        std::vector<std::vector<std::string>> messages;
        const auto got = findings_per_record(input, profile, fx.expected.size(), messages);
        for (std::size_t i = 0; i < fx.expected.size(); ++i) {
            // "245" expects a finding about 245; "245:ind2" also says where in the field.
            auto seen = got[i];
            for (std::size_t k = 0; k < seen.size() && k < fx.expected[i].size(); ++k) {
                if (fx.expected[i][k].find(':') == std::string::npos) {
                    seen[k] = seen[k].substr(0, seen[k].find(':'));
                }
            }
            EXPECT_EQ(seen, fx.expected[i]) << "record " << i + 1 << " of " << path.filename();
            // "# message: TEXT": a finding of the record says TEXT.
            for (const auto& text : fx.messages[i]) {
                EXPECT_TRUE(std::any_of(messages[i].begin(), messages[i].end(),
                                        [&](const std::string& m) { return m.find(text) != std::string::npos; }))
                    << "record " << i + 1 << " of " << path.filename() << ": no finding says \"" << text << "\"";
            }
        }
    }
    fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixtureTest, testing::ValuesIn(fixture_names()),
                         [](const testing::TestParamInfo<std::string>& param) {
                             std::string name = param.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             std::replace(name.begin(), name.end(), '.', '_');
                             return name;
                         });

TEST(FixtureTest, EveryRecordRuleHasItsOwnTest) {
    // The suite above is built from the registry: a new rule gets its test, and its test
    // fails until the rule has a fixture.
    EXPECT_GE(record_rule_ids().size(), 60U);
}

} // namespace
} // namespace marcaudit::test
