#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "marcaudit/record/record_view.hpp"
#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::marc21 {

/// Registers the marc21 module's rules, in alphabetical order.
void register_module(Registry& registry);

/// The record kinds the MARC 21 format tables describe: bibliographic, authority, holdings.
inline constexpr RecordKinds table_kinds =
    kinds({record::RecordKind::bibliographic, record::RecordKind::authority, record::RecordKind::holdings});

/// A code or indicator value as messages show it: "blank", "| (no attempt to code)", "'a'";
/// a literal '#' is called a number sign (documentation writes blank as #; records must not).
[[nodiscard]] std::string show_code(char c);

/// Characters (code points) in UTF-8 text. MARC counts a diacritic as a character of its
/// own, as the combining mark a MARC-8 diacritic becomes is one code point.
[[nodiscard]] std::size_t count_characters(std::string_view s) noexcept;

} // namespace marcaudit::rules::marc21
