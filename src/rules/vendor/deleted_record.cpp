#include "rules/vendor/deleted_record.hpp"

namespace marcaudit::rules::vendor {

void DeletedRecord::check(const record::RecordView& record, FindingSink& sink) const {
    if (record.leader().record_status() != 'd') {
        return;
    }
    Finding& f = report(record, nullptr, sink,
                        "the record is marked deleted (Leader/05 d): loaded with new records, it either deletes the "
                        "catalog's copy or is added as a live record, depending on the load profile");
    f.tag = "LDR";
    f.position = "/05";
    f.fix = "load deletions separately, with a delete load profile, or remove the record from this file";
}

} // namespace marcaudit::rules::vendor
