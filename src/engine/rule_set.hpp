#pragma once

/// @file
/// The rules of one run, arranged so each record is walked once: per record kind, the rules
/// that check whole records, and per tag the rules that check fields with that tag.

#include <array>
#include <memory>
#include <vector>

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::engine::detail {

class RuleSet {
public:
    /// Arranges `rules` by the scope each declares. The rules must outlive the set.
    explicit RuleSet(const std::vector<std::unique_ptr<rules::RecordRule>>& rules);

    /// Runs every rule that applies to `record`: whole-record checks first, then one walk
    /// over the fields calling the field checks for each field's tag.
    void run(const record::RecordView& record, FindingSink& sink) const;

private:
    struct PerKind {
        std::vector<const rules::RecordRule*> whole_record;
        std::array<std::vector<const rules::RecordRule*>, 1000> by_tag;  ///< numeric tags
        std::vector<const rules::RecordRule*> any_tag;                   ///< "*": also other tags
        bool has_field_rules = false;
    };
    std::array<std::unique_ptr<PerKind>, record::record_kind_count> m_kinds;
};

} // namespace marcaudit::engine::detail
