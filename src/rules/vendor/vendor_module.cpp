// The `vendor` module: the defects vendor records bring into a load, as the PCC
// Provider-Neutral E-Resource MARC Record Guide describes the records it should be:
// e-resource coding (006, 007, 008 form of item, 300, 33X) and the links (856).

#include "rules/vendor/vendor_module.hpp"

#include <memory>

#include "rules/vendor/eresource_006.hpp"
#include "rules/vendor/eresource_007.hpp"
#include "rules/vendor/eresource_carrier.hpp"
#include "rules/vendor/eresource_extent.hpp"
#include "rules/vendor/eresource_form.hpp"
#include "rules/vendor/url_empty.hpp"
#include "rules/vendor/url_indicators.hpp"
#include "rules/vendor/url_insecure.hpp"
#include "rules/vendor/url_missing.hpp"
#include "rules/vendor/url_proxy.hpp"
#include "rules/vendor/url_unlabeled.hpp"

namespace marcaudit::rules::vendor {

namespace {

template <typename Rule>
void add(Registry& registry) {
    registry.add(Rule::k_info, [](const RuleOptions&) { return std::make_unique<Rule>(); });
}

} // namespace

void register_module(Registry& registry) {
    add<EResource006>(registry);
    add<EResource007>(registry);
    add<EResourceCarrier>(registry);
    add<EResourceExtent>(registry);
    add<EResourceForm>(registry);
    add<UrlEmpty>(registry);
    add<UrlIndicators>(registry);
    add<UrlInsecure>(registry);
    add<UrlMissing>(registry);
    registry.add(UrlProxy::k_info, [](const RuleOptions& options) { return std::make_unique<UrlProxy>(options); });
    add<UrlUnlabeled>(registry);
}

} // namespace marcaudit::rules::vendor
