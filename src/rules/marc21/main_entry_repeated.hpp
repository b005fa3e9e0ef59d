#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::marc21 {

/// Flags records with more than one main entry (1XX).
/// Doc page: docs/rules/marc21-main-entry-repeated.md
class MainEntryRepeated final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"marc21-main-entry-repeated", "marc21", Severity::error,
                                     "More than one 1XX main entry in a record"};
    MainEntryRepeated() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
