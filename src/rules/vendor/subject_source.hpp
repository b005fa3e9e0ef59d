#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A 6XX with second indicator 7 but no $2, or a $2 with another second indicator. Doc page: docs/rules/vendor-subject-source.md
class SubjectSource final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-subject-source", "vendor", Severity::error,
                                     "A 6XX with second indicator 7 but no $2, or a $2 with another second indicator"};
    SubjectSource() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"6XX"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
