#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A 245 $h general material designation ([electronic resource]) in an RDA record. Doc page: docs/rules/vendor-gmd-in-rda.md
class GmdInRda final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-gmd-in-rda", "vendor", Severity::warning,
                                     "A 245 $h general material designation ([electronic resource]) in an RDA record"};
    GmdInRda() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
