#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An online resource's record without a source-of-description note (588, or 500 "Description based on"). Doc page: docs/rules/vendor-source-note.md
class SourceNote final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-source-note", "vendor", Severity::warning,
                                     "An online resource's record without a source-of-description note (588, or 500 \"Description based on\")"};
    SourceNote() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
