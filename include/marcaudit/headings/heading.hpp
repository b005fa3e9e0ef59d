#pragma once

/// @file
/// Headings (access points) of a bibliographic record: the names, titles, subjects and genre
/// terms a record can be found under, each with its NACO key, vocabulary and identifiers.

#include <cstdint>
#include <span>
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
    uniform_title,   ///< X30, 240, 440 (a series)
    title,           ///< 740
    event,           ///< 647
    chronological,   ///< 648
    topical,         ///< 650
    geographic,      ///< 651
    genre,           ///< 655
};

/// Whether `kind` is a name or uniform title (controlled by name authority records).
[[nodiscard]] constexpr bool is_name(HeadingKind kind) noexcept {
    return kind == HeadingKind::personal_name || kind == HeadingKind::corporate_name ||
           kind == HeadingKind::meeting_name || kind == HeadingKind::uniform_title;
}

/// "personal name", "topical term"...
[[nodiscard]] std::string_view to_string(HeadingKind kind) noexcept;

/// One heading of a record. Owns its strings.
struct Heading {
    std::string tag;                   ///< the field's tag ("650"); for an unpaired 880, its $6 tag
    std::uint32_t field_index = 0;     ///< 0-based position of the field in the record
    std::uint32_t occurrence = 0;      ///< 1-based among the record's fields with that tag
    HeadingKind kind = HeadingKind::topical;
    /// The heading subfields as written, joined by blanks; subject subdivisions ($v $x $y $z)
    /// joined by "--", as catalogs display them: "World War, 1939-1945--Campaigns".
    std::string display;
    std::string key;                   ///< NACO key of the heading subfields (naco_key)
    /// The main heading, without subject subdivisions: the first `entry_key_size` bytes of
    /// `key` and the first `entry_display_size` bytes of `display` (all of them for names).
    std::size_t entry_key_size = 0;
    std::size_t entry_display_size = 0;
    /// Where the heading's form comes from: "lcsh", "lcac", "mesh", "nal", "cash", "rvm", the
    /// $2 code (second indicator 7), "unspecified" (second indicator 4); "name" for 1XX/7XX/8XX
    /// names and titles (controlled by the name authority file).
    std::string vocabulary;
    /// $0 and $1 values of the main heading, as written: those before the first subject
    /// subdivision ($v $x $y $z), which name a subdivision, not the heading's entity.
    std::vector<std::string> identifiers;

    [[nodiscard]] std::string_view entry_key() const noexcept { return std::string_view{key}.substr(0, entry_key_size); }
    [[nodiscard]] std::string_view entry_display() const noexcept {
        return std::string_view{display}.substr(0, entry_display_size);
    }
};

/// What a heading field is for, as far as its subfields are concerned.
enum class FieldRole : std::uint8_t {
    name_or_title,  ///< 1XX, 240, 7XX: $x is an ISSN
    subject,        ///< 6XX, and authority headings: $v $x $y $z are subdivisions
    series,         ///< 8XX, 440: $v is the volume, $x an ISSN
};

/// Whether subfield `code` is part of a heading of `kind` in a field of `role`: letters,
/// except relators ($e, or $j in meeting names, where $e is a subordinate unit),
/// relationship information ($i), affiliations ($u), record control numbers ($w), and $v/$x
/// outside subjects (volume, ISSN). Digits (identifiers, sources, control subfields) never are.
[[nodiscard]] bool is_heading_subfield(char code, HeadingKind kind, FieldRole role) noexcept;

/// Sets `h.display`, `h.key` and the entry sizes from the heading subfields of a field
/// (is_heading_subfield(); when `only` is not empty, just the codes it lists). Returns false
/// when the field has no heading text.
bool heading_text(std::span<const record::SubfieldView> subfields, HeadingKind kind, FieldRole role,
                  std::string_view only, Heading& h);

/// Which authority records can control a heading of `kind` from `vocabulary`, and which
/// headings it may be grouped with: "name" for names and uniform titles outside 6XX and in
/// LCSH subject fields (600 _0: the LC name authority file controls them as it controls
/// 100); the vocabulary for names in other subject vocabularies (600 _2 "mesh", 600 _6
/// "rvm", 600 _7 $2 fast "fast") and for subject and genre terms ("lcsh", "mesh", a $2
/// code); an empty string for headings no authority file controls (740 titles, second
/// indicator 4 or 7 without $2).
[[nodiscard]] std::string_view authority_scope(HeadingKind kind, std::string_view vocabulary) noexcept;

/// An authority scope as a cataloger reads it: "LC names" for "name", "LCSH" for "lcsh",
/// the code itself otherwise ("mesh", "fast", a $2 code).
[[nodiscard]] std::string_view scope_label(std::string_view scope) noexcept;

/// An authority identifier reduced to the part that names the record, so that the forms a
/// $0 takes match the authority record's 001, 010, 024 or 035: the last path segment of a
/// URI ("http://id.loc.gov/authorities/names/n79021164" → "n79021164"), without a
/// parenthesized source prefix ("(DLC)n  79021164" → "n79021164") and without blanks.
[[nodiscard]] std::string normalize_identifier(std::string_view id);

/// Which authority file an identifier is a number of, so that two different numbers of one
/// file are known to name two different entities: "lcnaf" for n/nb/no/nr numbers (as a URI of
/// id.loc.gov, "(DLC)n  79021164" or bare), "lcsh" for sh numbers, "lcgft", "fast" (fst
/// numbers, FAST URIs), "wikidata", "viaf", "gnd" ("(DE-588)..."), the parenthesized MARC
/// organization code otherwise, the URI's host and path; "" when it cannot be told (bare digits).
[[nodiscard]] std::string identifier_source(std::string_view id);

/// The tag number a field counts as when it is a heading field (`n`: its own tag number):
/// `n` itself, the tag an unpaired 880's $6 names, or -1 when the field is not a heading
/// (not a heading tag, or an 880 paired with its field, which is the heading).
[[nodiscard]] int heading_tag(const record::FieldView& field, int n) noexcept;

/// Fills `h` (all but field_index and occurrence, reusing its strings' storage) with the
/// heading of `field`, taken as a field with tag number `n` (heading_tag()). Returns false
/// when `n` is not a heading tag or the field has no heading text. `scratch` is reused.
bool heading_of_field(const record::FieldView& field, int n, std::vector<record::SubfieldView>& scratch, Heading& h);

/// The heading a 240 makes with the record's 100/110/111: the name/title heading an
/// authority record establishes (the 240's $a as $t). Without a 1XX, the 240 on its own.
bool name_title_of_240(const record::RecordView& record, const record::FieldView& field,
                       std::vector<record::SubfieldView>& scratch, Heading& h);

/// A source code ($2, 040 $f) as headings are compared by it: lower case, without blanks
/// and a closing period ("AAT." → "aat").
[[nodiscard]] std::string normalize_source_code(std::string_view code);

/// Appends the headings of a bibliographic `record` to `out`: 100/110/111/130, 240, 440,
/// 600/610/611/630/647/648/650/651/655, 700/710/711/730, 740 (a title), 800/810/811/830.
/// Relator terms and codes ($e, $4; $j in meeting names), identifiers ($0, $1), sources ($2),
/// materials specified ($3), relationship information ($i) and control subfields ($5 $6 $7
/// $8) are not part of the heading. An 880 paired with its field ($6 occurrence other than 00)
/// is not counted again; an unpaired 880 counts as the tag its $6 names.
void extract_headings(const record::RecordView& record, std::vector<Heading>& out);

} // namespace marcaudit::headings
