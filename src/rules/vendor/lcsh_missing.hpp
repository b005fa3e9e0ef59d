#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A record without any Library of Congress subject heading (6XX second indicator 0). Doc page: docs/rules/vendor-lcsh-missing.md
class LcshMissing final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-lcsh-missing", "vendor", Severity::warning,
                                     "A record without any Library of Congress subject heading (6XX second indicator 0)"};
    LcshMissing() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
