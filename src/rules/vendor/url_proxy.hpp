#pragma once

#include <string>
#include <vector>

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// An 856 $u with a proxy prefix (EZproxy login?url=...) typed into the record. Doc page: docs/rules/vendor-url-proxy.md
class UrlProxy final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-url-proxy", "vendor", Severity::error,
                                     "An 856 $u with a proxy prefix (EZproxy login?url=...) typed into the record"};
    explicit UrlProxy(const RuleOptions& options);
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = false, .tags = {"856"}}; }
    void check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const override;
private:
    std::vector<std::string> m_patterns;  ///< proxy prefixes, lower case
};

} // namespace marcaudit::rules::vendor
