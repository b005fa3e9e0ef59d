#pragma once

#include "rules/marc21/table_rule.hpp"

namespace marcaudit::rules::marc21 {

/// A subfield delimiter typed into the data: "$" or "‡" and a subfield code the field
/// defines, inside a value (040 $aXxXx$beng$cXxXx keyed as one $a).
/// Doc page: docs/rules/marc21-subfield-typed.md
class SubfieldTyped final : public TableRule {
public:
    static constexpr RuleInfo k_info{"marc21-subfield-typed", "marc21", Severity::error,
                                     "A subfield delimiter typed as text ($b or \u2021b inside a value): the data after it is no subfield"};
    explicit SubfieldTyped(const RuleOptions& options) : TableRule(k_info, options) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = table_kinds, .whole_record = false, .tags = table_tags()}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
