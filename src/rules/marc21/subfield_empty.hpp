#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::marc21 {

/// Flags subfields with a code but no value ($a followed straight by the next $).
/// Doc page: docs/rules/marc21-subfield-empty.md
class SubfieldEmpty final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"marc21-subfield-empty", "marc21", Severity::warning,
                                     "A subfield with no value"};
    SubfieldEmpty() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = all_kinds, .whole_record = false, .tags = {"*"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
