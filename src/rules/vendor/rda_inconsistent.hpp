#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An RDA record (040 $e rda) coded as AACR2 in Leader/18, or without 336/337/338. Doc page: docs/rules/vendor-rda-inconsistent.md
class RdaInconsistent final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-rda-inconsistent", "vendor", Severity::warning,
                                     "An RDA record (040 $e rda) coded as AACR2 in Leader/18, or without 336/337/338"};
    RdaInconsistent() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
