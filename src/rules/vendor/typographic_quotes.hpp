#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// Typographic ("smart") quotes and apostrophes where catalogs expect plain ones. Doc page: docs/rules/vendor-typographic-quotes.md
class TypographicQuotes final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-typographic-quotes", "vendor", Severity::info,
                                     "Typographic (\"smart\") quotes and apostrophes where catalogs expect plain ones"};
    TypographicQuotes() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"*"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
