#pragma once

/// @file
/// ISBN, ISSN and OCLC numbers as they are written in MARC subfields: the number pulled out
/// of the text around it ("0306406152 (pbk. : alk. paper)"), its check digit verified, and a
/// form for comparing ("978-0-306-40615-7" and "0306406152" are one book).

#include <string>
#include <string_view>

namespace marcaudit::rules::identifier {

/// What a standard number's check says.
enum class NumberCheck {
    valid,
    bad_check_digit,  ///< the right length, but the check digit does not match
    malformed,        ///< no number of the right length (ISBN 10 or 13, ISSN 8)
};

/// A standard number found in a subfield value.
struct StandardNumber {
    NumberCheck check = NumberCheck::malformed;
    std::string digits;   ///< the number without hyphens and blanks ("030640615X")
    char expected = 0;    ///< the check digit the number should end with (bad_check_digit)
};

/// The ISBN at the start of `value` (hyphens and blanks inside it allowed; a qualifier or
/// price after it ignored), checked: ISBN-10 mod 11 (X = 10), ISBN-13 mod 10 (978/979).
[[nodiscard]] StandardNumber check_isbn(std::string_view value);

/// An ISBN's 13-digit form: an ISBN-10 gets the 978 prefix and a new check digit; a 13-digit
/// one is returned as it is. `digits` must be a checked ISBN.
[[nodiscard]] std::string isbn13(std::string_view digits);

/// The ISSN at the start of `value` ("0028-0836", "0028-083X ; no. 5"), checked (mod 11).
[[nodiscard]] StandardNumber check_issn(std::string_view value);

/// The OCLC number in a 035 $a: "(OCoLC)ocm01234567" → "1234567" (prefixes ocm, ocn, on and
/// leading zeros dropped); empty when the value is not an OCLC number.
[[nodiscard]] std::string oclc_number(std::string_view value);

} // namespace marcaudit::rules::identifier
