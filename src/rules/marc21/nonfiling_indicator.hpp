#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::marc21 {

/// Flags a nonfiling-characters indicator (245 ind2, 240 and 830 ind2, 130/630/730 ind1) that
/// does not match the title's leading article in English, French, German or Spanish.
/// Doc page: docs/rules/marc21-nonfiling-indicator.md
class NonfilingIndicator final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"marc21-nonfiling-indicator", "marc21", Severity::warning,
                                     "A nonfiling indicator that does not skip the title's leading article"};
    NonfilingIndicator() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override {
        return {kinds({record::RecordKind::bibliographic}), false, {"130", "240", "245", "630", "730", "830"}};
    }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
