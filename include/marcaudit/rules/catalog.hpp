#pragma once

/// @file
/// The catalog of finding ids marcaudit can report, with module, default severity and a
/// one-line summary. The readers report the `structure-*` and `encoding-*` ids themselves;
/// each id has its doc page in docs/rules/<id>.md.

#include <span>
#include <string_view>

#include "marcaudit/findings/finding.hpp"

namespace marcaudit::rules {

/// What a rule is, for listings and reports.
struct RuleInfo {
    std::string_view id;       ///< `<module>-<name>`
    std::string_view module;   ///< `structure`, `encoding`, ...
    Severity severity;         ///< default severity
    std::string_view summary;  ///< one line, in a cataloger's words
};

/// Every built-in rule, sorted by id.
[[nodiscard]] std::span<const RuleInfo> builtin_rules() noexcept;

/// The rule with `id`, or nullptr.
[[nodiscard]] const RuleInfo* find_rule(std::string_view id) noexcept;

/// Ids of the findings the readers report (static strings, safe to keep in a Finding).
namespace id {
inline constexpr std::string_view leader_invalid = "structure-leader-invalid";
inline constexpr std::string_view record_length_mismatch = "structure-record-length-mismatch";
inline constexpr std::string_view record_terminator_missing = "structure-record-terminator-missing";
inline constexpr std::string_view base_address_invalid = "structure-base-address-invalid";
inline constexpr std::string_view directory_invalid = "structure-directory-invalid";
inline constexpr std::string_view field_terminator_missing = "structure-field-terminator-missing";
inline constexpr std::string_view bytes_between_records = "structure-bytes-between-records";
inline constexpr std::string_view input_damaged = "structure-input-damaged";
inline constexpr std::string_view input_empty = "structure-input-empty";
inline constexpr std::string_view input_unreadable = "structure-input-unreadable";
inline constexpr std::string_view input_not_marc = "structure-input-not-marc";
inline constexpr std::string_view no_fields = "structure-no-fields";
inline constexpr std::string_view xml_invalid = "structure-xml-invalid";
inline constexpr std::string_view mnemonic_line_invalid = "structure-mnemonic-line-invalid";
inline constexpr std::string_view leader_mismatch = "encoding-leader-mismatch";
inline constexpr std::string_view invalid_utf8 = "encoding-invalid-utf8";
inline constexpr std::string_view replacement_character = "encoding-replacement-character";
inline constexpr std::string_view marc8_invalid = "encoding-marc8-invalid";
inline constexpr std::string_view leader09_invalid = "encoding-leader09-invalid";
} // namespace id

} // namespace marcaudit::rules
