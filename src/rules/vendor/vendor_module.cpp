// The `vendor` module: the defects vendor records bring into a load, as the PCC
// Provider-Neutral E-Resource MARC Record Guide describes the records it should be:
// e-resource coding (006, 007, 008 form of item, 300, 33X), the links (856), and the
// description: 245 $h in RDA, 040, deleted records, series tracing, subject sources.

#include "rules/vendor/vendor_module.hpp"

#include <memory>

#include "rules/vendor/cataloging_source.hpp"
#include "rules/vendor/deleted_record.hpp"
#include "rules/vendor/eresource_006.hpp"
#include "rules/vendor/eresource_007.hpp"
#include "rules/vendor/eresource_carrier.hpp"
#include "rules/vendor/eresource_extent.hpp"
#include "rules/vendor/eresource_form.hpp"
#include "rules/vendor/gmd_in_rda.hpp"
#include "rules/vendor/series_untraced.hpp"
#include "rules/vendor/subject_source.hpp"
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
    add<CatalogingSource>(registry);
    add<DeletedRecord>(registry);
    add<EResource006>(registry);
    add<EResource007>(registry);
    add<EResourceCarrier>(registry);
    add<EResourceExtent>(registry);
    add<EResourceForm>(registry);
    add<GmdInRda>(registry);
    add<SeriesUntraced>(registry);
    add<SubjectSource>(registry);
    add<UrlEmpty>(registry);
    add<UrlIndicators>(registry);
    add<UrlInsecure>(registry);
    add<UrlMissing>(registry);
    registry.add(UrlProxy::k_info, [](const RuleOptions& options) { return std::make_unique<UrlProxy>(options); });
    add<UrlUnlabeled>(registry);
}

} // namespace marcaudit::rules::vendor
