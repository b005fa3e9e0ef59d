#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An online resource's record whose print version (020 $z, a print qualifier) is not linked in 776 08. Doc page: docs/rules/vendor-print-link.md
class PrintLink final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-print-link", "vendor", Severity::warning,
                                     "An online resource's record whose print version (020 $z, a print qualifier) is not linked in 776 08"};
    PrintLink() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
