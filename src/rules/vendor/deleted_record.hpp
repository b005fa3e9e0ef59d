#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// A record marked deleted (Leader/05 d) in a load of records to add. Doc page: docs/rules/vendor-deleted-record.md
class DeletedRecord final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"vendor-deleted-record", "vendor", Severity::warning,
                                     "A record marked deleted (Leader/05 d) in a load of records to add"};
    DeletedRecord() : RecordRule(k_info) {}
    [[nodiscard]] RuleScope scope() const override { return {.kinds = kinds({record::RecordKind::bibliographic}), .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::vendor
