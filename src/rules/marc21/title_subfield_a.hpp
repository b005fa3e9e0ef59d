#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::marc21 {

/// Flags a 245 without $a (title proper), or whose first subfield (after $6) is not $a.
/// Doc page: docs/rules/marc21-title-subfield-a.md
class TitleSubfieldA final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"marc21-title-subfield-a", "marc21", Severity::error,
                                     "A 245 without $a, or not starting with $a (the title proper)"};
    TitleSubfieldA() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override {
        return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"245", "880"}};
    }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
