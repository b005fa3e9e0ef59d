#include "rules/vendor/bisac_subject.hpp"

#include <fmt/format.h>

#include "rules/vendor/text.hpp"

namespace marcaudit::rules::vendor {

void BisacSubject::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    for (const auto& sf : ref.subfields) {
        if (sf.code != '2' || !starts_with_ci(sf.value, "bisac")) {
            continue;
        }
        Finding& f = report(ref, sink,
                            fmt::format("{} is a BISAC heading (the book trade's shelving categories, $2 {}): "
                                        "it sits beside the library's subject headings in the index, in another "
                                        "vocabulary",
                                        ref.field.tag(), display_value(sf.value, 20)));
        f.position = "$2";
        f.value = full_value(ref.field.data());
        f.fix = "delete BISAC headings on load, or keep them if the catalog indexes them apart (set the rule's "
                "severity in the profile)";
        return;
    }
}

} // namespace marcaudit::rules::vendor
