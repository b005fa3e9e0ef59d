#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// HTML tags or character entities (<i>, &amp;) left in the text of a field. Doc page: docs/rules/vendor-html-markup.md
class HtmlMarkup final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-html-markup", "vendor", Severity::warning,
                                     "HTML tags or character entities (<i>, &amp;) left in the text of a field"};
    HtmlMarkup() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"*"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
