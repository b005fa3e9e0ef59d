#include "rules/vendor/print_link.hpp"

#include <string>

#include "rules/vendor/eresource.hpp"
#include "rules/vendor/text.hpp"

namespace marcaudit::rules::vendor {

namespace {

/// Whether a 020 $z is another version's ISBN, as the provider-neutral guide records print
/// ISBNs: unless its qualifier says it is an invalid or cancelled number, or an electronic one.
bool other_version_isbn(const record::FieldView& f020) {
    bool has_z = false;
    std::string qualifiers;
    for (const auto& sf : f020.subfields()) {
        if (sf.code == 'z' && !trim_blanks(sf.value).empty()) {
            has_z = true;
            qualifiers += sf.value;
            qualifiers += ' ';
        } else if (sf.code == 'q') {
            qualifiers += sf.value;
            qualifiers += ' ';
        }
    }
    if (!has_z) {
        return false;
    }
    for (const std::string_view word : {"invalid", "cancel", "electronic", "ebook", "e-book", "online", "pdf", "epub"}) {
        if (contains_ci(qualifiers, word)) {
            return false;
        }
    }
    return true;
}

} // namespace

void PrintLink::check(const record::RecordView& record, FindingSink& sink) const {
    // Evidence of a print version: a print ISBN in 020 (a print qualifier, or a $z that is
    // not an invalid or electronic number).
    const record::FieldView* evidence = nullptr;
    for (const auto& field : record.fields()) {
        const auto tag = field.tag();
        if (tag == "776") {
            return;
        }
        if (tag == "020" && evidence == nullptr && (print_qualifier(field) || other_version_isbn(field))) {
            evidence = &field;
        }
    }
    if (evidence == nullptr || !eresource_signals(record).online_except(0)) {
        return;
    }
    Finding& f = report(record, evidence, sink,
                        "the online resource has a print version (a print ISBN in 020) but no 776 linking it: "
                        "discovery layers cannot show \"also available in print\", and the print ISBN is left to "
                        "match the wrong version");
    f.value = full_value(evidence->data());
    f.fix = "add 776 08 $iPrint version:$a<main entry>$t<title>$z<print ISBN>$w(DLC)<LCCN>$w(OCoLC)<number>";
}

} // namespace marcaudit::rules::vendor
