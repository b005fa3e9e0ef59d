#include "rules/vendor/subject_source.hpp"

#include <fmt/format.h>

namespace marcaudit::rules::vendor {

void SubjectSource::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    const auto& field = ref.field;
    const int n = ref.tag;
    // The subject fields whose second indicator names the thesaurus (653, 656-658, 69X
    // are coded otherwise).
    const bool thesaurus = n == 600 || n == 610 || n == 611 || n == 630 || n == 647 || n == 648 || n == 650 ||
                           n == 651 || n == 655;
    if (!thesaurus) {
        return;
    }
    bool has_2 = false;
    for (const auto& sf : ref.subfields) {
        has_2 = has_2 || (sf.code == '2' && !sf.value.empty());
    }
    const char ind2 = field.indicator(2);
    if (ind2 == '7' && !has_2) {
        Finding& f = report(ref, sink,
                            fmt::format("{} second indicator 7 says the thesaurus is named in $2, but there is no $2: "
                                        "systems cannot tell which vocabulary the heading comes from",
                                        field.tag()));
        f.position = "ind2";
        f.value = full_value(field.data());
        f.fix = "add $2 with the thesaurus code (e.g. fast, lcgft, bisacsh)";
    } else if (ind2 != '7' && has_2) {
        Finding& f = report(ref, sink,
                            fmt::format("{} has a $2 but its second indicator is '{}', not 7: systems read the "
                                        "indicator and file the heading under the wrong vocabulary",
                                        field.tag(), ind2 == ' ' ? std::string{"blank"} : std::string(1, ind2)));
        f.position = "ind2";
        f.value = full_value(field.data());
        f.fix = "set the second indicator to 7, or delete the $2 if the indicator names the thesaurus";
    }
}

} // namespace marcaudit::rules::vendor
