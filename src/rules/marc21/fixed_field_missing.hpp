#pragma once

#include "rules/marc21/marc21_module.hpp"
#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::marc21 {

/// A record without an 008 (fixed-length data elements), which MARC 21 requires in every
/// bibliographic, authority and holdings record. Doc page: docs/rules/marc21-fixed-field-missing.md
class FixedFieldMissing final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"marc21-fixed-field-missing", "marc21", Severity::error,
                                     "A record without an 008 (fixed-length data: dates, language, place, form)"};
    FixedFieldMissing() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = table_kinds, .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

/// A record longer than ISO 2709 can hold (99,999 bytes), or with a field over 9,999 bytes:
/// read from MARCXML or mnemonic text, it cannot be written as a .mrc file.
/// Doc page: docs/rules/marc21-record-too-long.md
class RecordTooLong final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"marc21-record-too-long", "marc21", Severity::error,
                                     "A record over 99,999 bytes, or a field over 9,999, as ISO 2709 (.mrc) would write it: it cannot be exported as MARC"};
    RecordTooLong() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = all_kinds, .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
