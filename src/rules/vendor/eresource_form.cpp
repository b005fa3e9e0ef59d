#include "rules/vendor/eresource_form.hpp"

#include <fmt/format.h>

#include "rules/vendor/eresource.hpp"

namespace marcaudit::rules::vendor {

void EResourceForm::check(const record::RecordView& record, FindingSink& sink) const {
    const auto* f008 = record.first_field("008");
    const auto at = form_of_item_position(record);
    if (f008 == nullptr || f008->data().size() <= at || !eresource_signals(record).online_except(EResourceSignals::form)) {
        return;  // no 008: marc21-control-field-length and friends report it
    }
    const char form = f008->data()[at];
    if (form == 'o') {
        return;
    }
    Finding& f = report(record, f008, sink,
                        form == 's' ? fmt::format("008/{} (form of item) is s (electronic) for an online resource: "
                                                  "the Provider-Neutral guide codes o (online), which e-resource limits use",
                                                  at)
                                    : fmt::format("008/{} (form of item) is '{}' for an online resource: searches limited "
                                                  "to online resources miss the record",
                                                  at, form == ' ' ? std::string{"blank"} : std::string(1, form)));
    f.position = fmt::format("/{}", at);
    f.fix = fmt::format("set 008/{} to o (online)", at);
}

} // namespace marcaudit::rules::vendor
