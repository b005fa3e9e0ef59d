#include "rules/vendor/lcsh_missing.hpp"

namespace marcaudit::rules::vendor {

void LcshMissing::check(const record::RecordView& record, FindingSink& sink) const {
    bool other_subjects = false;
    for (const auto& field : record.fields()) {
        // The subject fields whose second indicator names the thesaurus (0 = LCSH); 653 and
        // 69X code it otherwise, 655 is a genre, not a subject.
        const auto n = record::tag_number(field.tag());
        const bool thesaurus = n == 600 || n == 610 || n == 611 || n == 630 || n == 647 || n == 648 || n == 650 ||
                               n == 651;
        if (thesaurus) {
            if (field.indicator(2) == '0') {
                return;
            }
            other_subjects = true;
        } else if (n >= 652 && n <= 699 && n != 655) {
            other_subjects = true;
        }
    }
    report(record, nullptr, sink,
           other_subjects ? "the record has subject headings, but none from LCSH (6XX second indicator 0): a "
                            "catalog searched and browsed by LCSH does not bring it up by subject"
                          : "the record has no subject headings at all: nobody finds it by subject")
        .fix = "add LCSH headings (600-651 with second indicator 0), e.g. from the print version's record";
}

} // namespace marcaudit::rules::vendor
