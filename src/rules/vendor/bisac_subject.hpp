#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A vendor's BISAC subject heading (6XX $2 bisacsh). Doc page: docs/rules/vendor-bisac-subject.md
class BisacSubject final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-bisac-subject", "vendor", Severity::info,
                                     "A vendor's BISAC subject heading (6XX $2 bisacsh)"};
    BisacSubject() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"6XX"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
