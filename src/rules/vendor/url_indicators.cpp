#include "rules/vendor/url_indicators.hpp"

#include <fmt/format.h>

#include "rules/vendor/eresource.hpp"
#include "rules/vendor/text.hpp"

namespace marcaudit::rules::vendor {

void UrlIndicators::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    const auto& field = ref.field;
    const auto url = field.first('u');
    const bool web = starts_with_ci(url, "http://") || starts_with_ci(url, "https://");
    if (!web) {
        return;  // no URL (vendor-url-empty) or another protocol
    }
    const char ind1 = field.indicator(1);
    const char ind2 = field.indicator(2);
    if (ind1 != '4') {
        Finding& f = report(ref, sink,
                            fmt::format("856 first indicator is '{}' for a web address: 4 (HTTP) tells systems to "
                                        "show it as a link",
                                        ind1 == ' ' ? std::string{"blank"} : std::string(1, ind1)));
        f.position = "ind1";
        f.value = full_value(url);
        f.fix = "set the first indicator to 4";
    }
    // Whether the record is online is asked only of the rare link without a second indicator.
    if ((ind2 == ' ' || ind2 == '8') && eresource_signals(record).online_except(0)) {
        Finding& f = report(ref, sink,
                            fmt::format("856 second indicator is {} in the record of an online resource: 0 (the "
                                        "resource itself) makes discovery layers show it as the access link",
                                        ind2 == ' ' ? "blank (no information)" : "8 (no display constant)"));
        f.position = "ind2";
        f.value = full_value(url);
        f.fix = "set the second indicator to 0 (or 1 for another version, 2 for a related resource)";
    }
}

} // namespace marcaudit::rules::vendor
