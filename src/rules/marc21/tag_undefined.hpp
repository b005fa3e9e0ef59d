#pragma once

#include "rules/marc21/table_rule.hpp"

namespace marcaudit::rules::marc21 {

/// A field tag MARC 21 does not define (local 9XX and X9X tags aside).
/// Doc page: docs/rules/marc21-tag-undefined.md
class TagUndefined final : public TableRule {
public:
    static constexpr RuleInfo k_info{"marc21-tag-undefined", "marc21", Severity::error,
                                     "A field tag MARC 21 does not define (local 9XX and X9X tags aside)"};
    explicit TagUndefined(const RuleOptions& options) : TableRule(k_info, options) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = table_kinds, .whole_record = false, .tags = {"*"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
