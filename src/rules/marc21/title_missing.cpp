#include "rules/marc21/title_missing.hpp"

#include <fmt/format.h>

#include "rules/marc21/marc21_module.hpp"

namespace marcaudit::rules::marc21 {

void TitleMissing::check(const record::RecordView& record, FindingSink& sink) const {
    if (!is_bibliographic(record)) {
        return;
    }
    const record::FieldView* second = nullptr;
    std::size_t count = 0;
    for (const auto& field : record.fields()) {
        if (field.tag() == "245" && ++count == 2) {
            second = &field;
        }
    }
    if (count == 0) {
        report(record, nullptr, sink,
               "the record has no 245 (title statement): it cannot be found by title and displays "
               "without one")
            .fix = "add the 245 from the item's title page (or the source of description)";
    } else if (count > 1) {
        auto& f = report(record, second, sink,
               fmt::format("the record has {} 245 fields; 245 is not repeatable, so systems keep one title "
                           "and drop or merge the others",
                           count));
        f.value = display_value(second->data(), 60);
        f.fix = "keep one 245; move other titles to 246 (varying form) or 740";
    }
}

} // namespace marcaudit::rules::marc21
