#include "rules/marc21/nonfiling_indicator.hpp"

#include <array>
#include <cctype>

#include <fmt/format.h>

#include "rules/marc21/marc21_module.hpp"

namespace marcaudit::rules::marc21 {

namespace {

struct Language {
    std::string_view code;  ///< MARC language code, as in 008/35-37
    std::string_view name;
    std::array<std::string_view, 13> articles;  ///< lowercase, with the space (or apostrophe) that ends them
};

// The initial definite and indefinite articles of each language, as catalogers skip them in
// filing (MARC 21 "Initial Definite and Indefinite Articles").
constexpr std::array<Language, 4> k_languages{{
    {"eng", "English", {"the ", "a ", "an "}},
    {"fre", "French", {"le ", "la ", "les ", "l'", "l\u2019", "un ", "une ", "des "}},
    {"ger", "German", {"der ", "die ", "das ", "des ", "dem ", "den ", "ein ", "eine ", "einer ", "eines ", "einem ",
                       "einen "}},
    {"spa", "Spanish", {"el ", "la ", "lo ", "los ", "las ", "un ", "una ", "unos ", "unas "}},
}};

/// `s` without its first `n` characters (code points), cut on a character boundary.
std::string_view skip_characters(std::string_view s, std::size_t n) {
    std::size_t i = 0;
    for (; i < s.size() && n > 0; --n) {
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) {
            ++i;
        }
    }
    return s.substr(i);
}

/// Leading quotation marks and brackets: counted with an article, not without one.
std::size_t leading_marks(std::string_view s) {
    // Quotation marks, brackets, Spanish opening marks, and marks of omission ("... Les").
    static constexpr std::string_view marks[] = {"\"", "'", "[", "(", "\u201C", "\u2018", "\u00AB", "\u00BF",
                                                 "\u00A1", ".", "\u2026", " "};
    std::size_t at = 0;
    for (bool more = true; more;) {
        more = false;
        for (auto m : marks) {
            if (s.substr(at).starts_with(m)) {
                at += m.size();
                more = true;
            }
        }
    }
    return at;
}

/// The article `text` starts with in `lang` (after `skip` bytes), or empty.
std::string_view article_at(std::string_view text, std::size_t skip, const Language& lang) {
    const auto rest = text.substr(skip);
    for (auto a : lang.articles) {
        if (a.empty() || rest.size() <= a.size()) {
            continue;
        }
        bool match = true;
        for (std::size_t i = 0; i < a.size() && match; ++i) {
            const char c = rest[i];
            const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
            match = lower == a[i];
        }
        if (match) {
            return rest.substr(0, a.size());
        }
    }
    return {};
}

} // namespace

void NonfilingIndicator::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    const auto& field = ref.field;
    const auto tag = field.tag();
    const int which = tag == "130" || tag == "630" || tag == "730" ? 1 : 2;
    const char ind = field.indicator(which);
    if (ind < '0' || ind > '9') {
        return;  // not a count: marc21-indicator-invalid's finding
    }
    const auto title = field.first('a');
    if (title.empty()) {
        return;
    }
    const auto* f008 = record.first_field("008");
    if (f008 == nullptr || f008->data().size() < 38) {
        return;  // no language to judge by
    }
    const auto code = f008->data().substr(35, 3);
    const Language* lang = nullptr;
    for (const auto& l : k_languages) {
        if (l.code == code) {
            lang = &l;
        }
    }
    if (lang == nullptr) {
        return;  // a language we have no article list for
    }
    const std::size_t marks = leading_marks(title);
    auto article = article_at(title, marks, *lang);
    if (article == "a " || article == "A ") {
        // "A B C", "A to Z": the letter A, not the article, when a single letter follows.
        const auto next = title.substr(marks + 2);
        if (!next.empty() && (next.size() == 1 || !std::isalpha(static_cast<unsigned char>(next[1])))) {
            article = {};
        }
    }
    const std::size_t expected = article.empty() ? 0 : count_characters(title.substr(0, marks + article.size()));
    const auto given = static_cast<std::size_t>(ind - '0');
    if (given == expected) {
        return;
    }
    if (article.empty()) {
        // An article of another language (a German title in an English record, a Maori "Te "
        // in a New Zealand one) is right too: when the skipped characters end a word, the
        // indicator may well skip an article we have no list for. Only an indicator that
        // cuts into a word is surely wrong.
        const auto rest = skip_characters(title, given);
        const std::size_t cut = title.size() - rest.size();
        const char last = cut > 0 ? title[cut - 1] : ' ';
        if (given > 0 && cut < title.size() && (last == ' ' || last == '\'' || last == '-')) {
            return;
        }
    }
    const char* const nth = which == 1 ? "first" : "second";
    std::string message;
    if (article.empty()) {
        message = fmt::format("{} {} indicator is {}, but '{}' does not start with {} {} article and the {} "
                              "characters end inside a word: the title files under '{}'",
                              tag, nth, given, display_value(title, 40), lang->name[0] == 'E' ? "an" : "a", lang->name,
                              given, display_value(skip_characters(title, given), 30));
    } else {
        message = fmt::format("{} {} indicator is {} but the title starts with the {} article '{}' ({} characters): "
                              "set it to {} so the title files under '{}'",
                              tag, nth, given, lang->name, std::string{title.substr(0, marks + article.size())},
                              expected, expected, display_value(title.substr(marks + article.size()), 30));
    }
    auto& f = report(ref, sink, std::move(message));
    f.position = which == 1 ? "ind1" : "ind2";
    f.value = display_value(title, 60);
    f.fix = fmt::format("set the {} indicator to {}", nth, expected);
}

} // namespace marcaudit::rules::marc21
