#pragma once

#include "rules/marc21/table_rule.hpp"

namespace marcaudit::rules::marc21 {

/// A non-repeatable field (245, 008...) appears more than once.
/// Doc page: docs/rules/marc21-tag-not-repeatable.md
class TagNotRepeatable final : public TableRule {
public:
    static constexpr RuleInfo k_info{"marc21-tag-not-repeatable", "marc21", Severity::error,
                                     "A non-repeatable field (245, 008...) appears more than once"};
    explicit TagNotRepeatable(const RuleOptions& options) : TableRule(k_info, options) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = table_kinds, .whole_record = false, .tags = table_tags()}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
