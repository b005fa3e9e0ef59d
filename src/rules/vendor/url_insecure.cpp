#include "rules/vendor/url_insecure.hpp"

#include "rules/vendor/eresource.hpp"
#include "rules/vendor/text.hpp"

namespace marcaudit::rules::vendor {

void UrlInsecure::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    for (const auto& sf : ref.subfields) {
        if (sf.code != 'u' || !starts_with_ci(sf.value, "http://")) {
            continue;
        }
        Finding& f = report(ref, sink,
                            "856 $u uses http://: browsers warn about or block unencrypted links, and proxies "
                            "rewrite them less reliably");
        f.position = "$u";
        f.value = full_value(sf.value);
        const auto at = sf.value.find("://");
        f.fix = "https" + std::string{sf.value.substr(at)} + " (if the provider serves it; most do)";
    }
}

} // namespace marcaudit::rules::vendor
