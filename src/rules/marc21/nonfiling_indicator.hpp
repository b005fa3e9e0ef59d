#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::marc21 {

/// Flags a nonfiling-characters indicator (222, 240, 243, 245 and 830 ind2; 130, 630, 730 and
/// 740 ind1) that does not skip the title's leading article as MARC 21 Appendix F lists the
/// articles of the record's languages (rules/codes/articles.toml), or that skips words that
/// are no article.
/// Doc page: docs/rules/marc21-nonfiling-indicator.md
class NonfilingIndicator final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"marc21-nonfiling-indicator", "marc21", Severity::warning,
                                     "A nonfiling indicator that does not skip the title's leading article"};
    /// Reads rules/codes/articles.toml (once). @throws ProfileError when it is broken.
    NonfilingIndicator();
    [[nodiscard]] RuleScope scope() const override {
        return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"130", "222", "240", "243", "245", "630", "730", "740", "830"}};
    }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
