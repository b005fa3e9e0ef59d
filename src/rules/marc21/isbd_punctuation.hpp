#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::marc21 {

/// A missing ISBD mark between subfields of 245, 250, 260, 264, 300 or 490 in a record whose
/// Leader/18 says ISBD punctuation is included (a, i). Doc page: docs/rules/marc21-isbd-punctuation.md
class IsbdPunctuation final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"marc21-isbd-punctuation", "marc21", Severity::warning,
                                     "A missing ISBD mark before a subfield (' :' before 245 $b, ' /' before $c, ' ;' before 300 $c ...) in a record coded as having ISBD punctuation"};
    IsbdPunctuation() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override {
        return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"245", "250", "260", "264", "300", "490"}};
    }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
