#pragma once

/// @file
/// ASCII case-insensitive text tests the vendor rules share: MARC codes, URLs and the
/// English terms vendors type are ASCII; a non-ASCII byte compares as itself.

#include <string>
#include <string_view>

namespace marcaudit::rules::vendor {

/// `text` in ASCII lower case.
[[nodiscard]] std::string to_lower(std::string_view text);

/// Whether `text` contains `word`, in any case.
[[nodiscard]] bool contains_ci(std::string_view text, std::string_view word) noexcept;

/// Whether `a` and `b` are equal, in any case.
[[nodiscard]] bool equals_ci(std::string_view a, std::string_view b) noexcept;

/// Whether `text`, leading blanks aside, begins with `prefix` in any case ("HTTP://").
[[nodiscard]] bool starts_with_ci(std::string_view text, std::string_view prefix) noexcept;

/// `value` without the ISBD punctuation and blanks that end it (" :", " ;", ",", ".").
[[nodiscard]] std::string_view trim_end_punctuation(std::string_view value) noexcept;

} // namespace marcaudit::rules::vendor
