#include "rules/vendor/spacing.hpp"

#include <fmt/format.h>

namespace marcaudit::rules::vendor {

namespace {

/// Whether `v` has two blanks in a row outside an open entry's angle brackets: "v. <1   >"
/// leaves room on purpose for the volumes still to come.
bool has_double_space(std::string_view v) {
    const auto first = v.find("  ");
    if (first == std::string_view::npos) {
        return false;
    }
    if (v.find('<') == std::string_view::npos) {
        return true;
    }
    bool open = false;
    for (std::size_t i = 0; i + 1 < v.size(); ++i) {
        open = v[i] == '<' ? true : v[i] == '>' ? false : open;
        if (!open && v[i] == ' ' && v[i + 1] == ' ') {
            return true;
        }
    }
    return false;
}

} // namespace

// The description and the access points only: numbers in 0XX have layouts with blanks in
// them (the LCCN in 010 is "  2001012345"), and 9XX are local. For the same reason the
// subfields that hold numbers or links are left alone: $w (a record control number such as
// "(DLC)  2017961675") and the numeric codes ($0 $1 identifiers, $2 sources, $6 linkage).
void Spacing::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    for (const auto& sf : ref.subfields) {
        const auto v = sf.value;
        if (trim_blanks(v).empty() || sf.code == 'w' || (sf.code >= '0' && sf.code <= '9')) {
            continue;  // an empty or blank subfield is marc21-subfield-empty's
        }
        std::string_view what;
        if (has_double_space(v)) {
            what = "double spaces";
        } else if (v.back() == ' ') {
            what = "a blank at its end";
        } else if (v.front() == ' ') {
            what = "a blank at its start";
        } else {
            continue;
        }
        Finding& f = report(ref, sink,
                            fmt::format("{} ${} has {}: displays show the gap, exact-match loads and dedup see two "
                                        "different strings",
                                        ref.field.tag(), sf.code, what));
        f.position = fmt::format("${}", sf.code);
        f.value = full_value(v);
        f.fix = "collapse double spaces to one and delete blanks at the start and end of subfields";
        return;  // one finding per field
    }
}

} // namespace marcaudit::rules::vendor
