#include "rules/vendor/typographic_quotes.hpp"

#include <fmt/format.h>

namespace marcaudit::rules::vendor {

namespace {

/// The typographic quote at `v[i]` in UTF-8 (U+2018, U+2019, U+201C, U+201D), or empty.
std::string_view quote_at(std::string_view v, std::size_t i) {
    if (i + 2 < v.size() && static_cast<unsigned char>(v[i]) == 0xE2 && static_cast<unsigned char>(v[i + 1]) == 0x80) {
        const auto c = static_cast<unsigned char>(v[i + 2]);
        if (c == 0x98 || c == 0x99 || c == 0x9C || c == 0x9D) {
            return v.substr(i, 3);
        }
    }
    return {};
}

} // namespace

void TypographicQuotes::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    if (ref.field.data().find('\xE2') == std::string_view::npos) {
        return;  // no quote in the field: one scan of its bytes
    }
    for (const auto& sf : ref.subfields) {
        // The quotes' UTF-8 all begin with 0xE2: look only where one is.
        for (auto i = sf.value.find('\xE2'); i != std::string_view::npos; i = sf.value.find('\xE2', i + 1)) {
            const auto q = quote_at(sf.value, i);
            if (q.empty()) {
                continue;
            }
            const bool single = static_cast<unsigned char>(q[2]) <= 0x99;
            Finding& f = report(ref, sink,
                                fmt::format("{} ${} has a typographic {} ({}): catalogs that do not fold it to the "
                                            "keyboard's {} miss the title or name when a patron types it",
                                            ref.field.tag(), sf.code, single ? "apostrophe or quote" : "quote", q,
                                            single ? "'" : "\""));
            f.position = fmt::format("${}", sf.code);
            f.value = full_value(sf.value);
            f.fix = single ? "replace ‘ and ’ with '" : "replace “ and ” with \"";
            return;
        }
    }
}

} // namespace marcaudit::rules::vendor
