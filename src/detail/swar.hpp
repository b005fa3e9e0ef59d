#pragma once

// Eight bytes at a time in a 64-bit word ("SIMD within a register"): the tests the hot
// text scans share. Each is exact for the byte values it names.

#include <cstdint>
#include <cstring>

namespace marcaudit::detail {

inline constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
inline constexpr std::uint64_t k_high = 0x8080808080808080ULL;

/// The eight bytes at `p` as one word.
[[nodiscard]] inline std::uint64_t load8(const char* p) noexcept {
    std::uint64_t w = 0;
    std::memcpy(&w, p, 8);
    return w;
}

/// True when a byte of `w` is above 0x7F.
[[nodiscard]] constexpr bool has_high_byte(std::uint64_t w) noexcept { return (w & k_high) != 0; }

/// True when a byte of `w` is below `n` (n at most 0x80).
[[nodiscard]] constexpr bool has_byte_below(std::uint64_t w, unsigned n) noexcept {
    return ((w - n * k_ones) & ~w & k_high) != 0;
}

/// True when a byte of `w` equals `b`.
[[nodiscard]] constexpr bool has_byte(std::uint64_t w, unsigned char b) noexcept {
    return has_byte_below(w ^ (b * k_ones), 1);
}

} // namespace marcaudit::detail
