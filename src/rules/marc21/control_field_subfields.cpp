#include "rules/marc21/control_field_subfields.hpp"

#include <fmt/format.h>

namespace marcaudit::rules::marc21 {

void ControlFieldSubfields::check_field(const record::RecordView& /*record*/, const FieldRef& ref,
                                        FindingSink& sink) const {
    const auto& field = ref.field;
    {
        const auto pos = field.data().find(record::subfield_delimiter);
        if (pos == std::string_view::npos) {
            return;
        }
        auto& f = report(ref, sink,
                         fmt::format("{} is a control field, which has no subfields, but it holds a subfield "
                                     "delimiter at character {}; the value systems read is wrong{}",
                                     field.tag(), pos + 1,
                                     field.tag() == "001" ? " (and so is the record's control number)" : ""));
        f.byte_offset += pos;
        f.value = full_value(field.data());
        f.fix = "remove the delimiter and subfield code, keeping the value";
    }
}

} // namespace marcaudit::rules::marc21
