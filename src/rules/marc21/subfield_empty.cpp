#include "rules/marc21/subfield_empty.hpp"

#include <fmt/format.h>

namespace marcaudit::rules::marc21 {

void SubfieldEmpty::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    const auto& field = ref.field;
    if (!field.is_control()) {
        for (const auto& sf : ref.subfields) {
            if (!sf.value.empty() && sf.value.find_first_not_of(' ') != std::string_view::npos) {
                continue;
            }
            const bool codeless = sf.code == 0;
            const std::string what = codeless ? std::string{"a subfield delimiter with no code and no value"}
                                              : fmt::format("${} is empty{}", sf.code, sf.value.empty() ? "" : " (only blanks)");
            auto& f = report(ref, sink,
                             fmt::format("{}: {}; an empty subfield adds nothing and some systems reject the record",
                                         field.tag(), what));
            f.value = full_value(field.data());
            f.fix = codeless ? std::string{"delete the stray delimiter"}
                             : fmt::format("delete the empty ${} or give it its value", sf.code);
        }
    }
}

} // namespace marcaudit::rules::marc21
