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

void register_module(Registry& registry) {
    add_rule<CatalogingSource>(registry);
    add_rule<DeletedRecord>(registry);
    add_rule<EResource006>(registry);
    add_rule<EResource007>(registry);
    add_rule<EResourceCarrier>(registry);
    add_rule<EResourceExtent>(registry);
    add_rule<EResourceForm>(registry);
    add_rule<GmdInRda>(registry);
    add_rule<SeriesUntraced>(registry);
    add_rule<SubjectSource>(registry);
    add_rule<UrlEmpty>(registry);
    add_rule<UrlIndicators>(registry);
    add_rule<UrlInsecure>(registry);
    add_rule<UrlMissing>(registry);
    add_rule<UrlProxy>(registry);
    add_rule<UrlUnlabeled>(registry);
}

} // namespace marcaudit::rules::vendor
