#include "rules/marc21/title_missing.hpp"

#include <fmt/format.h>

#include "rules/marc21/marc21_module.hpp"

namespace marcaudit::rules::marc21 {

void TitleMissing::check(const record::RecordView& record, FindingSink& sink) const {
    // Bibliographic records only (see scope()). A repeated 245 is marc21-tag-not-repeatable's.
    if (record.first_field("245") == nullptr) {
        report(record, nullptr, sink,
               "the record has no 245 (title statement): it cannot be found by title and displays "
               "without one")
            .fix = "add the 245 from the item's title page (or the source of description)";
    }
}

} // namespace marcaudit::rules::marc21
