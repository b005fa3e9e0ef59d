#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::marc21 {

/// Flags control characters (tabs, line breaks, ESC, NUL...) inside field data.
/// Doc page: docs/rules/marc21-control-character.md
class ControlCharacter final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"marc21-control-character", "marc21", Severity::error,
                                     "Control characters (tab, line break, ESC...) inside field data"};
    ControlCharacter() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = all_kinds, .whole_record = false, .tags = {"*"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
