#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A record in an e-resource load that describes no online resource at all (a print book's
/// record, an order record). Doc page: docs/rules/vendor-not-online.md
class NotOnline final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-not-online", "vendor", Severity::error,
                                     "A record in an e-book load that describes no online resource (a print book's or an order record)"};
    NotOnline() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
