#include "marcaudit/scoring/score.hpp"

#include <algorithm>

#include "marcaudit/engine/audit.hpp"
#include "marcaudit/rules/profile.hpp"

namespace marcaudit::scoring {

namespace {

std::size_t band_of(double score) noexcept {
    if (score >= 100) {
        return 10;
    }
    return static_cast<std::size_t>(std::clamp(score, 0.0, 99.999) / 10);
}

} // namespace

double record_score(double penalty) noexcept {
    return std::max(0.0, 100.0 - penalty);
}

BatchScore score_batch(const engine::AuditResult& result, const rules::ScoringModel& model) {
    BatchScore b;
    const std::uint64_t audited = result.records.audited;
    const std::uint64_t rejected = result.records.rejected;
    b.records = audited + rejected;
    double sum = 0;
    std::uint64_t tallied = 0;
    std::uint64_t flawed = 0;  // with an error or a warning
    for (const auto& t : result.record_tallies) {
        if (t.source_index >= result.sources.size() || result.sources[t.source_index].role != engine::SourceRole::batch ||
            t.rejected) {
            continue;  // an authority record with a conflict is not part of the batch; rejected ones come below
        }
        ++tallied;
        const double s = record_score(t.penalty);
        sum += s;
        ++b.bands[band_of(s)];
        flawed += t.by_severity[static_cast<int>(Severity::error)] + t.by_severity[static_cast<int>(Severity::warning)] > 0
                      ? 1
                      : 0;
    }
    const std::uint64_t untouched = audited >= tallied ? audited - tallied : 0;
    sum += 100.0 * static_cast<double>(untouched);
    b.bands[10] += untouched;
    // result.records counts the batch's inputs only (not --catalog or --authorities files).
    sum += model.rejected_score * static_cast<double>(rejected);
    b.bands[band_of(model.rejected_score)] += rejected;
    b.perfect = untouched;
    b.clean = audited >= flawed ? audited - flawed : 0;
    // No records, no score: an empty export is not a clean one (docs/scoring.md).
    b.mean = b.records == 0 ? 0.0 : sum / static_cast<double>(b.records);
    b.grade = b.records == 0 ? std::string{"none"} : model.grade(b.mean, b.clean_share());
    return b;
}

} // namespace marcaudit::scoring
