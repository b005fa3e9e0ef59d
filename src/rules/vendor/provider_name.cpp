#include "rules/vendor/provider_name.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "marcaudit/rules/profile.hpp"
#include "rules/vendor/eresource.hpp"
#include "rules/vendor/text.hpp"

namespace marcaudit::rules::vendor {

namespace {

/// Whether `name` occurs in `text` (both lower case) as whole words.
bool has_words(std::string_view text, std::string_view name) {
    std::size_t at = 0;
    while ((at = text.find(name, at)) != std::string_view::npos) {
        const bool start = at == 0 || std::isalnum(static_cast<unsigned char>(text[at - 1])) == 0;
        const auto after = at + name.size();
        const bool end = after >= text.size() || std::isalnum(static_cast<unsigned char>(text[after])) == 0;
        if (start && end) {
            return true;
        }
        at = after;
    }
    return false;
}

} // namespace

ProviderName::ProviderName(const RuleOptions& options) : RecordRule(k_info) {
    // Aggregators and e-book platforms: they distribute other publishers' books, so their
    // names describe one provider's copy, which a provider-neutral record leaves out.
    for (const auto& p : options.get_strings(
             "providers", {"EBSCO", "EBSCOhost", "ebrary", "ProQuest", "Ebook Central", "Ebook Library", "EBL",
                           "MyiLibrary", "NetLibrary", "Books24x7", "Safari Books Online", "OverDrive", "Knovel",
                           "Credo Reference", "Gale Virtual Reference Library", "Academic Complete",
                           "Dawsonera", "VLeBooks"})) {
        if (p.empty()) {
            options.fail("providers", "holds an empty name");
        }
        m_providers.push_back(to_lower(p));
    }
}

void ProviderName::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    const auto a = ref.field.first('a');
    if (a.empty()) {
        return;
    }
    const auto text = to_lower(a);
    const auto hit = std::find_if(m_providers.begin(), m_providers.end(),
                                  [&](const std::string& p) { return has_words(text, p); });
    // Only for online resources, and not when the provider published the book (its name
    // in 260/264 $b): then it is the publisher, traced as such.
    if (hit == m_providers.end() || !eresource_signals(record).online_except(0)) {
        return;
    }
    for (const auto& field : record.fields()) {
        if (field.tag() == "260" || field.tag() == "264") {
            for (const auto& sf : field.subfields()) {
                if (sf.code == 'b' && has_words(to_lower(sf.value), *hit)) {
                    return;
                }
            }
        }
    }
    const bool series = ref.tag != 710;
    Finding& f = report(ref, sink,
                        series ? fmt::format("{} gives the aggregator '{}' as a series: a provider-neutral record "
                                             "describes the book, not one platform's copy, and a series search lists "
                                             "the platform's whole catalog",
                                             ref.field.tag(), display_value(a, 40))
                               : fmt::format("710 traces the aggregator '{}': a provider-neutral record leaves out the "
                                             "platforms that sell the book, and patrons of other platforms are sent "
                                             "to one they cannot use",
                                             display_value(a, 40)));
    f.position = "$a";
    f.value = full_value(ref.field.data());
    f.fix = series ? "delete the platform's series (490/830); keep publishers' own series"
                   : "delete the 710 (keep it only when the provider is also the publisher)";
}

} // namespace marcaudit::rules::vendor
