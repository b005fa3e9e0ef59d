#pragma once

#include <string>
#include <vector>

#include "rules/marc21/table_rule.hpp"

namespace marcaudit::rules::marc21 {

/// A code in the leader, 006, 007 or 008 that MARC 21 does not define for its position.
/// Doc page: docs/rules/marc21-fixed-field-invalid.md
class FixedFieldInvalid final : public TableRule {
public:
    static constexpr RuleInfo k_info{"marc21-fixed-field-invalid", "marc21", Severity::error,
                                     "A code in the leader, 006, 007 or 008 that MARC 21 does not define for its position"};
    /// Option `accept`: extra codes a network uses, as "TAG/NN=codes" ("LDR/17=IJKLM" for
    /// OCLC's encoding levels). @throws ProfileError for a malformed entry.
    explicit FixedFieldInvalid(const RuleOptions& options);
    [[nodiscard]] RuleScope scope() const override { return {.kinds = table_kinds, .whole_record = true, .tags = {"006", "007", "008"}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;

private:
    /// Is `c` accepted at position `pos` of `tag` ("LDR", "006", "007", "008") by the option?
    [[nodiscard]] bool accepted(std::string_view tag, unsigned pos, char c) const noexcept;

    struct Accept {
        std::string tag;
        unsigned position;
        std::string codes;
    };
    std::vector<Accept> m_accept;
};

/// The number sign '#' typed where blanks belong in the leader, 006, 007 or 008: the blank
/// of MARC 21's documentation taken for a character. One batch edit fixes a whole file.
/// Doc page: docs/rules/marc21-fixed-field-number-sign.md
class FixedFieldNumberSign final : public TableRule {
public:
    static constexpr RuleInfo k_info{"marc21-fixed-field-number-sign", "marc21", Severity::error,
                                     "The number sign '#' typed for blanks in the leader, 006, 007 or 008"};
    explicit FixedFieldNumberSign(const RuleOptions& options) : TableRule(k_info, options) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = table_kinds, .whole_record = true, .tags = {"006", "007", "008"}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::marc21
