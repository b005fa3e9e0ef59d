#include "rules/marc21/indicator_invalid.hpp"

#include <fmt/format.h>

#include "rules/marc21/marc21_module.hpp"

namespace marcaudit::rules::marc21 {

void IndicatorInvalid::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    const auto& field = ref.field;
    if (field.is_control()) {
        return;
    }
    const Lookup l = judged(ref);
    if (l.spec == nullptr) {
        return;  // not in the tables, ignored, or obsolete (marc21-obsolete's finding)
    }
    // A data field starts with exactly two indicators; with more or fewer before the first
    // subfield, every indicator is read from the wrong byte: one finding says so.
    const auto data = field.data();
    const auto before_subfields = data.size() > 2 && data[2] == record::subfield_delimiter
                                      ? std::size_t{2}  // the usual case, without a search
                                      : data.find(record::subfield_delimiter);
    const std::size_t indicators = before_subfields == std::string_view::npos ? field.data().size() : before_subfields;
    if (before_subfields == std::string_view::npos && field.data().size() > 2) {
        auto& f = report(ref, sink,
                         fmt::format("{} has no subfields: its text is not in $a or any other subfield, so systems "
                                     "neither index nor display it, and its indicators cannot be told from the text",
                                     label(l, field)));
        f.position = "ind1";
        f.value = full_value(field.data());
        f.fix = "give the field its two indicators, then put the text in the subfield it belongs in ($a)";
        return;
    }
    if (indicators != 2) {
        auto& f = report(ref, sink,
                         fmt::format("{} has {} character{} before its first subfield where its two indicators "
                                     "belong, so its indicators cannot be read",
                                     label(l, field), indicators, indicators == 1 ? "" : "s"));
        f.position = "ind1";
        f.value = full_value(field.data());
        f.fix = "give the field exactly two indicators (blanks where undefined) before its first subfield";
        return;
    }
    for (int which = 1; which <= 2; ++which) {
        const char c = data[static_cast<std::size_t>(which - 1)];
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
        f.value = full_value(field.data());
        f.fix = std::move(fix);
    }
}

} // namespace marcaudit::rules::marc21
