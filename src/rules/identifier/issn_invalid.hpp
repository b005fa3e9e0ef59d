#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::identifier {

/// Flags ISSNs whose check digit is wrong or that are no ISSN at all (022 $a; $x of 440, 490,
/// 700/710/711/730, 760-787, 800/810/811/830). Doc page: docs/rules/identifier-issn-invalid.md
class IssnInvalid final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"identifier-issn-invalid", "identifier", Severity::error,
                                     "An ISSN (022 $a, $x of 440/490/7XX/8XX) with a wrong check digit or not 8 digits"};
    IssnInvalid() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override {
        return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"022", "440", "490", "7XX", "8XX"}};
    }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::identifier
