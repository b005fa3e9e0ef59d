#pragma once

/// @file
/// The reader checks (`structure-*`, `encoding-*`: findings/checks.hpp) as the rules layer
/// lists them, by id.

#include <span>
#include <string_view>

#include "marcaudit/findings/checks.hpp"

namespace marcaudit::rules {

using marcaudit::RuleInfo;

/// Every reader check, sorted by id.
[[nodiscard]] std::span<const RuleInfo> builtin_rules() noexcept;

/// The reader check with `id`, or nullptr.
[[nodiscard]] const RuleInfo* find_rule(std::string_view id) noexcept;

/// Ids of the reader checks (static strings, safe to keep in a Finding).
namespace id {
inline constexpr std::string_view leader_invalid = checks::leader_invalid.id;
inline constexpr std::string_view record_length_mismatch = checks::record_length_mismatch.id;
inline constexpr std::string_view record_terminator_missing = checks::record_terminator_missing.id;
inline constexpr std::string_view base_address_invalid = checks::base_address_invalid.id;
inline constexpr std::string_view directory_invalid = checks::directory_invalid.id;
inline constexpr std::string_view field_terminator_missing = checks::field_terminator_missing.id;
inline constexpr std::string_view bytes_between_records = checks::bytes_between_records.id;
inline constexpr std::string_view input_damaged = checks::input_damaged.id;
inline constexpr std::string_view input_empty = checks::input_empty.id;
inline constexpr std::string_view input_unreadable = checks::input_unreadable.id;
inline constexpr std::string_view input_not_marc = checks::input_not_marc.id;
inline constexpr std::string_view no_fields = checks::no_fields.id;
inline constexpr std::string_view xml_invalid = checks::xml_invalid.id;
inline constexpr std::string_view mnemonic_line_invalid = checks::mnemonic_line_invalid.id;
inline constexpr std::string_view leader_mismatch = checks::leader_mismatch.id;
inline constexpr std::string_view invalid_utf8 = checks::invalid_utf8.id;
inline constexpr std::string_view replacement_character = checks::replacement_character.id;
inline constexpr std::string_view marc8_invalid = checks::marc8_invalid.id;
inline constexpr std::string_view leader09_invalid = checks::leader09_invalid.id;
} // namespace id

} // namespace marcaudit::rules
