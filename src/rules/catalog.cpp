#include "marcaudit/rules/catalog.hpp"

#include <algorithm>
#include <array>

namespace marcaudit::rules {

namespace {

// Sorted by id (checked by a unit test).
constexpr std::array k_rules{
    RuleInfo{id::invalid_utf8, "encoding", Severity::error,
             "Bytes that are not valid UTF-8 in a record read as UTF-8"},
    RuleInfo{id::leader_mismatch, "encoding", Severity::error,
             "Leader/09 names one character encoding but the data is in the other"},
    RuleInfo{id::leader09_invalid, "encoding", Severity::error,
             "Leader/09 is neither blank (MARC-8) nor 'a' (UTF-8)"},
    RuleInfo{id::marc8_invalid, "encoding", Severity::error,
             "MARC-8 data with a broken escape sequence or a byte MARC-8 does not define"},
    RuleInfo{id::replacement_character, "encoding", Severity::warning,
             "U+FFFD replacement characters: letters lost in an earlier conversion"},
    RuleInfo{id::base_address_invalid, "structure", Severity::error,
             "Leader/12-16 (base address of data) does not point just past the directory"},
    RuleInfo{id::bytes_between_records, "structure", Severity::warning,
             "Bytes that belong to no record (newlines, padding, junk) between or after records"},
    RuleInfo{id::directory_invalid, "structure", Severity::error,
             "Directory entries with wrong lengths or positions; fields recovered from terminators"},
    RuleInfo{id::field_terminator_missing, "structure", Severity::warning,
             "A field does not end with the field terminator (0x1E)"},
    RuleInfo{id::input_damaged, "structure", Severity::error,
             "The input file is damaged or cut short (e.g. a truncated gzip file): records are missing"},
    RuleInfo{id::input_empty, "structure", Severity::error,
             "An input file with no bytes at all: nothing to audit (an export or a download that failed)"},
    RuleInfo{id::input_not_marc, "structure", Severity::error,
             "An input that is not MARC (a PDF, a ZIP archive, an HTML page, text, other binary data): nothing in it is read as a record"},
    RuleInfo{id::input_unreadable, "structure", Severity::error,
             "A file in an input folder that cannot be read (a broken link, no read permission): none of its records are audited"},
    RuleInfo{id::leader_invalid, "structure", Severity::error,
             "Leader positions that must hold numbers or fixed values do not"},
    RuleInfo{id::mnemonic_line_invalid, "structure", Severity::error,
             "A line of MARC mnemonic text is not of the form =TAG  data"},
    RuleInfo{id::no_fields, "structure", Severity::error, "The record has no fields at all"},
    RuleInfo{id::record_length_mismatch, "structure", Severity::warning,
             "Leader/00-04 (record length) disagrees with the record's real length"},
    RuleInfo{id::record_terminator_missing, "structure", Severity::error,
             "The record does not end with the record terminator (0x1D)"},
    RuleInfo{id::xml_invalid, "structure", Severity::error,
             "MARCXML that breaks the MARC 21 XML schema (missing tag or code, stray text)"},
};

} // namespace

std::span<const RuleInfo> builtin_rules() noexcept { return k_rules; }

const RuleInfo* find_rule(std::string_view rule_id) noexcept {
    const auto it = std::lower_bound(k_rules.begin(), k_rules.end(), rule_id,
                                     [](const RuleInfo& r, std::string_view v) { return r.id < v; });
    return it != k_rules.end() && it->id == rule_id ? &*it : nullptr;
}

} // namespace marcaudit::rules
