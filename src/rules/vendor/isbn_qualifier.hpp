#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An 020 $a with its qualifier (pbk., ebook) or other text glued to the ISBN instead of in $q. Doc page: docs/rules/vendor-isbn-qualifier.md
class IsbnQualifier final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-isbn-qualifier", "vendor", Severity::warning,
                                     "An 020 $a with its qualifier (pbk., ebook) or other text glued to the ISBN instead of in $q"};
    IsbnQualifier() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"020"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
