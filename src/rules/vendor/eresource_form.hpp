#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An online resource whose 008 form of item (008/23, 008/29) is not o (online). Doc page: docs/rules/vendor-eresource-form.md
class EResourceForm final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-eresource-form", "vendor", Severity::error,
                                     "An online resource whose 008 form of item (008/23, 008/29) is not o (online)"};
    EResourceForm() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
