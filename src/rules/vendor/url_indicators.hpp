#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An 856 with a URL whose indicators are not 4 (HTTP) and 0/1/2 (resource, version, related). Doc page: docs/rules/vendor-url-indicators.md
class UrlIndicators final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-url-indicators", "vendor", Severity::warning,
                                     "An 856 with a URL whose indicators are not 4 (HTTP) and 0/1/2 (resource, version, related)"};
    UrlIndicators() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"856"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
