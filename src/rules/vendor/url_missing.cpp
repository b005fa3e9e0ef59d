#include "rules/vendor/url_missing.hpp"

#include "rules/vendor/eresource.hpp"

namespace marcaudit::rules::vendor {

void UrlMissing::check(const record::RecordView& record, FindingSink& sink) const {
    if (!eresource_signals(record).online_except(0)) {
        return;
    }
    for (const auto& field : record.fields()) {
        if (field.tag() == "856") {
            for (const auto& sf : field.subfields()) {
                if (sf.code == 'u' && sf.value.find_first_not_of(' ') != std::string_view::npos) {
                    return;
                }
            }
        }
    }
    report(record, nullptr, sink,
           "the record describes an online resource but has no 856 $u: the patron finds it and cannot open it")
        .fix = "add 856 40 $u with the provider's URL (or load the provider's URLs in the link resolver)";
}

} // namespace marcaudit::rules::vendor
