#pragma once

/// @file
/// The rule interface: per-record rules, shared by all threads, and their registry.

#include <compare>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "marcaudit/findings/finding.hpp"
#include "marcaudit/record/record_view.hpp"
#include "marcaudit/rules/catalog.hpp"

namespace marcaudit::headings {
class HeadingAnalysis;
} // namespace marcaudit::headings

namespace marcaudit::identifiers {
class DuplicateAnalysis;
} // namespace marcaudit::identifiers

namespace marcaudit::rules {

class RuleOptions;

/// What the engine worked out over the whole run, for collection rules to report from.
struct RunContext {
    /// The heading analysis (batch headings against the authority data and the catalog);
    /// null unless a rule's uses_headings() asked for it.
    const headings::HeadingAnalysis* headings = nullptr;
    /// The duplicate groups (batch records among themselves and against the catalog); null
    /// unless a rule's duplicate_kinds() asked for them.
    const identifiers::DuplicateAnalysis* duplicates = nullptr;
    /// The run's input files by source index, as reports name them (batch, then authority
    /// and catalog files), for findings that point at another file's record.
    std::vector<std::string> source_names;
};

/// Which records a rule applies to: a bit per record::RecordKind.
using RecordKinds = std::uint8_t;
[[nodiscard]] constexpr RecordKinds kinds(std::initializer_list<record::RecordKind> list) noexcept {
    RecordKinds k = 0;
    for (auto kind : list) {
        k = static_cast<RecordKinds>(k | (1U << static_cast<unsigned>(kind)));
    }
    return k;
}
inline constexpr RecordKinds all_kinds = 0x1F;

/// Is tag number `n` a local field, which MARC 21 leaves to each library to define: 9XX, or
/// X9X (090, 590, 690, 799, 890...) except the one X9X field a format defines (490 in
/// bibliographic records)? Rules that ask for tags by pattern ("5XX", "*") never see local
/// fields: only a rule that names the tag ("590") judges it.
[[nodiscard]] constexpr bool is_local_tag(int n, record::RecordKind kind) noexcept {
    if (n < 0 || n > 999) {
        return false;
    }
    if (n >= 900) {
        return true;
    }
    return n / 10 % 10 == 9 && !(n == 490 && kind == record::RecordKind::bibliographic);
}

/// What a rule looks at, so that the engine walks each record once and calls each rule only
/// for the records and fields it cares about.
struct RuleScope {
    RecordKinds kinds = all_kinds;  ///< records of other formats are skipped
    bool whole_record = true;       ///< call check() once per record
    /// Call check_field() for every field whose tag matches one of these patterns: a tag
    /// ("245"), a tag with `X` for any digit ("1XX", "X30"), or "*" for every field (also
    /// damaged, non-numeric tags, which only "*" matches). Patterns with `X` and "*" leave
    /// local fields out (is_local_tag()); a tag named in full is always checked.
    std::vector<std::string> tags;
};

/// One field of the record being checked, with its place in the record and its subfields,
/// split once by the engine for all the rules that look at the field.
struct FieldRef {
    const record::FieldView& field;
    std::uint32_t index;       ///< 0-based position in the record
    std::uint32_t occurrence;  ///< 1-based among the record's fields with this tag
    std::span<const record::SubfieldView> subfields;  ///< as field.subfields(); empty for control fields
    record::RecordKind kind;   ///< the record's format (Leader/06)
    int tag;                   ///< the tag as a number 0-999, or -1 when it is not three digits
    /// What the marc21 rules found about this field in the format tables, kept by the first
    /// of them so the others do not look it up again (null until then; new for every field).
    mutable const void* format_memo = nullptr;
};

/// A check run on every record. Immutable once built and shared by all worker threads:
/// `check` and `check_field` must not modify the rule. Findings go to the sink with the rule's id.
class RecordRule {
public:
    explicit RecordRule(const RuleInfo& info) noexcept : m_info(info) {}
    virtual ~RecordRule() = default;
    RecordRule(const RecordRule&) = delete;
    RecordRule& operator=(const RecordRule&) = delete;

    /// The records and fields this rule needs. Asked once, when the run is set up.
    [[nodiscard]] virtual RuleScope scope() const { return {}; }

    /// Adds a finding to `sink` for each problem in `record` (when scope().whole_record).
    virtual void check(const record::RecordView& /*record*/, FindingSink& /*sink*/) const {}

    /// Adds a finding to `sink` for each problem in one field (for fields scope().tags selects).
    virtual void check_field(const record::RecordView& /*record*/, const FieldRef& /*field*/,
                             FindingSink& /*sink*/) const {}

    /// Whether the rule scores records on the Thompson–Traill rubric: the engine then also
    /// gathers the batch's distribution of scores for the reports (AuditResult::completeness).
    [[nodiscard]] virtual bool uses_completeness() const { return false; }
    /// With uses_completeness(): whether `record` is one the rule scores, and so one the
    /// batch's distribution counts.
    [[nodiscard]] virtual bool completeness_applies(const record::RecordView& /*record*/) const { return false; }

    [[nodiscard]] const RuleInfo& info() const noexcept { return m_info; }

protected:
    /// Adds a finding of this rule about `field` (its tag and occurrence filled in).
    /// `field` may be null for a finding about the whole record. Finds the occurrence by
    /// walking the record: from check_field, use the FieldRef overload.
    Finding& report(const record::RecordView& record, const record::FieldView* field, FindingSink& sink,
                    std::string message) const;
    /// Adds a finding of this rule about `field`.
    Finding& report(const FieldRef& field, FindingSink& sink, std::string message) const;

private:
    RuleInfo m_info;
};

/// Where a record is, kept by a collection rule for findings reported after the last record.
struct RecordRef {
    std::uint32_t source_index = 0;
    std::uint64_t record_number = 0;
    std::uint64_t byte_offset = 0;
    std::string control_number;

    [[nodiscard]] static RecordRef of(const record::RecordView& record);
    auto operator<=>(const RecordRef& other) const noexcept {
        return std::tie(source_index, record_number) <=> std::tie(other.source_index, other.record_number);
    }
    bool operator==(const RecordRef& other) const noexcept {
        return source_index == other.source_index && record_number == other.record_number;
    }
};

/// A check across records (duplicates, split headings): each worker thread gathers what it
/// needs into its own State, the states are merged, and finalize() reports after the last
/// record. The rule itself is const and shared, like a RecordRule.
class CollectionRule {
public:
    /// What one thread gathered. Each rule defines its own.
    class State {
    public:
        virtual ~State() = default;
    };

    explicit CollectionRule(const RuleInfo& info) noexcept : m_info(info) {}
    virtual ~CollectionRule() = default;
    CollectionRule(const CollectionRule&) = delete;
    CollectionRule& operator=(const CollectionRule&) = delete;

    /// The record kinds this rule observes (tags are not used: observe() sees the whole record).
    [[nodiscard]] virtual RecordKinds kinds() const { return all_kinds; }
    /// A new, empty state for one worker thread.
    [[nodiscard]] virtual std::unique_ptr<State> make_state() const = 0;
    /// Gathers what the rule needs from `record` into the calling thread's `state`.
    virtual void observe(const record::RecordView& record, State& state) const = 0;
    /// Moves what `from` gathered into `into`. Threads see records in no fixed order and states
    /// merge in no fixed order: finalize() must give the same findings whatever the order.
    virtual void merge(State& into, State& from) const = 0;
    /// After the last record, reports findings from everything gathered and the run's context.
    virtual void finalize(State& state, const RunContext& context, FindingSink& sink) const = 0;
    /// Whether the rule reports from the heading analysis: the engine then gathers the
    /// headings once, for all such rules, and builds RunContext::headings.
    [[nodiscard]] virtual bool uses_headings() const { return false; }
    /// The kinds of duplicates the rule reports from the duplicate analysis
    /// (RunContext::duplicates), a bit per identifiers::DuplicateKind; 0 for none. The engine
    /// gathers the keys of the kinds the enabled rules ask for, once for all of them.
    [[nodiscard]] virtual unsigned duplicate_kinds() const { return 0; }

    [[nodiscard]] const RuleInfo& info() const noexcept { return m_info; }

protected:
    /// Adds a finding of this rule about the record `where`.
    Finding& report(const RecordRef& where, FindingSink& sink, std::string message) const;

private:
    RuleInfo m_info;
};

/// A collection rule that gathers nothing itself: it reports from an analysis the engine
/// runs once for all such rules (RunContext::headings, RunContext::duplicates).
class AnalysisRule : public CollectionRule {
public:
    explicit AnalysisRule(const RuleInfo& info) noexcept : CollectionRule(info) {}
    [[nodiscard]] RecordKinds kinds() const override { return 0; }
    [[nodiscard]] std::unique_ptr<State> make_state() const override { return std::make_unique<State>(); }
    void observe(const record::RecordView& /*record*/, State& /*state*/) const override {}
    void merge(State& /*into*/, State& /*from*/) const override {}
};

/// How to build a rule from its options. @throws ProfileError on a bad option value.
using RuleFactory = std::function<std::unique_ptr<RecordRule>(const RuleOptions& options)>;
/// How to build a collection rule from its options. @throws ProfileError on a bad option value.
using CollectionFactory = std::function<std::unique_ptr<CollectionRule>(const RuleOptions& options)>;

/// One entry of the registry: what the rule is, and how to build it. Reader checks
/// (structure-*, encoding-*) have no factory: the readers report them.
struct RuleEntry {
    RuleInfo info;
    RuleFactory make;                ///< a record rule; empty for reader checks and collection rules
    CollectionFactory make_collection;  ///< a collection rule; else empty
};

/// Every rule marcaudit knows, by id. Filled once by register_builtin_rules().
class Registry {
public:
    /// Adds a rule. @throws std::logic_error when the id is taken or not `<module>-<name>`.
    void add(RuleInfo info, RuleFactory make = {});
    /// Adds a collection rule. @throws std::logic_error as add() does.
    void add_collection(RuleInfo info, CollectionFactory make);
    /// All rules, sorted by id.
    [[nodiscard]] std::span<const RuleEntry> entries() const noexcept { return m_entries; }
    /// The rule with `id`, or nullptr.
    [[nodiscard]] const RuleEntry* find(std::string_view id) const noexcept;

private:
    std::vector<RuleEntry> m_entries;
};

/// Registers the record rule `Rule` (its `k_info`), built from its options when it takes
/// them (a constructor from RuleOptions), else without.
template <typename Rule>
void add_rule(Registry& registry) {
    if constexpr (std::is_constructible_v<Rule, const RuleOptions&>) {
        registry.add(Rule::k_info, [](const RuleOptions& options) { return std::make_unique<Rule>(options); });
    } else {
        registry.add(Rule::k_info, [](const RuleOptions&) { return std::make_unique<Rule>(); });
    }
}

/// Registers every built-in module's rules, module by module. Explicit, not static
/// self-registration (which silently drops out of static libraries).
void register_builtin_rules(Registry& registry);

/// The registry of built-in rules, built on first use.
[[nodiscard]] const Registry& builtin_registry();

/// The one-line summary of rule `id`: a built-in rule's, or a custom check's that a profile
/// loaded in this process declares; empty for an unknown id. Lives as long as the process.
[[nodiscard]] std::string_view rule_summary(std::string_view id);

} // namespace marcaudit::rules
