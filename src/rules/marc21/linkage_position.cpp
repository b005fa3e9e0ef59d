#include "rules/marc21/linkage_position.hpp"

#include <fmt/format.h>

namespace marcaudit::rules::marc21 {

// MARC 21 Appendix A (Control subfields, $6 Linkage): "Subfield $6 is always the first
// subfield in the field." Systems that pair a field with its 880 read the first subfield.
void LinkagePosition::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    if (ref.field.is_control() || ref.subfields.empty()) {
        return;
    }
    if (lookup(ref).ignored) {
        return;
    }
    for (std::size_t i = 1; i < ref.subfields.size(); ++i) {
        if (ref.subfields[i].code != '6') {
            continue;
        }
        auto& f = report(ref, sink,
                         fmt::format("{} has its $6 linkage as subfield {} of {}, after ${}: MARC 21 puts $6 first, "
                                     "and systems that pair the field with its other-script 880 read it there",
                                     ref.field.tag(), i + 1, ref.subfields.size(), ref.subfields[0].code == 0
                                                                                      ? '?'
                                                                                      : ref.subfields[0].code));
        f.position = "$6";
        f.value = full_value(ref.field.data());
        f.fix = fmt::format("move $6{} to the start of the field", std::string{ref.subfields[i].value});
        return;
    }
}

} // namespace marcaudit::rules::marc21
