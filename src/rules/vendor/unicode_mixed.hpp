#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A record mixing precomposed (NFC) and decomposed (NFD) Unicode characters. Doc page: docs/rules/vendor-unicode-mixed.md
class UnicodeMixed final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-unicode-mixed", "vendor", Severity::warning,
                                     "A record mixing precomposed (NFC) and decomposed (NFD) Unicode characters"};
    UnicodeMixed() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
