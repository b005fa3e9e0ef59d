#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::identifier {

/// Flags ISBNs whose check digit is wrong or that are no ISBN at all (020 $a; $z of the
/// linking entries 760-787). Doc page: docs/rules/identifier-isbn-invalid.md
class IsbnInvalid final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"identifier-isbn-invalid", "identifier", Severity::error,
                                     "An ISBN (020 $a, 76X-78X $z) with a wrong check digit or not 10 or 13 digits"};
    IsbnInvalid() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override {
        return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"020", "76X", "77X", "78X"}};
    }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::identifier
