#pragma once

#include <string>
#include <vector>

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An aggregator's name traced in 710 or used as a series (490/830) in a provider-neutral record. Doc page: docs/rules/vendor-provider-name.md
class ProviderName final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-provider-name", "vendor", Severity::warning,
                                     "An aggregator's name traced in 710 or used as a series (490/830) in a provider-neutral record"};
    explicit ProviderName(const RuleOptions& options);
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"490", "710", "830"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
private:
    std::vector<std::string> m_providers;  ///< aggregator names, lower case
};

} // namespace marcaudit::rules::vendor
