#pragma once

#include <string>
#include <vector>

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A record sold as full with a less-than-full (Leader/17 2, 3, 5, 7), prepublication (8), unknown (u, z) or OCLC-only (I, J, K, M) encoding level. Doc page: docs/rules/vendor-encoding-level.md
class EncodingLevel final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-encoding-level", "vendor", Severity::warning,
                                     "A record sold as full with a less-than-full (Leader/17 2, 3, 5, 7), prepublication (8), unknown (u, z) or OCLC-only (I, J, K, M) encoding level"};
    explicit EncodingLevel(const RuleOptions& options);
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
private:
    std::string m_accept;       ///< Leader/17 values the profile accepts
    bool m_oclc = false;        ///< the profile's oclc setting: OCLC's levels are codes, I a full one
    bool m_sold_as_full = false;  ///< option sold_as_full: the batch was bought as full records
};

} // namespace marcaudit::rules::vendor
