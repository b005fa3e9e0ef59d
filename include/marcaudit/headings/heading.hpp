#pragma once

/// @file
/// Headings (access points) of a bibliographic record: the names, titles, subjects and genre
/// terms a record can be found under, each with its NACO key, vocabulary and identifiers.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "marcaudit/record/record_view.hpp"

namespace marcaudit::headings {

/// What a heading names.
enum class HeadingKind : std::uint8_t {
    personal_name,   ///< X00
    corporate_name,  ///< X10
    meeting_name,    ///< X11
    uniform_title,   ///< X30, 240
    title,           ///< 740, 440
    event,           ///< 647
    chronological,   ///< 648
    topical,         ///< 650
    geographic,      ///< 651
    genre,           ///< 655
};

/// "personal name", "topical term"...
[[nodiscard]] std::string_view to_string(HeadingKind kind) noexcept;

/// One heading of a record. Owns its strings.
struct Heading {
    std::string tag;                   ///< the field's tag ("650"); for an unpaired 880, its $6 tag
    std::uint32_t field_index = 0;     ///< 0-based position of the field in the record
    std::uint32_t occurrence = 0;      ///< 1-based among the record's fields with that tag
    HeadingKind kind = HeadingKind::topical;
    std::string display;               ///< the heading subfields as written, "$a...$d..." without codes
    std::string key;                   ///< NACO key of the heading subfields (naco_key)
    /// Where the heading's form comes from: "lcsh", "lcac", "mesh", "nal", "cash", "rvm", the
    /// $2 code (second indicator 7), "unspecified" (second indicator 4); "name" for 1XX/7XX/8XX
    /// names and titles (controlled by the name authority file).
    std::string vocabulary;
    std::vector<std::string> identifiers;  ///< $0 and $1 values, as written
};

/// Appends the headings of a bibliographic `record` to `out`: 100/110/111/130, 240, 440,
/// 600/610/611/630/647/648/650/651/655, 700/710/711/730, 740 (a title), 800/810/811/830.
/// Relator terms and codes ($e, $4; $j in meeting names), identifiers ($0, $1), sources ($2),
/// materials specified ($3), relationship information ($i) and control subfields ($5 $6 $7
/// $8) are not part of the heading. An 880 paired with its field ($6 occurrence other than 00)
/// is not counted again; an unpaired 880 counts as the tag its $6 names.
void extract_headings(const record::RecordView& record, std::vector<Heading>& out);

} // namespace marcaudit::headings
