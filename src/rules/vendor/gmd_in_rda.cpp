#include "rules/vendor/gmd_in_rda.hpp"

#include "rules/vendor/eresource.hpp"

namespace marcaudit::rules::vendor {

void GmdInRda::check(const record::RecordView& record, FindingSink& sink) const {
    const auto* f245 = record.first_field("245");
    if (f245 == nullptr || !is_rda(record)) {
        return;
    }
    for (const auto& sf : f245->subfields()) {
        if (sf.code == 'h') {
            Finding& f = report(record, f245, sink,
                                "245 $h (general material designation) in an RDA record: RDA replaced it with 336/337/"
                                "338, and displays show the bracketed term inside the title");
            f.position = "$h";
            f.value = full_value(sf.value);
            f.fix = "delete 245 $h (move its punctuation to the preceding subfield) and record 336/337/338";
        }
    }
}

} // namespace marcaudit::rules::vendor
