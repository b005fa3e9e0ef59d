#pragma once

#include "rules/marc21/table_rule.hpp"

namespace marcaudit::rules::marc21 {

/// An indicator value MARC 21 does not define for the field.
/// Doc page: docs/rules/marc21-indicator-invalid.md
class IndicatorInvalid final : public TableRule {
public:
    static constexpr RuleInfo k_info{"marc21-indicator-invalid", "marc21", Severity::error,
                                     "An indicator value MARC 21 does not define for the field"};
    explicit IndicatorInvalid(const RuleOptions& options) : TableRule(k_info, options) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = table_kinds, .whole_record = false, .tags = table_tags()}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
