#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An online resource without a 006 for a computer file (006/00 m, 006/06 o). Doc page: docs/rules/vendor-eresource-006.md
class EResource006 final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-eresource-006", "vendor", Severity::error,
                                     "An online resource without a 006 for a computer file (006/00 m, 006/06 o)"};
    EResource006() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
