#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// Several links to the resource (856 X0) with no $3, $y or $z to tell them apart. Doc page: docs/rules/vendor-url-unlabeled.md
class UrlUnlabeled final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-url-unlabeled", "vendor", Severity::warning,
                                     "Several links to the resource (856 X0) with no $3, $y or $z to tell them apart"};
    UrlUnlabeled() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
