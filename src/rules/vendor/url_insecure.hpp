#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An 856 $u with http:// where the provider serves https://. Doc page: docs/rules/vendor-url-insecure.md
class UrlInsecure final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-url-insecure", "vendor", Severity::warning,
                                     "An 856 $u with http:// where the provider serves https://"};
    UrlInsecure() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"856"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
