#include "rules/vendor/source_note.hpp"

#include "rules/vendor/eresource.hpp"
#include "rules/vendor/text.hpp"

namespace marcaudit::rules::vendor {

void SourceNote::check(const record::RecordView& record, FindingSink& sink) const {
    for (const auto& field : record.fields()) {
        const auto tag = field.tag();
        if (tag == "588") {
            return;
        }
        // AACR2-era and vendor records give the source in a 500.
        if (tag == "500") {
            const auto a = field.first('a');
            if (starts_with_ci(a, "description based on") || starts_with_ci(a, "title from") ||
                starts_with_ci(a, "source of title") || starts_with_ci(a, "description based upon")) {
                return;
            }
        }
    }
    if (!eresource_signals(record).online_except(0)) {
        return;
    }
    report(record, nullptr, sink,
           "the online resource's record has no source-of-description note (588, or 500 \"Description based on\"): "
           "catalogers cannot tell which version or date the description was made from, nor where the title came "
           "from")
        .fix = "add 588 0 $aDescription based on print version record. (derived records) or 588 $aTitle from PDF "
               "title page (viewed on <date>).";
}

} // namespace marcaudit::rules::vendor
