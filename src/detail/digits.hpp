#pragma once

#include <string_view>

namespace marcaudit::detail {

/// The number written in s[pos, pos+len) with ASCII digits, or -1 when the range runs past
/// the end or holds anything but digits. For leader and directory fields.
[[nodiscard]] inline long digits(std::string_view s, std::size_t pos, std::size_t len) noexcept {
    if (pos + len > s.size()) {
        return -1;
    }
    long v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

} // namespace marcaudit::detail
