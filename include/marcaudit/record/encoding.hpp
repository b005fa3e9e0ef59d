#pragma once

/// @file
/// Character encodings: UTF-8 validation, MARC-8 decoding (through YAZ's iconv) and the
/// decision, per record, of what the bytes really are whatever Leader/09 claims.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "marcaudit/findings/finding.hpp"
#include "marcaudit/record/builder.hpp"
#include "marcaudit/record/record_view.hpp"

namespace marcaudit::record {

/// Offset of the first byte that does not belong to a valid UTF-8 sequence, or npos.
/// Overlong forms, surrogates and code points above U+10FFFF are invalid. ASCII fast path.
[[nodiscard]] std::size_t find_invalid_utf8(std::string_view s) noexcept;

/// True when `s` holds a byte above 0x7F or an escape (0x1B): text that needs decoding.
[[nodiscard]] bool needs_decoding(std::string_view s) noexcept;

/// Decodes MARC-8 field data to UTF-8 (Unicode combining marks after their base letter, as
/// MARC 21 specifies). Escape sequences switch between the MARC-8 graphic sets and are reset
/// at the start of each field. Not thread-safe: one decoder per thread.
class Marc8Decoder {
public:
    Marc8Decoder();
    ~Marc8Decoder();
    Marc8Decoder(const Marc8Decoder&) = delete;
    Marc8Decoder& operator=(const Marc8Decoder&) = delete;

    /// What went wrong while decoding one field.
    struct Problem {
        std::size_t offset;  ///< offset in the field data of the first bad byte
        std::size_t count;   ///< how many places could not be decoded
    };

    /// Appends the UTF-8 form of one field's MARC-8 `data` to `out`. For a data field the
    /// indicators, subfield delimiters and codes are copied as they are; each undecodable byte
    /// becomes U+FFFD. Returns the problems (count 0 when none).
    Problem decode_field(std::string_view data, bool control_field, std::string& out);

    /// Decodes a whole string (no subfield structure): for tests and tools.
    [[nodiscard]] std::string decode(std::string_view data);

private:
    std::size_t decode_run(std::string_view in, std::string& out, std::size_t& bad_offset);
    void* m_cd;  // yaz_iconv_t
};

/// Decides what the record's field bytes are, reports encoding-* findings, and when they
/// are MARC-8 decodes them into `builder`, replacing `fields` with views into it.
/// @returns the encoding the fields are now in.
/// For records read from text (MARCXML, mnemonic), which are Unicode whatever Leader/09 says:
/// reports bytes that are not UTF-8 (when `report_invalid`) and U+FFFD replacement characters.
void check_unicode_text(const std::vector<FieldView>& fields, bool report_invalid, FindingSink& sink);

/// `record_offset` is where the record starts in the input, for leader findings.
Encoding resolve_encoding(LeaderView leader, std::uint64_t record_offset, std::vector<FieldView>& fields,
                          RecordBuilder& builder, Marc8Decoder& decoder, FindingSink& sink);

} // namespace marcaudit::record
