#include "rules/vendor/reproduction_note.hpp"

#include "rules/vendor/eresource.hpp"
#include "rules/vendor/text.hpp"

namespace marcaudit::rules::vendor {

void ReproductionNote::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    const bool is_533 = ref.tag == 533;
    const auto a = ref.field.first('a');
    if (!is_533 && !contains_ci(a, "mode of access")) {
        return;
    }
    // The P-N guide's rules are for the record of the online resource itself.
    if (!eresource_signals(record).online_except(0)) {
        return;
    }
    if (is_533) {
        Finding& f = report(ref, sink,
                            "533 (reproduction note) in the record of an online resource: a provider-neutral record "
                            "describes the online version itself, and a 533 names one provider's reproduction, which "
                            "other providers' copies are not");
        f.value = full_value(ref.field.data());
        f.fix = "delete the 533; describe the online version in the record and link the original in 776 08";
    } else if (contains_ci(a, "world wide web") || contains_ci(a, "internet")) {
        Finding& f = report(ref, sink,
                            "538 gives the Web (or the Internet) as the mode of access in the record of an online "
                            "resource: the PCC provider-neutral guide records a mode of access only when it is not "
                            "the Web");
        f.position = "$a";
        f.value = full_value(a);
        f.fix = "delete the 538 (keep 538s on system requirements beyond a browser)";
    }
}

} // namespace marcaudit::rules::vendor
