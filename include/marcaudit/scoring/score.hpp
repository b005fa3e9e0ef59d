#pragma once

/// @file
/// Record and batch scores (docs/scoring.md): a record starts at 100 and loses the points
/// of its findings (the severity's points times the rule's weight, a rule counted at most
/// ScoringModel::max_per_rule times in one record), down to 0; a rejected record scores
/// ScoringModel::rejected_score. The batch score is the mean over the batch's records, read
/// or rejected, with a letter grade from the profile's cut-offs.

#include <array>
#include <cstdint>
#include <string>

namespace marcaudit::engine {
struct AuditResult;
} // namespace marcaudit::engine

namespace marcaudit::rules {
struct ScoringModel;
} // namespace marcaudit::rules

namespace marcaudit::scoring {

/// A record's score from the points its findings cost it: 100 - penalty, at least 0.
[[nodiscard]] double record_score(double penalty) noexcept;

/// The batch's scores.
struct BatchScore {
    std::uint64_t records = 0;   ///< scored: the batch's records read (audited + rejected)
    double mean = 100;           ///< the batch score, 0-100
    std::string grade;           ///< from the profile's cut-offs
    std::uint64_t clean = 0;     ///< audited records without errors or warnings
    std::uint64_t perfect = 0;   ///< audited records without any finding
    /// Records by score band: [0] 0-9.99, ..., [9] 90-99.99, [10] exactly 100.
    std::array<std::uint64_t, 11> bands{};
    [[nodiscard]] double clean_share() const noexcept {
        return records == 0 ? 0.0 : static_cast<double>(clean) / static_cast<double>(records);
    }
};

/// Scores the batch of `result` (its record tallies, records and rejections) by `model`.
[[nodiscard]] BatchScore score_batch(const engine::AuditResult& result, const rules::ScoringModel& model);

} // namespace marcaudit::scoring
