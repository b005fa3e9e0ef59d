#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::marc21 {

/// Flags bibliographic records without a 245 (Title Statement).
/// Doc page: docs/rules/marc21-title-missing.md
class TitleMissing final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"marc21-title-missing", "marc21", Severity::error,
                                     "A bibliographic record without a 245 title statement"};
    TitleMissing() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
