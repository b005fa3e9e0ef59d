#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An online resource whose 300 does not say "1 online resource". Doc page: docs/rules/vendor-eresource-extent.md
class EResourceExtent final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-eresource-extent", "vendor", Severity::warning,
                                     "An online resource whose 300 does not say \"1 online resource\""};
    EResourceExtent() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
