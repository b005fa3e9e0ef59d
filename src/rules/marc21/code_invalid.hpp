#pragma once

#include <set>
#include <string>

#include "rules/marc21/table_rule.hpp"

namespace marcaudit::rules::marc21 {

/// A code in 041 (languages), 043 (geographic areas) or 044 (countries) that is not on the
/// Library of Congress's list (rules/codes/). Doc page: docs/rules/marc21-code-invalid.md
class CodeInvalid final : public TableRule {
public:
    static constexpr RuleInfo k_info{"marc21-code-invalid", "marc21", Severity::error,
                                     "A language (041), geographic area (043) or country (044) code that is not on LC's code list"};
    /// Reads the code lists (once). @throws ProfileError when one is missing or malformed.
    explicit CodeInvalid(const RuleOptions& options);
    [[nodiscard]] RuleScope scope() const override {
        return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"041", "043", "044"}};
    }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;

    /// LC's lists: current and discontinued codes.
    struct Lists {
        std::set<std::string, std::less<>> languages, languages_old;
        std::set<std::string, std::less<>> areas, areas_old;
        std::set<std::string, std::less<>> countries, countries_old;
    };

private:
    const Lists& m_lists;
};

} // namespace marcaudit::rules::marc21
