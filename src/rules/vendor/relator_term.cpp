#include "rules/vendor/relator_term.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "rules/vendor/eresource.hpp"
#include "rules/vendor/relators.hpp"

namespace marcaudit::rules::vendor {

namespace {

/// Whether `term` is to be judged against the English lists: the designators of records
/// cataloged in another language are in that language ("ред.", "Tł."). With 040 $b, the
/// language it names decides; without, a term in ASCII is taken for English.
bool judged(const record::RecordView& record, std::string_view term) {
    if (const auto* f040 = record.first_field("040"); f040 != nullptr) {
        for (const auto& sf : f040->subfields()) {
            if (sf.code == 'b') {
                return relator_key(sf.value) == "eng";
            }
        }
    }
    return std::all_of(term.begin(), term.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

} // namespace

void RelatorTerm::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    // RDA's designators are RDA's: an AACR2 or earlier record's "joint author." or "ed." is
    // the practice it was cataloged under, not a defect.
    if (!is_rda(record)) {
        return;
    }
    const auto& lists = relators();
    // Meetings (X11) carry the relator term in $j: their $e is a subordinate unit.
    const char code = ref.tag == 111 || ref.tag == 711 ? 'j' : 'e';
    for (const auto& sf : ref.subfields) {
        if (sf.code != code) {
            continue;
        }
        const auto key = relator_key(sf.value);
        if (key.empty() || lists.terms.contains(key) || !judged(record, sf.value)) {
            continue;
        }
        const auto abbreviation = lists.abbreviations.find(key);
        Finding& f = report(
            ref, sink,
            abbreviation != lists.abbreviations.end()
                ? fmt::format("{} ${} '{}' is an AACR2-era term: RDA's relationship designator is '{}', and facets and "
                              "role searches (\"editor\") miss the abbreviation",
                              ref.field.tag(), code, display_value(sf.value, 30), abbreviation->second)
                : fmt::format("{} ${} '{}' is not an RDA relationship designator: role facets and searches by role "
                              "miss it",
                              ref.field.tag(), code, display_value(sf.value, 30)));
        f.position = fmt::format("${}", code);
        f.value = full_value(sf.value);
        f.fix = abbreviation != lists.abbreviations.end()
                    ? fmt::format("${}{}", code, abbreviation->second)
                    : std::string{"use a term from RDA's relationship designators (author, editor, illustrator, "
                                  "translator ...), one per $e"};
    }
}

} // namespace marcaudit::rules::vendor
