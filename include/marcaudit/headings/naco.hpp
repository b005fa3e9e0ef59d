#pragma once

/// @file
/// NACO normalization: the character rules of the PCC "Authority File Comparison Rules"
/// (2009 revision, Appendix A). Two headings that normalize alike are the same heading to an
/// authority file: "Dostoyevsky, Fyodor" and "DOSTOYEVSKY, FYODOR" do, "Ch'ün" and "Chun" do.

#include <span>
#include <string>
#include <string_view>

#include "marcaudit/record/record_view.hpp"

namespace marcaudit::headings {

/// Normalizes one subfield's value (UTF-8): letters to upper case (full case mapping: ß → SS),
/// compatibility decomposition (NFKD: ligatures, superscripts, full-width forms), combining
/// marks and modifier letters removed, the special letters Æ Œ Þ Đ Ð Ø Ł to AE OE TH D D O L,
/// apostrophes and square brackets deleted, digits of any script to ASCII digits, every other
/// punctuation mark or symbol to a blank except + & @ # ♭ ♯, the first comma kept when
/// `keep_first_comma` (it is in $a) and others to blanks, blanks collapsed and trimmed.
/// Plain ASCII takes a fast path without ICU. Invalid UTF-8 bytes become blanks.
[[nodiscard]] std::string naco_normalize(std::string_view value, bool keep_first_comma = false);

/// The NACO key of a heading: each subfield with a code in `codes` (in field order) as the
/// delimiter 0x1F, its code and its normalized value, so subfield boundaries count ("Smith,
/// John$d1950" and "Smith, John 1950" differ). The first comma is kept in $a.
[[nodiscard]] std::string naco_key(std::span<const record::SubfieldView> subfields, std::string_view codes);

/// Loads ICU's normalization (NFC, NFD, NFKD) and case-mapping data now. ICU loads them on
/// first use, safely but with synchronization of its own that ThreadSanitizer cannot see;
/// the audit calls this once before its worker threads start.
void prepare_unicode();

} // namespace marcaudit::headings
