#pragma once

#include "marcaudit/identifiers/duplicates.hpp"
#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::identifier {

/// Reports the audited records of each duplicate group of one kind (the engine gathers the
/// keys once for all four rules). Doc pages: docs/rules/identifier-duplicate-*.md
class Duplicate final : public AnalysisRule {
public:
    Duplicate(const RuleInfo& info, identifiers::DuplicateKind kind) noexcept : AnalysisRule(info), m_kind(kind) {}

    [[nodiscard]] unsigned duplicate_kinds() const override { return 1U << static_cast<unsigned>(m_kind); }
    void finalize(State& state, const RunContext& context, FindingSink& sink) const override;

private:
    identifiers::DuplicateKind m_kind;
};

} // namespace marcaudit::rules::identifier
