#pragma once

#include "rules/marc21/table_rule.hpp"

namespace marcaudit::rules::marc21 {

/// A fixed-length control field (005, 006, 007, 008) of the wrong length.
/// Doc page: docs/rules/marc21-control-field-length.md
class ControlFieldLength final : public TableRule {
public:
    static constexpr RuleInfo k_info{"marc21-control-field-length", "marc21", Severity::error,
                                     "A fixed-length control field (005, 006, 007, 008) of the wrong length"};
    explicit ControlFieldLength(const RuleOptions& options) : TableRule(k_info, options) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = table_kinds, .whole_record = false, .tags = {"005", "006", "007", "008"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
