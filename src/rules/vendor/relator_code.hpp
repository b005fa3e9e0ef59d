#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A relator code ($4) not on the MARC Code List for Relators. Doc page: docs/rules/vendor-relator-code.md
class RelatorCode final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-relator-code", "vendor", Severity::warning,
                                     "A relator code ($4) not on the MARC Code List for Relators"};
    RelatorCode() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"100", "110", "111", "600", "610", "611", "700", "710", "711", "720", "800", "810", "811"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
