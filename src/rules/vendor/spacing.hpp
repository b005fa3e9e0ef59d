#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// Double spaces, or blanks at the start or end of a subfield, in the description and access points (1XX-8XX). Doc page: docs/rules/vendor-spacing.md
class Spacing final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-spacing", "vendor", Severity::warning,
                                     "Double spaces, or blanks at the start or end of a subfield"};
    Spacing() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"1XX", "2XX", "3XX", "4XX", "5XX", "6XX", "7XX", "8XX"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
