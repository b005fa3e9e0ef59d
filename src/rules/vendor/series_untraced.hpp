#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A 490 first indicator 1 (series traced) without an 8XX, or 0 with one. Doc page: docs/rules/vendor-series-untraced.md
class SeriesUntraced final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-series-untraced", "vendor", Severity::warning,
                                     "A 490 first indicator 1 (series traced) without an 8XX, or 0 with one"};
    SeriesUntraced() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
