#pragma once

#include "marcaudit/rules/rule.hpp"
#include "rules/marc21/marc21_module.hpp"

namespace marcaudit::rules::marc21 {

/// Flags 880 fields and their partners whose $6 linkage is missing, malformed, points nowhere,
/// or points at more than one field. Doc page: docs/rules/marc21-linkage-880.md
class Linkage880 final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"marc21-linkage-880", "marc21", Severity::error,
                                     "An 880 (other-script field) whose $6 linkage is broken or ambiguous"};
    Linkage880() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override {
        return {.kinds = table_kinds, .whole_record = true, .tags = {}};
    }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
