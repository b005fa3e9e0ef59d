#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A relator term ($e, $j) not on the RDA relationship designator list (ed., ill., joint author). Doc page: docs/rules/vendor-relator-term.md
class RelatorTerm final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-relator-term", "vendor", Severity::warning,
                                     "A relator term ($e, $j) not on the RDA relationship designator list (ed., ill., joint author)"};
    RelatorTerm() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"100", "110", "111", "700", "710", "711", "720"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
