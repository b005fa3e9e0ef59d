#pragma once

/// @file
/// How the human-readable reports (text, HTML) write numbers.

#include <cmath>
#include <cstdint>
#include <string>

#include <fmt/format.h>

namespace marcaudit::report::detail {

/// `n` with thousands separators: "1,234,567".
[[nodiscard]] inline std::string grouped(std::uint64_t n) {
    const std::string digits = std::to_string(n);
    std::string out;
    out.reserve(digits.size() + digits.size() / 3);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out.push_back(',');
        }
        out.push_back(digits[i]);
    }
    return out;
}

/// Hours as a manager reads them: "1.5", "12", "1,250".
[[nodiscard]] inline std::string hours(double h) {
    return h < 10 ? fmt::format("{:.1f}", h) : grouped(static_cast<std::uint64_t>(std::llround(h)));
}

} // namespace marcaudit::report::detail
