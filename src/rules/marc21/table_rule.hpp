#pragma once

/// @file
/// The base of the marc21 rules driven by the format tables: finds the spec of a field in the
/// table of the record's format, leaving out local tags and the tags a profile says to ignore.

#include <bitset>
#include <vector>
#include <string>
#include <type_traits>

#include "marcaudit/rules/marc21_tables.hpp"
#include "marcaudit/rules/rule.hpp"
#include "rules/marc21/marc21_module.hpp"

namespace marcaudit::rules::marc21 {

/// Is `tag` in a block MARC 21 leaves to local use: 9XX, or X9X (090, 590, 690...) when the
/// format does not define it (490 is defined)? `defined` says whether the format lists it.
[[nodiscard]] constexpr bool is_local_tag(std::string_view tag, bool defined) noexcept {
    return tag.size() == 3 && (tag[0] == '9' || (tag[1] == '9' && !defined));
}

using record::tag_number;

/// Fields OCLC defines in WorldCat records outside MARC 21's local blocks (9XX, X9X).
inline constexpr int k_oclc_tags[] = {19, 29, 49, 539};

/// "books (BK)" for an 008/006 material type code.
[[nodiscard]] std::string describe_material_type(std::string_view type);

/// Checks the character positions of a fixed field (or the leader) against `specs`, calling
/// `on_bad(spec, offset, status)` for the first character of an entry that is not a defined
/// code (status no) or is an obsolete one (status obsolete). Positions past the end of `data`
/// are left to marc21-control-field-length. Multi-code entries accept blanks after the codes.
/// With `only_obsolete`, entries without obsolete codes are skipped (marc21-obsolete's walk).
template <typename Range, typename OnBad>
void check_positions(const Range& specs, std::string_view data, OnBad&& on_bad, bool only_obsolete = false) {
    for (const auto& item : specs) {
        const PositionSpec& p = [&]() -> const PositionSpec& {
            if constexpr (std::is_pointer_v<std::decay_t<decltype(item)>>) {
                return *item;
            } else {
                return item;
            }
        }();
        if (p.end >= data.size() || (only_obsolete && !p.has_obsolete)) {
            continue;
        }
        if (!p.long_codes.empty() && (p.kind == PositionSpec::Kind::code || p.kind == PositionSpec::Kind::fixed)) {
            // A whole-range code ("aa"), or the same one-character code in every position ("||").
            const auto value = data.substr(p.start, p.end - p.start + 1);
            Defined status = p.long_code(value);
            if (status == Defined::no && value.find_first_not_of(value[0]) == std::string_view::npos) {
                const auto c = static_cast<unsigned char>(value[0]);
                status = c < 128 ? p.codes[c] : Defined::no;
            }
            if (status != Defined::yes) {
                on_bad(p, p.start, status);
            }
            continue;
        }
        for (unsigned i = p.start; i <= p.end; ++i) {
            const auto c = static_cast<unsigned char>(data[i]);
            Defined status = Defined::yes;
            if (p.kind == PositionSpec::Kind::number) {
                status = (c >= '0' && c <= '9') ? Defined::yes : Defined::no;
            } else if (p.has_codes() && (p.kind == PositionSpec::Kind::code || p.kind == PositionSpec::Kind::fixed)) {
                status = c < 128 ? p.codes[c] : Defined::no;
                if (status == Defined::no && p.multi && c == ' ' && i > p.start) {
                    status = Defined::yes;  // unused positions of a multi-code entry are blank
                }
            }
            if (status != Defined::yes) {
                on_bad(p, i, status);
                break;  // one finding per entry
            }
        }
    }
}

/// Tag patterns for the fields the format tables describe: 001-899, not the local 9XX block.
/// (Non-numeric tags are marc21-tag-undefined's, which asks for "*".)
inline const std::vector<std::string>& table_tags() {
    static const std::vector<std::string> tags = {"00X", "01X", "02X", "03X", "04X", "05X", "06X", "07X", "08X",
                                                  "09X", "1XX", "2XX", "3XX", "4XX", "5XX", "6XX", "7XX", "8XX"};
    return tags;
}

/// A rule checking fields against the format tables. Option `ignore_tags` (list of tags, `X`
/// for any digit: ["019", "029", "9XX"]) leaves those tags unchecked.
class TableRule : public RecordRule {
public:
    TableRule(const RuleInfo& info, const RuleOptions& options);

protected:
    /// What the tables say about one field.
    struct Lookup {
        const FormatTable* table = nullptr;  ///< null: no table for this record's format
        const FieldSpec* spec = nullptr;     ///< null: tag not listed (or 880 with a bad $6)
        bool ignored = false;                ///< local tag, or listed in ignore_tags
        bool linked = false;                 ///< an 880 checked as the field its $6 names
    };
    /// Looks `field` up. An 880 is looked up as the tag in its $6 (indicators and subfields
    /// follow the field it is the other-script form of).
    [[nodiscard]] Lookup lookup(const record::RecordView& record, const record::FieldView& field) const;
    /// The same, from check_field: uses the record kind and tag number the engine found.
    [[nodiscard]] Lookup lookup(const FieldRef& ref) const;
    /// A lookup for the rules that judge a field's parts (indicators, subfields, repetition):
    /// its spec is also null for an obsolete field, which marc21-obsolete reports once instead.
    [[nodiscard]] Lookup judged(const FieldRef& ref) const {
        Lookup l = lookup(ref);
        if (l.spec != nullptr && l.spec->defined == Defined::obsolete) {
            l.spec = nullptr;
        }
        return l;
    }

    /// Is `tag` local or listed in ignore_tags? (`defined`: does the format list it.)
    [[nodiscard]] bool ignored(std::string_view tag, bool defined) const noexcept;

    /// "245 (Title Statement)"; for an 880: "880 (other-script form of 245 Title Statement)".
    [[nodiscard]] static std::string label(const Lookup& lookup, const record::FieldView& field);

    const FormatTables& m_tables;

private:
    std::bitset<1000> m_ignore;
};

} // namespace marcaudit::rules::marc21
