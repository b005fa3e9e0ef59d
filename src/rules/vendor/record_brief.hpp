#pragma once

#include "marcaudit/rules/rule.hpp"
#include "marcaudit/scoring/thompson_traill.hpp"

namespace marcaudit::rules::vendor {

/// A book record whose Thompson–Traill completeness score is below the profile's min_score. Doc page: docs/rules/vendor-record-brief.md
class RecordBrief final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-record-brief", "vendor", Severity::warning,
                                     "A book record whose Thompson–Traill completeness score is below the profile's min_score (a brief record)"};
    explicit RecordBrief(const RuleOptions& options);
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    [[nodiscard]] bool uses_completeness() const override { return true; }
    /// A book the rubric was made for: a monograph of language material, online (unless
    /// option `print`), published in 1923 or later (unless option `before_1923`).
    [[nodiscard]] bool completeness_applies(const record::RecordView& record) const override;
    void check(const record::RecordView& record, FindingSink& sink) const override;

private:
    unsigned m_min_score;
    bool m_print = false;
    bool m_before_1923 = false;
    int m_latest_year;
    const scoring::TtCodeLists& m_codes;
};

} // namespace marcaudit::rules::vendor
