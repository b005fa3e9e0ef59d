#include "rules/vendor/url_proxy.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "marcaudit/rules/profile.hpp"
#include "rules/vendor/text.hpp"

namespace marcaudit::rules::vendor {

UrlProxy::UrlProxy(const RuleOptions& options) : RecordRule(k_info) {
    // EZproxy's starting-point URLs (login?url=, login?qurl=), and other proxies' common forms.
    for (const auto& p : options.get_strings("patterns", {"login?url=", "login?qurl=", "/proxy?url=", "ezproxy."})) {
        if (p.empty()) {
            options.fail("patterns", "holds an empty pattern, which every URL would match");
        }
        m_patterns.push_back(to_lower(p));
    }
}

void UrlProxy::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    for (const auto& sf : ref.subfields) {
        if (sf.code != 'u') {
            continue;
        }
        const auto url = to_lower(sf.value);
        const auto hit = std::find_if(m_patterns.begin(), m_patterns.end(),
                                      [&](const std::string& p) { return url.find(p) != std::string::npos; });
        if (hit == m_patterns.end()) {
            continue;
        }
        Finding& f = report(ref, sink,
                            fmt::format("856 $u has a proxy prefix ('{}') typed into it: the link breaks when the "
                                        "proxy changes, and shared records carry one library's proxy",
                                        *hit));
        f.position = "$u";
        f.value = full_value(sf.value);
        f.fix = "keep the provider's own URL in $u and let the discovery layer or link resolver add the proxy";
    }
}

} // namespace marcaudit::rules::vendor
