#include "rules/marc21/isbd_punctuation.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace marcaudit::rules::marc21 {

namespace {

/// One rule of ISBD punctuation as MARC 21 records carry it: the subfield before `next`
/// ends with one of `marks` (the mark that introduces the element in `next`).
struct MarkRule {
    std::string_view tags;     ///< the fields it applies to ("260 264")
    char next;                 ///< the subfield the mark introduces
    std::string_view before;   ///< which subfields may come before it ("" for any)
    std::string_view marks;    ///< the marks that may end the subfield before it
    std::string_view element;  ///< what the next subfield holds, for the message
    std::string_view mark;     ///< the mark to write, for the message and the fix
};

// ISBD consolidated edition (2011), areas 1, 2, 4, 5 and 6, and the MARC 21 field pages'
// punctuation notes (LC-PCC practice): the mark belongs at the end of the preceding subfield.
// A parallel title (" =") and a second title by the same author (" ;") may also precede 245
// $b; " =" a parallel statement.
constexpr MarkRule k_rules[] = {
    {"245", 'b', "", ":=;", "other title information", " :"},
    {"245", 'c', "", "/", "the statement of responsibility", " /"},
    {"250", 'b', "a", "/=", "the statement of responsibility of the edition", " /"},
    {"260 264", 'b', "a", ":", "the publisher's name", " :"},
    {"260 264", 'c', "b", ",", "the date", ","},
    {"300", 'b', "a", ":", "other physical details", " :"},
    {"300", 'c', "ab", ";", "the dimensions", " ;"},
    {"300", 'e', "abc", "+", "accompanying material", " +"},
    {"490", 'v', "a", ";", "the numbering within the series", " ;"},
};

/// `v` without blanks at its end.
std::string_view trim_end(std::string_view v) {
    while (!v.empty() && v.back() == ' ') {
        v.remove_suffix(1);
    }
    return v;
}

/// Whether `v` ends with one of `marks`, also inside a closing bracket: when place and
/// publisher were both supplied, AACR2 puts the mark inside ("[Kalakattā : ]").
bool ends_with_mark(std::string_view v, std::string_view marks) {
    v = trim_end(v);
    if (v.empty() || marks.find(v.back()) != std::string_view::npos) {
        return true;
    }
    if (v.back() == ']') {
        v = trim_end(v.substr(0, v.size() - 1));
        return !v.empty() && marks.find(v.back()) != std::string_view::npos;
    }
    return false;
}

} // namespace

void IsbdPunctuation::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    // Leader/18: a (AACR2) and i (ISBD punctuation included) say the marks are in the record;
    // c and n (punctuation omitted), blank (non-ISBD) and u leave the record alone.
    const char form = record.leader().at(18);
    if (form != 'a' && form != 'i') {
        return;
    }
    const auto tag = ref.field.tag();
    // 264 second indicator 4 is a copyright date alone ($c).
    if (tag == "264" && ref.field.indicator(2) == '4') {
        return;
    }
    const auto& sfs = ref.subfields;
    for (std::size_t i = 1; i < sfs.size(); ++i) {
        const auto& prev = sfs[i - 1];
        const auto& cur = sfs[i];
        for (const auto& r : k_rules) {
            if (r.next != cur.code || r.tags.find(tag) == std::string_view::npos) {
                continue;
            }
            if (!r.before.empty() && r.before.find(prev.code) == std::string_view::npos) {
                continue;
            }
            if (prev.code >= '0' && prev.code <= '9') {
                continue;  // a $6 or $8 before it carries no mark
            }
            if (ends_with_mark(prev.value, r.marks)) {
                continue;
            }
            // The mark keyed at the start of the next subfield ("$b: Publisher", "$e+ 1
            // atlas") displays the same: misplaced, not missing.
            const auto next_value = cur.value.substr(std::min(cur.value.find_first_not_of(' '), cur.value.size()));
            if (!next_value.empty() && r.marks.find(next_value.front()) != std::string_view::npos) {
                continue;
            }
            // A bracketed or parenthesized end ("[1999]", "(pbk.)") is followed by the mark
            // all the same; so is a question or exclamation mark: only the mark counts.
            const char last = trim_end(prev.value).back();
            auto& f = report(ref, sink,
                             fmt::format("{} ${} ends with '{}' before ${} ({}): the record is coded as having ISBD "
                                         "punctuation (Leader/18 {}), which puts '{}' there",
                                         tag, prev.code, std::string(1, last), cur.code, r.element, form,
                                         std::string{r.mark}));
            f.position = fmt::format("${}", prev.code);
            f.value = full_value(ref.field.data());
            f.fix = fmt::format("end ${} with '{}'", prev.code, std::string{r.mark});
            return;  // one per field
        }
    }
}

} // namespace marcaudit::rules::marc21
