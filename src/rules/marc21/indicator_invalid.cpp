#include "rules/marc21/indicator_invalid.hpp"

#include <fmt/format.h>

#include "rules/marc21/marc21_module.hpp"

namespace marcaudit::rules::marc21 {

void IndicatorInvalid::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    const auto& field = ref.field;
    if (field.is_control()) {
        return;
    }
    const Lookup l = lookup(ref);
    if (l.spec == nullptr || l.ignored || l.spec->defined == Defined::obsolete) {
        // An obsolete field is marc21-obsolete's finding: its parts are not judged one by one.
        return;
    }
    for (int which = 1; which <= 2; ++which) {
        const char c = field.indicator(which);
        if (l.spec->indicator(which, c) != Defined::no) {
            continue;  // defined, or obsolete (marc21-obsolete's finding)
        }
        const char* const nth = which == 1 ? "first" : "second";
        const std::string& valid = l.spec->indicator_values(which);
        std::string message;
        std::string fix;
        if (valid == "blank") {
            message = fmt::format("{} {} indicator is {}, but it is undefined for this field and must be blank",
                                  label(l, field), nth, show_code(c));
            fix = fmt::format("set the {} indicator to blank", nth);
        } else {
            message = fmt::format("{} {} indicator is {}, which MARC 21 does not define here; valid values: {}",
                                  label(l, field), nth, show_code(c), valid);
            fix = fmt::format("set the {} indicator to the value that fits the field: {}", nth, valid);
        }
        auto& f = report(ref, sink, std::move(message));
        f.position = which == 1 ? "ind1" : "ind2";
        f.value = display_value(field.data(), 60);
        f.fix = std::move(fix);
    }
}

} // namespace marcaudit::rules::marc21
