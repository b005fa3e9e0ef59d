#include "rules/marc21/title_subfield_a.hpp"

#include <fmt/format.h>

namespace marcaudit::rules::marc21 {

void TitleSubfieldA::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    const auto& field = ref.field;
    // An 880 is checked when it is the other-script form of the 245.
    const bool other_script = ref.tag == 880;
    if (other_script && !field.first('6').starts_with("245")) {
        return;
    }
    const char* const which = other_script ? "880 (other-script 245)" : "245";
    const record::SubfieldView* first = nullptr;
    bool has_a = false;
    for (const auto& sf : ref.subfields) {
        if (first == nullptr && sf.code != '6' && sf.code != 0) {
            first = &sf;
        }
        has_a = has_a || sf.code == 'a';
    }
    if (!has_a) {
        auto& f = report(ref, sink,
                         fmt::format("{} has no $a: the title proper is missing, so title searches and displays have "
                                     "nothing to show for the record",
                                     which));
        f.value = full_value(field.data());
        f.fix = "put the title proper in $a, the first subfield of 245 (after $6 when there is one)";
        return;
    }
    if (first != nullptr && first->code != 'a') {
        auto& f = report(ref, sink,
                         fmt::format("{} starts with ${} instead of $a: systems that index or display $a first show "
                                     "the title in the wrong order or file it under the wrong words",
                                     which, first->code));
        f.position = fmt::format("${}", first->code);
        f.value = full_value(field.data());
        f.fix = "move the title proper to a $a at the start of the field (after $6 when there is one)";
    }
}

} // namespace marcaudit::rules::marc21
