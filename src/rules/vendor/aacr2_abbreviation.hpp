#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// AACR2 abbreviations (p., ill., [S.l.], [s.n.]) in an RDA record's 300, 260 or 264. Doc page: docs/rules/vendor-aacr2-abbreviation.md
class Aacr2Abbreviation final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-aacr2-abbreviation", "vendor", Severity::warning,
                                     "AACR2 abbreviations (p., ill., [S.l.], [s.n.]) in an RDA record's 300, 260 or 264"};
    Aacr2Abbreviation() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"260", "264", "300"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
