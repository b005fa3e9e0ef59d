#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An online resource without a 007 for a remote electronic resource (007/00-01 cr). Doc page: docs/rules/vendor-eresource-007.md
class EResource007 final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-eresource-007", "vendor", Severity::error,
                                     "An online resource without a 007 for a remote electronic resource (007/00-01 cr)"};
    EResource007() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
