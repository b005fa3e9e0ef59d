#pragma once

#include "rules/marc21/table_rule.hpp"

namespace marcaudit::rules::marc21 {

/// A tag, indicator value, subfield or fixed-field code MARC 21 has made obsolete.
/// Doc page: docs/rules/marc21-obsolete.md
class Obsolete final : public TableRule {
public:
    static constexpr RuleInfo k_info{"marc21-obsolete", "marc21", Severity::warning,
                                     "A tag, indicator value, subfield or fixed-field code MARC 21 has made obsolete"};
    explicit Obsolete(const RuleOptions& options) : TableRule(k_info, options) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = table_kinds, .whole_record = true, .tags = table_tags()}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
