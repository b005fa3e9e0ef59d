#include "rules/vendor/classification_missing.hpp"

namespace marcaudit::rules::vendor {

void ClassificationMissing::check(const record::RecordView& record, FindingSink& sink) const {
    for (const auto& field : record.fields()) {
        const auto tag = field.tag();
        // LC (050, 055 Canadian, 090 local), NLM (060), Dewey (082, 083 additional, 092 local).
        if (tag == "050" || tag == "055" || tag == "060" || tag == "082" || tag == "083" || tag == "090" ||
            tag == "092") {
            return;
        }
    }
    report(record, nullptr, sink,
           "the record has no LC, NLM or Dewey class number (050, 055, 060, 082, 083, 090, 092): it cannot be "
           "browsed by call number, is left out "
           "of collection analysis by subject area, and shelf-ready processing has nothing to label")
        .fix = "add 050 (LC Classification) or 082 (Dewey), e.g. from the print version's record";
}

} // namespace marcaudit::rules::vendor
