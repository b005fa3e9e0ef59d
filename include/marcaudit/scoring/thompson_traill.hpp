#pragma once

/// @file
/// The Thompson–Traill completeness score of an e-book record (Kelly Thompson and Stacie
/// Traill, "Leveraging Python to improve ebook metadata selection, ingest, and management",
/// Code4Lib Journal 38, 2017), computed as the article's rubric states: 19 elements, each
/// counted or capped as its row says. The rubric and marcaudit's reading of it are in
/// docs/rules/vendor-record-brief.md.

#include <array>
#include <cstdint>
#include <map>
#include <string_view>

#include "marcaudit/record/record_view.hpp"

namespace marcaudit::scoring {

/// The rubric's rows, in the article's order.
enum class TtElement : std::uint8_t {
    isbn, authors, alternative_titles, edition, contributors, series, contents_abstract, date_008, date_26x,
    classification, lcsh, mesh, fast, other_subjects, description, language, country, cataloging_language,
    cataloging_standard,
};
inline constexpr std::size_t tt_element_count = 19;

/// The name of a row as the article's table gives it ("Table of contents and abstract").
[[nodiscard]] std::string_view to_string(TtElement element) noexcept;

/// What a record scored, row by row.
struct TtScore {
    std::array<std::uint16_t, tt_element_count> points{};
    [[nodiscard]] unsigned total() const noexcept;
    [[nodiscard]] std::uint16_t operator[](TtElement e) const noexcept { return points[static_cast<std::size_t>(e)]; }
};

/// The code lists rows 16 and 17 test against (rules/codes/languages.toml, countries.toml).
struct TtCodeLists {
    std::array<bool, 26 * 26 * 26> languages{};  ///< current three-letter language codes
    std::array<bool, 27 * 27 * 27> countries{};  ///< current country codes (2 letters and a blank, or 3)
};

/// The code lists, read once from the rules folder. @throws rules::ProfileError naming
/// the file when one is missing or malformed (a configuration error, exit code 2).
[[nodiscard]] const TtCodeLists& tt_code_lists();

/// Whether the rubric applies: a monograph (Leader/07 m) of language material or
/// manuscript text (Leader/06 a, t), the books it was made for.
[[nodiscard]] bool tt_applies(const record::RecordView& record) noexcept;

/// Scores `record`. `latest_year` is the last Date 1 row 8 accepts as valid (the year after
/// the current one: a forthcoming book's date); the first is 1450.
[[nodiscard]] TtScore thompson_traill(const record::RecordView& record, const TtCodeLists& codes, int latest_year);

/// The year after the current one (UTC), the default `latest_year`.
[[nodiscard]] int tt_default_latest_year();

/// The scores of a batch: how many records scored each total, and each row's sum.
/// Filled per thread and merged; the result does not depend on the order.
class TtDistribution {
public:
    void add(const TtScore& score);
    void merge(const TtDistribution& other);

    [[nodiscard]] std::uint64_t records() const noexcept { return m_records; }
    /// Records per total score, ascending.
    [[nodiscard]] const std::map<unsigned, std::uint64_t>& histogram() const noexcept { return m_histogram; }
    /// The sum of a row's points over the records (its mean is sum / records()).
    [[nodiscard]] std::uint64_t row_sum(TtElement e) const noexcept { return m_row_sums[static_cast<std::size_t>(e)]; }
    /// Records with at least one point in a row.
    [[nodiscard]] std::uint64_t row_records(TtElement e) const noexcept {
        return m_row_records[static_cast<std::size_t>(e)];
    }
    [[nodiscard]] double mean() const noexcept;
    /// The lowest total that at least `fraction` of the records score no more than (nearest
    /// rank: 0.5 is the median, 0.25 the lower quartile).
    [[nodiscard]] unsigned quantile(double fraction) const noexcept;
    /// Records whose total is below `score`.
    [[nodiscard]] std::uint64_t below(unsigned score) const noexcept;

private:
    std::uint64_t m_records = 0;
    std::map<unsigned, std::uint64_t> m_histogram;
    std::array<std::uint64_t, tt_element_count> m_row_sums{};
    std::array<std::uint64_t, tt_element_count> m_row_records{};
};

} // namespace marcaudit::scoring
