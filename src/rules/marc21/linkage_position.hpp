#pragma once

#include "rules/marc21/table_rule.hpp"

namespace marcaudit::rules::marc21 {

/// A $6 (linkage) that is not the first subfield of its field (MARC 21 Appendix A).
/// Doc page: docs/rules/marc21-linkage-position.md
class LinkagePosition final : public TableRule {
public:
    static constexpr RuleInfo k_info{"marc21-linkage-position", "marc21", Severity::warning,
                                     "A $6 (linkage to an 880 or from one) that is not the first subfield of its field"};
    explicit LinkagePosition(const RuleOptions& options) : TableRule(k_info, options) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = table_kinds, .whole_record = false, .tags = table_tags()}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
