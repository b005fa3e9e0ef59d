#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An online resource without 336/337/338, or with a 337/338 that is not computer / online resource. Doc page: docs/rules/vendor-eresource-carrier.md
class EResourceCarrier final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-eresource-carrier", "vendor", Severity::error,
                                     "An online resource without 336/337/338, or with a 337/338 that is not computer / online resource"};
    EResourceCarrier() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
