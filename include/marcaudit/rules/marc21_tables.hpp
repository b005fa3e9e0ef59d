#pragma once

/// @file
/// The MARC 21 format tables (rules/marc21/*.toml) as the marc21 module's rules use them:
/// per tag, its repeatability, valid indicator values and subfield codes; per fixed field,
/// the valid codes of each character position. Loaded once per process, then read-only.

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "marcaudit/record/record_view.hpp"
#include "marcaudit/rules/profile.hpp"

namespace marcaudit::rules::marc21 {

/// A malformed format table (rules/marc21/*.toml): names the file, line and key. A
/// configuration error like a bad profile (exit code 2).
class FormatTableError : public ProfileError {
public:
    explicit FormatTableError(const std::string& message) : ProfileError(message, "MARC 21 format table") {}
};

/// Whether the format defines a tag, indicator value, subfield code or fixed-field code.
enum class Defined : std::uint8_t { no = 0, yes = 1, obsolete = 2 };

/// A subfield code of one tag.
struct SubfieldSpec {
    Defined defined = Defined::no;
    bool repeatable = false;
};

/// One variable field of a format.
struct FieldSpec {
    std::string tag;
    std::string name;
    Defined defined = Defined::no;
    bool repeatable = false;
    std::array<std::array<Defined, 128>, 2> indicators{};  ///< [0] first, [1] second; by character
    std::array<SubfieldSpec, 128> subfields{};               ///< by code (7-bit)
    std::map<char, std::string> subfield_names;
    bool has_obsolete_parts = false;  ///< an obsolete indicator value or subfield code

    [[nodiscard]] Defined indicator(int which, char value) const noexcept {
        const auto c = static_cast<unsigned char>(value);
        return c < 128 ? indicators[which - 1][c] : Defined::no;
    }
    [[nodiscard]] const SubfieldSpec& subfield(char code) const noexcept {
        static constexpr SubfieldSpec none{};
        const auto c = static_cast<unsigned char>(code);
        return c < 128 ? subfields[c] : none;
    }
    /// The valid values of an indicator for a message: "blank, 0 or 1"; "blank" when undefined.
    [[nodiscard]] const std::string& indicator_values(int which) const noexcept { return valid_indicators[which - 1]; }
    /// The subfield codes the field defines (not the obsolete ones), for a fix: "$a $b $6".
    [[nodiscard]] const std::string& defined_codes() const noexcept { return codes_text; }

    std::array<std::string, 2> valid_indicators;  ///< filled when the table is loaded
    std::string codes_text;                       ///< filled when the table is loaded
};

/// What a character position (or range of positions) of a fixed field may hold.
struct PositionSpec {
    unsigned start = 0;  ///< first position, 0-based
    unsigned end = 0;    ///< last position, inclusive
    std::string name;
    enum class Kind : std::uint8_t { code, number, fixed, any } kind = Kind::any;
    bool multi = false;  ///< several one-character codes, left-justified, blank-filled
    std::array<Defined, 128> codes{};  ///< for kind code/fixed: the valid one-character codes
    /// Codes as long as the range ("aa" for 008/22-23 of maps), blanks as ' ', with their status.
    std::vector<std::pair<std::string, Defined>> long_codes;
    std::string values;                ///< the valid codes for a message: "a, c, d, n or p"

    bool has_obsolete = false;         ///< some code of this entry is obsolete
    [[nodiscard]] bool has_codes() const noexcept { return !values.empty(); }
    /// The status of the code at the entry's whole range (for long codes).
    [[nodiscard]] Defined long_code(std::string_view value) const noexcept {
        for (const auto& [code, status] : long_codes) {
            if (code == value) {
                return status;
            }
        }
        return Defined::no;
    }
    /// "/06" or "/18-21", as catalogers write positions.
    [[nodiscard]] std::string label() const;
};

using PositionTable = std::vector<PositionSpec>;

/// One MARC 21 format (bibliographic or authority): its fields and fixed fields.
class FormatTable {
public:
    /// True when the tables list fields (a format without them is not checked at all).
    [[nodiscard]] bool loaded() const noexcept { return !m_fields.empty(); }
    [[nodiscard]] const std::string& name() const noexcept { return m_name; }
    /// The spec of a numeric tag, or nullptr when the format does not list it (local tags too).
    [[nodiscard]] const FieldSpec* field(std::string_view tag) const noexcept;
    /// The spec of tag number `n` (0-999), or nullptr.
    [[nodiscard]] const FieldSpec* field(unsigned n) const noexcept {
        return n < 1000 && m_index[n] != 0 ? &m_fields[static_cast<std::size_t>(m_index[n] - 1)] : nullptr;
    }

    [[nodiscard]] const PositionTable& leader() const noexcept { return m_leader; }
    /// 008 positions for a record with this leader: those of all materials, and those of the
    /// material type Leader/06-07 select (null when none fits). `type` receives the type's
    /// code ("BK"), empty when none fits.
    [[nodiscard]] std::pair<const PositionTable*, const PositionTable*> field008(record::LeaderView leader,
                                                                               std::string_view& type) const;
    /// 006 positions for 006/00 = `form`, or null when the code selects no type.
    [[nodiscard]] const PositionTable* field006(char form, std::string_view& type) const;
    /// 007 positions for category 007/00 = `category`, or null for an unknown category.
    [[nodiscard]] const PositionTable* field007(char category) const;
    /// Does the format define 007 categories at all?
    [[nodiscard]] bool has_007() const noexcept { return !m_007.empty(); }
    /// The lengths a 007 of `category` may have: its full length, and shorter forms the format
    /// allows (an electronic resource's 007 may stop after 007/05), longest first. Empty for an
    /// unknown category. Worked out when the table is loaded.
    [[nodiscard]] const std::vector<unsigned>& field007_lengths(char category) const;
    /// The length a fixed field must have in this format (005: 16, 006: 18, 008: 40, or 32 in
    /// holdings records: the end of its last position), 0 when the field is not fixed.
    [[nodiscard]] unsigned fixed_length(std::string_view tag) const noexcept {
        return tag == "005" ? 16U : tag == "006" ? 18U : tag == "008" ? m_008_length : 0U;
    }

    [[nodiscard]] const std::vector<std::filesystem::path>& files() const noexcept { return m_files; }

    /// Reads `<dir>/<format>-*.toml`. @throws FormatTableError naming the file, line and key.
    static FormatTable load(const std::filesystem::path& dir, std::string_view format);

private:
    void load_fields(const std::filesystem::path& file, const void* table);
    void load_fixed(const std::filesystem::path& file, const void* table);
    /// Works out what the checks ask for on every field: the 008 length, the 007 lengths.
    void finish();

    std::string m_name;
    std::vector<std::filesystem::path> m_files;
    std::array<int, 1000> m_index{};  ///< tag number → index + 1 into m_fields; 0 = not listed
    std::vector<FieldSpec> m_fields;
    PositionTable m_leader;
    PositionTable m_008_all;
    std::map<std::string, PositionTable> m_008_by_type;
    struct MaterialType {
        std::string type;
        std::string leader06;
        std::string leader07;
    };
    std::vector<MaterialType> m_material_types;
    std::map<std::string, PositionTable> m_006_by_type;
    std::map<char, std::string> m_006_forms;
    std::map<char, PositionTable> m_007;
    std::map<char, std::vector<unsigned>> m_007_lengths;  ///< every length allowed, by category
    unsigned m_008_length = 40;
};

/// The formats marcaudit validates against.
struct FormatTables {
    FormatTable bibliographic;
    FormatTable authority;
    FormatTable holdings;

    /// The table for a record of `kind`, or null when there is none (holdings etc.).
    [[nodiscard]] const FormatTable* for_kind(record::RecordKind kind) const noexcept {
        switch (kind) {
            case record::RecordKind::bibliographic: return bibliographic.loaded() ? &bibliographic : nullptr;
            case record::RecordKind::authority: return authority.loaded() ? &authority : nullptr;
            case record::RecordKind::holdings: return holdings.loaded() ? &holdings : nullptr;
            default: return nullptr;
        }
    }
};

/// The tables in `rules_directory()/marc21`, loaded on first use and shared.
/// @throws FormatTableError when a table is malformed.
[[nodiscard]] const FormatTables& format_tables();

} // namespace marcaudit::rules::marc21
