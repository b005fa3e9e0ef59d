#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An 856 with no address ($u, or $a host, or $h) or with an empty $u. Doc page: docs/rules/vendor-url-empty.md
class UrlEmpty final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-url-empty", "vendor", Severity::error,
                                     "An 856 with no address ($u, or $a host, or $h) or with an empty $u"};
    UrlEmpty() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"856"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
