#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A provider-specific 533 reproduction note or a 538 "Mode of access: World Wide Web" in an online resource's record. Doc page: docs/rules/vendor-reproduction-note.md
class ReproductionNote final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-reproduction-note", "vendor", Severity::warning,
                                     "A provider-specific 533 reproduction note or a 538 \"Mode of access: World Wide Web\" in an online resource's record"};
    ReproductionNote() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"533", "538"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
