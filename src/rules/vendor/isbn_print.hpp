#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A print ISBN in 020 $a of an online resource's record (it belongs in 020 $z or 776). Doc page: docs/rules/vendor-isbn-print.md
class IsbnPrint final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-isbn-print", "vendor", Severity::warning,
                                     "A print ISBN in 020 $a of an online resource's record (it belongs in 020 $z or 776)"};
    IsbnPrint() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"020"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
