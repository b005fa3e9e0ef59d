#include "rules/vendor/text.hpp"

#include <algorithm>

namespace marcaudit::rules::vendor {

namespace {

/// ASCII lower case without the C locale's function call per character.
char lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

} // namespace

std::string to_lower(std::string_view text) {
    std::string out{text};
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

bool contains_ci(std::string_view text, std::string_view word) noexcept {
    const auto it = std::search(text.begin(), text.end(), word.begin(), word.end(),
                                [](char a, char b) { return lower(a) == lower(b); });
    return it != text.end();
}

bool equals_ci(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool starts_with_ci(std::string_view text, std::string_view prefix) noexcept {
    while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
    }
    return text.size() >= prefix.size() && equals_ci(text.substr(0, prefix.size()), prefix);
}

std::string_view trim_end_punctuation(std::string_view value) noexcept {
    while (!value.empty() && (value.back() == ' ' || value.back() == '.' || value.back() == ',' ||
                              value.back() == ':' || value.back() == ';' || value.back() == '/')) {
        value.remove_suffix(1);
    }
    return value;
}

} // namespace marcaudit::rules::vendor
