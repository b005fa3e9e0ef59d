#include "rules/identifier/standard_numbers.hpp"

namespace marcaudit::rules::identifier {

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// The leading number of `value`: digits (and X/x) with hyphens and blanks between them,
/// up to the first other character. Blanks end it once `max` characters are collected.
std::string leading_number(std::string_view value, std::size_t max) {
    std::string out;
    std::size_t i = 0;
    while (i < value.size() && (value[i] == ' ' || value[i] == '[')) {
        ++i;  // a supplied number in brackets ("[2423-0731]") is still the number
    }
    for (; i < value.size(); ++i) {
        const char c = value[i];
        if (is_digit(c) || c == 'X' || c == 'x') {
            if (out.size() == max) {
                return out + c;  // too long: let the caller call it malformed
            }
            out.push_back(c == 'x' ? 'X' : c);
        } else if (c == '-' || (c == ' ' && out.size() < max && out.size() != 10 && i + 1 < value.size() &&
                                is_digit(value[i + 1]))) {
            // A blank inside the number ("0 306 40615 2"), not after a whole ISBN-10 ("0306406152 2nd ed.").
            continue;
        } else {
            break;
        }
    }
    return out;
}

char isbn10_check(std::string_view d) noexcept {
    int sum = 0;
    for (int i = 0; i < 9; ++i) {
        sum += (d[static_cast<std::size_t>(i)] - '0') * (10 - i);
    }
    const int r = (11 - sum % 11) % 11;
    return r == 10 ? 'X' : static_cast<char>('0' + r);
}

char isbn13_check(std::string_view d) noexcept {
    int sum = 0;
    for (int i = 0; i < 12; ++i) {
        sum += (d[static_cast<std::size_t>(i)] - '0') * (i % 2 == 0 ? 1 : 3);
    }
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool all_digits(std::string_view s) noexcept {
    for (char c : s) {
        if (!is_digit(c)) {
            return false;
        }
    }
    return true;
}

} // namespace

StandardNumber check_isbn(std::string_view value) {
    StandardNumber n;
    n.digits = leading_number(value, 13);
    const auto& d = n.digits;
    if (d.size() == 10 && all_digits(std::string_view{d}.substr(0, 9)) && (is_digit(d[9]) || d[9] == 'X')) {
        n.expected = isbn10_check(d);
        n.check = d[9] == n.expected ? NumberCheck::valid : NumberCheck::bad_check_digit;
    } else if (d.size() == 13 && all_digits(d) && (d.starts_with("978") || d.starts_with("979"))) {
        n.expected = isbn13_check(d);
        n.check = d[12] == n.expected ? NumberCheck::valid : NumberCheck::bad_check_digit;
    }
    return n;
}

std::string isbn13(std::string_view digits) {
    if (digits.size() != 10) {
        return std::string{digits};
    }
    std::string out = "978";
    out += digits.substr(0, 9);
    out.push_back(isbn13_check(out));
    return out;
}

StandardNumber check_issn(std::string_view value) {
    StandardNumber n;
    n.digits = leading_number(value, 8);
    const auto& d = n.digits;
    if (d.size() == 8 && all_digits(std::string_view{d}.substr(0, 7)) && (is_digit(d[7]) || d[7] == 'X')) {
        int sum = 0;
        for (int i = 0; i < 7; ++i) {
            sum += (d[static_cast<std::size_t>(i)] - '0') * (8 - i);
        }
        const int r = (11 - sum % 11) % 11;
        n.expected = r == 10 ? 'X' : static_cast<char>('0' + r);
        n.check = d[7] == n.expected ? NumberCheck::valid : NumberCheck::bad_check_digit;
    }
    return n;
}

std::string oclc_number(std::string_view value) {
    constexpr std::string_view prefix = "(ocolc)";
    if (value.size() < prefix.size()) {
        return {};
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {  // any case: "(OCoLC)", "(OCOLC)"
        const char c = value[i] >= 'A' && value[i] <= 'Z' ? static_cast<char>(value[i] - 'A' + 'a') : value[i];
        if (c != prefix[i]) {
            return {};
        }
    }
    value.remove_prefix(prefix.size());
    while (!value.empty() && value.front() == ' ') {
        value.remove_prefix(1);  // "(OCoLC) 12345"
    }
    for (std::string_view p : {"ocm", "ocn", "on"}) {
        if (value.starts_with(p)) {
            value.remove_prefix(p.size());
            break;
        }
    }
    while (!value.empty() && value.back() == ' ') {
        value.remove_suffix(1);
    }
    while (value.size() > 1 && value.front() == '0') {
        value.remove_prefix(1);
    }
    return !value.empty() && all_digits(value) ? std::string{value} : std::string{};
}

} // namespace marcaudit::rules::identifier
