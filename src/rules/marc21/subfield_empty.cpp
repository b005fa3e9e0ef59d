#include "rules/marc21/subfield_empty.hpp"

#include <fmt/format.h>

namespace marcaudit::rules::marc21 {

void SubfieldEmpty::check(const record::RecordView& record, FindingSink& sink) const {
    for (const auto& field : record.fields()) {
        if (field.is_control()) {
            continue;
        }
        for (const auto& sf : field.subfields()) {
            if (!sf.value.empty() && sf.value.find_first_not_of(' ') != std::string_view::npos) {
                continue;
            }
            const bool codeless = sf.code == 0;
            const std::string what = codeless ? std::string{"a subfield delimiter with no code and no value"}
                                              : fmt::format("${} is empty{}", sf.code, sf.value.empty() ? "" : " (only blanks)");
            auto& f = report(record, &field, sink,
                             fmt::format("{}: {}; an empty subfield adds nothing and some systems reject the record",
                                         field.tag(), what));
            f.value = display_value(field.data(), 60);
            f.fix = codeless ? std::string{"delete the stray delimiter"}
                             : fmt::format("delete the empty ${} or give it its value", sf.code);
        }
    }
}

} // namespace marcaudit::rules::marc21
