#pragma once

/// @file
/// What a check is (RuleInfo), and the checks the readers make themselves while they read
/// (`structure-*`, `encoding-*`): constant objects beside the findings, so that a reader
/// reports one (`checks::report(sink, checks::directory_invalid, ...)`) without a lookup and without
/// depending on the rules layer. Each has its doc page in docs/rules/<id>.md.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "marcaudit/findings/finding.hpp"

namespace marcaudit {

/// What a check is, for listings and reports.
struct RuleInfo {
    std::string_view id;       ///< `<module>-<name>`
    std::string_view module;   ///< `structure`, `encoding`, ...
    Severity severity;         ///< default severity
    std::string_view summary;  ///< one line, in a cataloger's words
};

namespace checks {

inline constexpr RuleInfo invalid_utf8{"encoding-invalid-utf8", "encoding", Severity::error,
                                  "Bytes that are not valid UTF-8 in a record read as UTF-8"};
inline constexpr RuleInfo leader_mismatch{"encoding-leader-mismatch", "encoding", Severity::error,
                                  "Leader/09 names one character encoding but the data is in the other"};
inline constexpr RuleInfo leader09_invalid{"encoding-leader09-invalid", "encoding", Severity::error,
                                  "Leader/09 is neither blank (MARC-8) nor 'a' (UTF-8)"};
inline constexpr RuleInfo marc8_invalid{"encoding-marc8-invalid", "encoding", Severity::error,
                                  "MARC-8 data with a broken escape sequence or a byte MARC-8 does not define"};
inline constexpr RuleInfo replacement_character{"encoding-replacement-character", "encoding", Severity::warning,
                                  "U+FFFD replacement characters: letters lost in an earlier conversion"};
inline constexpr RuleInfo base_address_invalid{"structure-base-address-invalid", "structure", Severity::error,
                                  "Leader/12-16 (base address of data) does not point just past the directory"};
inline constexpr RuleInfo bytes_between_records{"structure-bytes-between-records", "structure", Severity::warning,
                                  "Bytes that belong to no record (newlines, padding, junk) between or after records"};
inline constexpr RuleInfo directory_invalid{"structure-directory-invalid", "structure", Severity::error,
                                  "Directory entries with wrong lengths or positions; fields recovered from terminators"};
inline constexpr RuleInfo field_terminator_missing{"structure-field-terminator-missing", "structure", Severity::warning,
                                  "A field does not end with the field terminator (0x1E)"};
inline constexpr RuleInfo input_damaged{"structure-input-damaged", "structure", Severity::error,
                                  "The input file is damaged or cut short (e.g. a truncated gzip file): records are missing"};
inline constexpr RuleInfo input_empty{"structure-input-empty", "structure", Severity::error,
                                  "An input file with no bytes at all: nothing to audit (an export or a download that failed)"};
inline constexpr RuleInfo input_not_marc{"structure-input-not-marc", "structure", Severity::error,
                                  "An input that is not MARC (a PDF, a ZIP archive, an HTML page, text, other binary data): nothing in it is read as a record"};
inline constexpr RuleInfo input_unreadable{"structure-input-unreadable", "structure", Severity::error,
                                  "A file in an input folder that cannot be read (a broken link, no read permission): none of its records are audited"};
inline constexpr RuleInfo leader_invalid{"structure-leader-invalid", "structure", Severity::error,
                                  "Leader positions that must hold numbers or fixed values do not"};
inline constexpr RuleInfo mnemonic_line_invalid{"structure-mnemonic-line-invalid", "structure", Severity::error,
                                  "A line of MARC mnemonic text is not of the form =TAG  data"};
inline constexpr RuleInfo no_fields{"structure-no-fields", "structure", Severity::error,
                                  "The record has no fields at all"};
inline constexpr RuleInfo record_length_mismatch{"structure-record-length-mismatch", "structure", Severity::warning,
                                  "Leader/00-04 (record length) disagrees with the record's real length"};
inline constexpr RuleInfo record_terminator_missing{"structure-record-terminator-missing", "structure", Severity::error,
                                  "The record does not end with the record terminator (0x1D)"};
inline constexpr RuleInfo xml_invalid{"structure-xml-invalid", "structure", Severity::error,
                                  "MARCXML that breaks the MARC 21 XML schema (missing tag or code, stray text)"};

/// Every reader check, sorted by id (checked by a unit test).
inline constexpr std::array<const RuleInfo*, 19> all = {
    &invalid_utf8,
    &leader_mismatch,
    &leader09_invalid,
    &marc8_invalid,
    &replacement_character,
    &base_address_invalid,
    &bytes_between_records,
    &directory_invalid,
    &field_terminator_missing,
    &input_damaged,
    &input_empty,
    &input_not_marc,
    &input_unreadable,
    &leader_invalid,
    &mnemonic_line_invalid,
    &no_fields,
    &record_length_mismatch,
    &record_terminator_missing,
    &xml_invalid,
};

/// Adds a finding of reader check `check` (its id and default severity) about the current
/// record.
inline Finding& report(FindingSink& sink, const RuleInfo& check, std::uint64_t byte_offset, std::string message) {
    return sink.add(check.id, check.severity, byte_offset, std::move(message));
}

} // namespace checks

} // namespace marcaudit
