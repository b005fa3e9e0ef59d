#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A record without an LC, NLM or Dewey class number (050, 055, 060, 082, 083, 090, 092). Doc page: docs/rules/vendor-classification-missing.md
class ClassificationMissing final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-classification-missing", "vendor", Severity::warning,
                                     "A record without an LC, NLM or Dewey class number (050, 055, 060, 082, 083, 090, 092)"};
    ClassificationMissing() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
