// Collection rules: each thread gathers, the states merge, finalize reports after the last
// record; the findings are the same for any thread count and land on the right records.

#include <map>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "marcaudit/engine/audit.hpp"
#include "marcaudit/rules/rule.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

/// A test-only collection rule: reports every record whose 001 an earlier record (in input
/// order) already has.
class DuplicateControlNumber final : public rules::CollectionRule {
public:
    static constexpr rules::RuleInfo k_info{"testing-duplicate-001", "testing", Severity::warning,
                                            "Test rule: a 001 already used by an earlier record"};
    /// `observed` receives the number of records the merged state saw (the rule itself is
    /// gone when run_audit returns).
    explicit DuplicateControlNumber(std::uint64_t& observed) : CollectionRule(k_info), m_observed(observed) {}

    struct Seen final : State {
        std::map<std::string, std::vector<rules::RecordRef>> by_001;
        std::uint64_t observed = 0;
    };
    [[nodiscard]] std::unique_ptr<State> make_state() const override { return std::make_unique<Seen>(); }
    void observe(const record::RecordView& record, State& state) const override {
        auto& s = static_cast<Seen&>(state);
        ++s.observed;
        if (!record.control_number().empty()) {
            s.by_001[std::string{record.control_number()}].push_back(rules::RecordRef::of(record));
        }
    }
    void merge(State& into, State& from) const override {
        auto& a = static_cast<Seen&>(into);
        auto& b = static_cast<Seen&>(from);
        a.observed += b.observed;
        for (auto& [key, refs] : b.by_001) {
            auto& list = a.by_001[key];
            list.insert(list.end(), refs.begin(), refs.end());
        }
    }
    void finalize(State& state, const rules::RunContext& /*context*/, FindingSink& sink) const override {
        auto& s = static_cast<Seen&>(state);
        m_observed = s.observed;
        for (auto& [key, refs] : s.by_001) {
            std::sort(refs.begin(), refs.end());  // threads saw them in any order
            for (std::size_t i = 1; i < refs.size(); ++i) {
                report(refs[i], sink, fmt::format("001 {} is also record {}'s", key, refs[0].record_number));
            }
        }
    }
    std::uint64_t& m_observed;
};

TEST(CollectionRuleTest, GathersMergesAndReportsOnTheRightRecords) {
    rules::Registry registry;
    rules::register_builtin_rules(registry);
    std::uint64_t observed = 0;
    registry.add_collection(DuplicateControlNumber::k_info, [&observed](const rules::RuleOptions&) {
        return std::make_unique<DuplicateControlNumber>(observed);
    });
    const auto profile = rules::Profile::defaults(registry);
    // The same real file in two copies (a file named twice is audited once): every record of
    // the second copy repeats a 001 of the first.
    const auto file = (test_data() / "bib" / "traject-test-data-30.utf8.mrc").string();
    const auto copy = (test_temp_dir("collection-rules") / "traject-copy.mrc").string();
    std::filesystem::create_directories(std::filesystem::path{copy}.parent_path());
    std::filesystem::copy_file(file, copy, std::filesystem::copy_options::overwrite_existing);
    std::string reference;
    for (const unsigned threads : {1U, 2U, 8U}) {
        SCOPED_TRACE(fmt::format("threads {}", threads));
        engine::AuditOptions options;
        options.inputs = {file, copy};
        options.threads = threads;
        options.batch.max_records = 3;  // many batches, so several threads gather
        options.profile = &profile;
        options.registry = &registry;
        const auto r = engine::run_audit(options);
        EXPECT_EQ(observed, r.records.audited);
        std::set<std::uint64_t> flagged;
        for (const auto& f : r.findings) {
            if (f.rule_id == "testing-duplicate-001") {
                EXPECT_EQ(f.source_index, 1U) << f.message;
                flagged.insert(f.record_number);
                EXPECT_FALSE(f.control_number.empty());
            }
        }
        EXPECT_EQ(flagged.size(), 30U);  // all 30 records of the second copy
        EXPECT_EQ(r.counts_by_rule.at("testing-duplicate-001"), 30U);
        EXPECT_EQ(r.records_by_rule.at("testing-duplicate-001"), 30U);
        // Per-record tallies include the collection rule's findings, in input order.
        std::size_t second_copy = 0;
        for (const auto& t : r.record_tallies) {
            second_copy += t.source_index == 1 ? 1U : 0U;
        }
        EXPECT_EQ(second_copy, 30U);
        EXPECT_TRUE(std::is_sorted(r.record_tallies.begin(), r.record_tallies.end(), [](const auto& a, const auto& b) {
            return std::tie(a.source_index, a.record_number) < std::tie(b.source_index, b.record_number);
        }));
        const auto json = json_report(r);
        if (reference.empty()) {
            reference = json;
        } else {
            EXPECT_EQ(json, reference);
        }
    }
}

} // namespace
} // namespace marcaudit::test
