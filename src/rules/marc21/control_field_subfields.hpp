#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::marc21 {

/// Flags subfield delimiters inside control fields (001-009), which have no subfields.
/// Doc page: docs/rules/marc21-control-field-subfields.md
class ControlFieldSubfields final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"marc21-control-field-subfields", "marc21", Severity::error,
                                     "A subfield delimiter inside a control field (001-009)"};
    ControlFieldSubfields() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = all_kinds, .whole_record = false, .tags = {"00X"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
