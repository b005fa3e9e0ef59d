#include "rules/marc21/subfield_typed.hpp"

#include <fmt/format.h>

namespace marcaudit::rules::marc21 {

namespace {

bool lower_or_digit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/// Where in `v` a delimiter was typed: "$" or "‡" (U+2021, as OCLC Connexion shows it),
/// then a subfield code `field` defines, then the data (not a blank for "$": "Ca$h" and
/// "Ke$ha" are words, "$25.00" a price). npos when there is none.
std::size_t typed_delimiter(std::string_view v, const FieldSpec& field, char& code) {
    for (std::size_t i = 0; i + 1 < v.size(); ++i) {
        std::size_t at = std::string_view::npos;
        std::size_t width = 0;
        if (v[i] == '$') {
            at = i;
            width = 1;
        } else if (v.substr(i).starts_with("\u2021")) {
            at = i;
            width = 3;
        }
        if (at == std::string_view::npos || at + width >= v.size()) {
            continue;
        }
        const char c = v[at + width];
        if (!lower_or_digit(c) || field.subfield(c).defined != Defined::yes) {
            continue;
        }
        const char next = at + width + 1 < v.size() ? v[at + width + 1] : '\0';
        if (width == 1) {
            // "$beng": data right after the code. A digit code followed by a digit, a point or
            // a comma is an amount ("$25.00", "$2,000"); a letter code at the end is a word.
            if (next == '\0' || next == ' ' ||
                (c >= '0' && c <= '9' && ((next >= '0' && next <= '9') || next == '.' || next == ','))) {
                continue;
            }
        } else if (next == '\0') {
            continue;
        }
        code = c;
        return at;
    }
    return std::string_view::npos;
}

} // namespace

void SubfieldTyped::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    if (ref.field.is_control()) {
        return;
    }
    const Lookup l = judged(ref);
    if (l.spec == nullptr) {
        return;
    }
    for (const auto& sf : ref.subfields) {
        // Links and identifiers may hold a "$" of their own (a URL's query).
        if (sf.code == 'u' || (sf.code >= '0' && sf.code <= '9')) {
            continue;
        }
        char code = 0;
        const auto at = typed_delimiter(sf.value, *l.spec, code);
        if (at == std::string_view::npos) {
            continue;
        }
        const auto typed = sf.value.substr(at, sf.value[at] == '$' ? 2 : 4);
        auto& f = report(ref, sink,
                         fmt::format("{} ${} holds '{}' typed as text: a subfield delimiter and code keyed (or pasted "
                                     "from a display) into the data, so what follows is not a ${} but part of ${}, "
                                     "and searches and displays of ${} miss it",
                                     ref.field.tag(), sf.code, std::string{typed}, code, sf.code, code));
        f.position = fmt::format("${}", sf.code);
        f.value = full_value(sf.value);
        f.fix = fmt::format("replace the typed '{}' with a real subfield delimiter and code ${}", std::string{typed},
                            code);
        return;  // one per field
    }
}

} // namespace marcaudit::rules::marc21
