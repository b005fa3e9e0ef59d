#pragma once

/// @file
/// The rule interface: per-record rules, shared by all threads, and their registry.

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "marcaudit/findings/finding.hpp"
#include "marcaudit/record/record_view.hpp"
#include "marcaudit/rules/catalog.hpp"

namespace marcaudit::rules {

class RuleOptions;

/// A check run on every record. Immutable once built and shared by all worker threads:
/// `check` must not modify the rule. Findings go to the sink with the rule's id.
class RecordRule {
public:
    explicit RecordRule(const RuleInfo& info) noexcept : m_info(info) {}
    virtual ~RecordRule() = default;
    RecordRule(const RecordRule&) = delete;
    RecordRule& operator=(const RecordRule&) = delete;

    /// Adds a finding to `sink` for each problem in `record`.
    virtual void check(const record::RecordView& record, FindingSink& sink) const = 0;

    [[nodiscard]] const RuleInfo& info() const noexcept { return m_info; }

protected:
    /// Adds a finding of this rule about `field` (its tag and occurrence filled in).
    /// `field` may be null for a finding about the whole record.
    Finding& report(const record::RecordView& record, const record::FieldView* field, FindingSink& sink,
                    std::string message) const;

private:
    RuleInfo m_info;
};

/// How to build a rule from its options. @throws ProfileError on a bad option value.
using RuleFactory = std::function<std::unique_ptr<RecordRule>(const RuleOptions& options)>;

/// One entry of the registry: what the rule is, and how to build it. Reader checks
/// (structure-*, encoding-*) have no factory: the readers report them.
struct RuleEntry {
    RuleInfo info;
    RuleFactory make;  ///< empty for reader checks
};

/// Every rule marcaudit knows, by id. Filled once by register_builtin_rules().
class Registry {
public:
    /// Adds a rule. @throws std::logic_error when the id is taken or not `<module>-<name>`.
    void add(RuleInfo info, RuleFactory make = {});
    /// All rules, sorted by id.
    [[nodiscard]] std::span<const RuleEntry> entries() const noexcept { return m_entries; }
    /// The rule with `id`, or nullptr.
    [[nodiscard]] const RuleEntry* find(std::string_view id) const noexcept;

private:
    std::vector<RuleEntry> m_entries;
};

/// Registers every built-in module's rules, module by module. Explicit, not static
/// self-registration (which silently drops out of static libraries).
void register_builtin_rules(Registry& registry);

/// The registry of built-in rules, built on first use.
[[nodiscard]] const Registry& builtin_registry();

} // namespace marcaudit::rules
