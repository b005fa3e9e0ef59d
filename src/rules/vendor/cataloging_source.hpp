#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A 040 missing, or without $b (language of cataloging) or $e (description rules) where the record uses RDA. Doc page: docs/rules/vendor-cataloging-source.md
class CatalogingSource final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-cataloging-source", "vendor", Severity::info,
                                     "A 040 missing, or without $b (language of cataloging) or $e (description rules) where the record uses RDA"};
    CatalogingSource() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
