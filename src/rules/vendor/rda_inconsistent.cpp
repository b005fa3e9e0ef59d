#include "rules/vendor/rda_inconsistent.hpp"

#include "rules/vendor/eresource.hpp"

namespace marcaudit::rules::vendor {

void RdaInconsistent::check(const record::RecordView& record, FindingSink& sink) const {
    if (!is_rda(record)) {
        return;  // an AACR2 record may carry 33X (PCC's hybrid records) and any Leader/18
    }
    if (record.leader().at(18) == 'a') {
        Finding& f = report(record, nullptr, sink,
                            "040 $e says the record follows RDA but Leader/18 (descriptive cataloging form) is a, "
                            "AACR2: systems that pick records by their rules take it for an AACR2 record");
        f.tag = "LDR";
        f.position = "/18";
        f.value = "a";
        f.fix = "set Leader/18 to i (ISBD punctuation included), as RDA records are coded";
    }
    bool has_33x = false;
    for (const auto& field : record.fields()) {
        has_33x = has_33x || field.tag() == "336" || field.tag() == "337" || field.tag() == "338";
    }
    // An online resource's missing 33X are vendor-eresource-carrier's, with the terms to use.
    if (!has_33x && !eresource_signals(record).online_except(0)) {
        report(record, nullptr, sink,
               "040 $e says the record follows RDA but it has no 336, 337 or 338 (content, media and carrier "
               "type): format facets and filters built on them leave it out")
            .fix = "add 336, 337 and 338 (for a printed book: text $btxt $2rdacontent, unmediated $bn $2rdamedia, "
                   "volume $bnc $2rdacarrier)";
    }
}

} // namespace marcaudit::rules::vendor
