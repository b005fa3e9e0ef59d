#pragma once

/// @file
/// How the human-readable reports (text, HTML, JUnit) write numbers, and the example
/// findings they show.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "marcaudit/engine/audit.hpp"

namespace marcaudit::report::detail {

/// Example findings by rule id (see examples_by_rule).
class Examples {
public:
    explicit Examples(std::map<std::string_view, std::vector<Finding>, std::less<>> by_rule)
        : m_by_rule(std::move(by_rule)) {}
    /// The examples of rule `id`; none when it has no findings.
    [[nodiscard]] const std::vector<Finding>& of(std::string_view id) const {
        static const std::vector<Finding> none;
        const auto it = m_by_rule.find(id);
        return it == m_by_rule.end() ? none : it->second;
    }

private:
    std::map<std::string_view, std::vector<Finding>, std::less<>> m_by_rule;
};

/// Copies of the first `n` findings of each rule (at most AuditResult::examples_per_rule),
/// by rule id. Reads only the blocks of the finding log that hold one, each once.
[[nodiscard]] inline Examples examples_by_rule(
    const engine::AuditResult& result, std::size_t n) {
    std::vector<std::size_t> wanted;
    for (const auto& [id, indexes] : result.examples_by_rule) {
        wanted.insert(wanted.end(), indexes.begin(), indexes.begin() + static_cast<std::ptrdiff_t>(std::min(n, indexes.size())));
    }
    std::sort(wanted.begin(), wanted.end());
    std::map<std::string_view, std::vector<Finding>, std::less<>> out;  // keys: the rules' static ids
    result.findings.visit(wanted, [&](std::size_t, const Finding& f) { out[f.rule_id].push_back(f); });
    return Examples{std::move(out)};
}

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

/// `part` as a share of `whole`: "95%", "0.3%" below 1%, "0%" for an empty whole.
[[nodiscard]] inline std::string percent(std::uint64_t part, std::uint64_t whole) {
    if (whole == 0 || part == 0) {
        return "0%";
    }
    const double p = 100.0 * static_cast<double>(part) / static_cast<double>(whole);
    return p < 1 ? fmt::format("{:.1f}%", p) : fmt::format("{:.0f}%", std::floor(p));
}

/// Hours as a manager reads them: "1.5", "12", "1,250".
[[nodiscard]] inline std::string hours(double h) {
    return h < 10 ? fmt::format("{:.1f}", h) : grouped(static_cast<std::uint64_t>(std::llround(h)));
}

/// A range of staff time as a manager reads it: "2.5-6.8 h", or in minutes below six minutes
/// ("1-2 min"), where hours would read "0.0-0.0". `dash` is "-" in text, "–" in HTML.
[[nodiscard]] inline std::string time_range(double low_hours, double high_hours, std::string_view dash) {
    if (high_hours < 0.1) {
        return fmt::format("{:.0f}{}{:.0f} min", std::max(low_hours * 60, high_hours > 0 ? 1.0 : 0.0), dash,
                           std::max(high_hours * 60, high_hours > 0 ? 1.0 : 0.0));
    }
    return fmt::format("{}{}{} h", hours(low_hours), dash, hours(high_hours));
}

} // namespace marcaudit::report::detail
