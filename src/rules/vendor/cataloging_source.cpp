#include "rules/vendor/cataloging_source.hpp"

#include "rules/vendor/eresource.hpp"

namespace marcaudit::rules::vendor {

void CatalogingSource::check(const record::RecordView& record, FindingSink& sink) const {
    const auto* f040 = record.first_field("040");
    if (f040 == nullptr) {
        report(record, nullptr, sink,
               "the record has no 040 (cataloging source): who created and changed it, in which language and under "
               "which rules, is not recorded")
            .fix = "add 040 $a (creator's MARC code) $b (language, e.g. eng) $e (rules, e.g. rda) $c (transcriber)";
        return;
    }
    bool b = false;
    bool e = false;
    for (const auto& sf : f040->subfields()) {
        b = b || (sf.code == 'b' && !sf.value.empty());
        e = e || (sf.code == 'e' && !sf.value.empty());
    }
    if (!b) {
        Finding& f = report(record, f040, sink,
                            "040 has no $b (language of cataloging): systems cannot tell which language the notes and "
                            "subdivisions are in");
        f.position = "$b";
        f.fix = "add 040 $b with the language code of the cataloging (e.g. eng)";
    }
    // RDA records say so in $e; an AACR2 record (Leader/18 a) needs none.
    const bool rda_signals = record.first_field("336") != nullptr && record.leader().at(18) != 'a';
    if (!e && rda_signals) {
        Finding& f = report(record, f040, sink,
                            "040 has no $e (description conventions) though the record has RDA elements (336): "
                            "systems and catalogers cannot tell which rules it follows");
        f.position = "$e";
        f.fix = "add 040 $e rda";
    }
}

} // namespace marcaudit::rules::vendor
