#include "rules/vendor/html_markup.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "rules/vendor/text.hpp"

namespace marcaudit::rules::vendor {

namespace {

/// The HTML elements vendors' summaries and tables of contents bring with them.
constexpr std::array<std::string_view, 26> k_elements{"a",  "b",  "br", "div", "em", "font", "h1",    "h2", "h3",
                                                      "h4", "hr", "i",  "li",  "ol", "p",    "span",  "strong",
                                                      "sub", "sup", "table", "td", "th", "tr", "u", "ul", "blockquote"};

/// The length of the HTML tag starting at `text[0]` ('<'), or 0 when it is not one.
std::size_t tag_at(std::string_view text) {
    std::size_t i = 1;
    if (i < text.size() && text[i] == '/') {
        ++i;
    }
    const auto name_start = i;
    while (i < text.size() && std::isalnum(static_cast<unsigned char>(text[i])) != 0) {
        ++i;
    }
    const auto name = text.substr(name_start, i - name_start);
    const bool known = std::any_of(k_elements.begin(), k_elements.end(), [&](auto e) { return equals_ci(name, e); });
    if (!known || i >= text.size() || (text[i] != '>' && text[i] != ' ' && text[i] != '/')) {
        return 0;
    }
    const auto close = text.find('>', i);
    return close == std::string_view::npos || close > i + 200 ? 0 : close + 1;
}

/// The named entities of HTML that vendor text carries (&zilch; is no entity: a word).
constexpr std::array<std::string_view, 34> k_entities{
    "amp",   "lt",    "gt",    "quot",  "apos",   "nbsp",   "ndash",  "mdash",  "hellip", "lsquo", "rsquo", "ldquo",
    "rdquo", "laquo", "raquo", "copy",  "reg",    "trade",  "shy",    "eacute", "egrave", "aacute", "agrave", "iacute",
    "oacute", "uacute", "uuml", "ouml", "auml",  "ccedil", "ntilde", "szlig",  "deg",    "middot"};

/// The length of the character entity starting at `text[0]` ('&': &amp; &#39; &#x2019;), or 0.
std::size_t entity_at(std::string_view text) {
    std::size_t i = 1;
    const bool numeric = i < text.size() && text[i] == '#';
    if (numeric) {
        ++i;
        if (i < text.size() && (text[i] == 'x' || text[i] == 'X')) {
            ++i;
        }
    }
    const auto start = i;
    while (i < text.size() && i - start < 10 &&
           (numeric ? std::isxdigit(static_cast<unsigned char>(text[i])) != 0
                    : std::isalpha(static_cast<unsigned char>(text[i])) != 0)) {
        ++i;
    }
    if (i == start || i >= text.size() || text[i] != ';') {
        return 0;
    }
    const auto name = text.substr(start, i - start);
    const bool known = numeric || std::any_of(k_entities.begin(), k_entities.end(), [&](auto e) { return name == e; });
    return known ? i + 1 : 0;
}

} // namespace

void HtmlMarkup::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    // Most fields have neither character: two scans of the whole field settle it.
    const auto data = ref.field.data();
    if (data.find('<') == std::string_view::npos && data.find('&') == std::string_view::npos) {
        return;
    }
    for (const auto& sf : ref.subfields) {
        const auto v = sf.value;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (v[i] != '<' && v[i] != '&') {
                continue;
            }
            std::size_t n = 0;
            bool tag = false;
            if (v[i] == '<') {
                n = tag_at(v.substr(i));
                tag = n != 0;
            } else if (v[i] == '&') {
                n = entity_at(v.substr(i));
            }
            if (n == 0) {
                continue;
            }
            const auto found = v.substr(i, n);
            Finding& f = report(ref, sink,
                                tag ? fmt::format("{} ${} has an HTML tag ({}): the catalog shows it as typed, and "
                                                  "searches for the words around it may miss",
                                                  ref.field.tag(), sf.code, display_value(found, 30))
                                    : fmt::format("{} ${} has an HTML character entity ({}) where the character "
                                                  "itself belongs: the catalog shows the code, and searches for the "
                                                  "word miss it",
                                                  ref.field.tag(), sf.code, display_value(found, 30)));
            f.position = fmt::format("${}", sf.code);
            f.value = full_value(v);
            f.fix = tag ? "delete the markup (keep the text between the tags)"
                        : "replace the entity with its character (&amp; → &, &quot; → \", &#39; → ')";
            return;  // one finding per field: the fix is the same for the rest
        }
    }
}

} // namespace marcaudit::rules::vendor
