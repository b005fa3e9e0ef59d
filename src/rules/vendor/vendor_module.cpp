// The `vendor` module: the defects vendor records bring into a load, as the PCC
// Provider-Neutral E-Resource MARC Record Guide describes the records it should be:
// e-resource coding (006, 007, 008 form of item, 300, 33X), the links (856), and the
// description: RDA coding, 020, 040, encoding level, provider names and notes, series,
// subjects and classification, relators, completeness (Thompson–Traill), and the text itself (HTML, quotes, spaces, Unicode forms).

#include "rules/vendor/vendor_module.hpp"

#include <memory>

#include "rules/vendor/aacr2_abbreviation.hpp"
#include "rules/vendor/bisac_subject.hpp"
#include "rules/vendor/cataloging_source.hpp"
#include "rules/vendor/classification_missing.hpp"
#include "rules/vendor/deleted_record.hpp"
#include "rules/vendor/encoding_level.hpp"
#include "rules/vendor/eresource_006.hpp"
#include "rules/vendor/eresource_007.hpp"
#include "rules/vendor/eresource_carrier.hpp"
#include "rules/vendor/eresource_extent.hpp"
#include "rules/vendor/eresource_form.hpp"
#include "rules/vendor/gmd_in_rda.hpp"
#include "rules/vendor/html_markup.hpp"
#include "rules/vendor/isbn_print.hpp"
#include "rules/vendor/isbn_qualifier.hpp"
#include "rules/vendor/lcsh_missing.hpp"
#include "rules/vendor/print_link.hpp"
#include "rules/vendor/provider_name.hpp"
#include "rules/vendor/rda_inconsistent.hpp"
#include "rules/vendor/record_brief.hpp"
#include "rules/vendor/relator_code.hpp"
#include "rules/vendor/relator_term.hpp"
#include "rules/vendor/reproduction_note.hpp"
#include "rules/vendor/series_untraced.hpp"
#include "rules/vendor/source_note.hpp"
#include "rules/vendor/spacing.hpp"
#include "rules/vendor/subject_source.hpp"
#include "rules/vendor/typographic_quotes.hpp"
#include "rules/vendor/unicode_mixed.hpp"
#include "rules/vendor/url_empty.hpp"
#include "rules/vendor/url_indicators.hpp"
#include "rules/vendor/url_insecure.hpp"
#include "rules/vendor/not_online.hpp"
#include "rules/vendor/url_missing.hpp"
#include "rules/vendor/url_proxy.hpp"
#include "rules/vendor/url_unlabeled.hpp"

namespace marcaudit::rules::vendor {

void register_module(Registry& registry) {
    add_rule<Aacr2Abbreviation>(registry);
    add_rule<BisacSubject>(registry);
    add_rule<CatalogingSource>(registry);
    add_rule<ClassificationMissing>(registry);
    add_rule<DeletedRecord>(registry);
    add_rule<EncodingLevel>(registry);
    add_rule<EResource006>(registry);
    add_rule<EResource007>(registry);
    add_rule<EResourceCarrier>(registry);
    add_rule<EResourceExtent>(registry);
    add_rule<EResourceForm>(registry);
    add_rule<GmdInRda>(registry);
    add_rule<HtmlMarkup>(registry);
    add_rule<IsbnPrint>(registry);
    add_rule<IsbnQualifier>(registry);
    add_rule<LcshMissing>(registry);
    add_rule<PrintLink>(registry);
    add_rule<ProviderName>(registry);
    add_rule<RdaInconsistent>(registry);
    add_rule<RecordBrief>(registry);
    add_rule<RelatorCode>(registry);
    add_rule<RelatorTerm>(registry);
    add_rule<ReproductionNote>(registry);
    add_rule<SeriesUntraced>(registry);
    add_rule<SourceNote>(registry);
    add_rule<Spacing>(registry);
    add_rule<SubjectSource>(registry);
    add_rule<TypographicQuotes>(registry);
    add_rule<UnicodeMixed>(registry);
    add_rule<UrlEmpty>(registry);
    add_rule<UrlIndicators>(registry);
    add_rule<UrlInsecure>(registry);
    add_rule<UrlMissing>(registry);
    add_rule<NotOnline>(registry);
    add_rule<UrlProxy>(registry);
    add_rule<UrlUnlabeled>(registry);
}

} // namespace marcaudit::rules::vendor
