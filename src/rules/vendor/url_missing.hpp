#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An online resource with no 856 $u: the patron has no link to it. Doc page: docs/rules/vendor-url-missing.md
class UrlMissing final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-url-missing", "vendor", Severity::error,
                                     "An online resource with no 856 $u: the patron has no link to it"};
    UrlMissing() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
