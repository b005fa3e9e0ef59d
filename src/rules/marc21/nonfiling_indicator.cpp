#include "rules/marc21/nonfiling_indicator.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "marcaudit/rules/profile.hpp"
#include "rules/marc21/marc21_module.hpp"
#include "rules/toml_file.hpp"

namespace marcaudit::rules::marc21 {

namespace {

/// The articles of MARC 21 Appendix F (rules/codes/articles.toml), by language code.
struct Articles {
    struct Article {
        std::string text;   ///< lower case, without the space that follows a word
        bool ambiguous;     ///< also a numeral, preposition or pronoun in this language
    };
    std::map<std::string, std::vector<Article>, std::less<>> by_language;
    std::set<std::string, std::less<>> any;  ///< every article of every language
    /// Words that are no article in a language though older tools skip them (French des).
    std::map<std::string, std::set<std::string, std::less<>>, std::less<>> not_articles;
    std::set<std::string, std::less<>> no_articles;  ///< languages without initial articles
    std::map<std::string, std::string, std::less<>> names;  ///< language names, for messages

    /// "English" for "eng"; the code itself for a language without a name in the file.
    [[nodiscard]] std::string name(std::string_view code) const {
        const auto it = names.find(code);
        return it == names.end() ? std::string{code} : it->second;
    }

    [[nodiscard]] const std::vector<Article>* of(std::string_view code) const {
        const auto it = by_language.find(code);
        return it == by_language.end() ? nullptr : &it->second;
    }
};

Articles load_articles() {
    const auto path = rules_directory() / "codes" / "articles.toml";
    const toml::table doc = detail::parse_toml_file(path);
    const auto* articles = doc["articles"].as_table();
    if (articles == nullptr) {
        throw ProfileError(fmt::format("{}: no [articles] table (see rules/codes/README.md)", path.string()));
    }
    auto strings = [&](const toml::node& node, std::string_view code) {
        std::vector<std::string> out;
        const auto* list = node.as_array();
        if (list == nullptr) {
            throw ProfileError(fmt::format("{}:{}: {} must be a list of articles", path.string(),
                                           node.source().begin.line, code));
        }
        for (const auto& n : *list) {
            const auto* s = n.as_string();
            if (s == nullptr || s->get().empty()) {
                throw ProfileError(fmt::format("{}:{}: articles must be text", path.string(), n.source().begin.line));
            }
            out.push_back(s->get());
        }
        return out;
    };
    Articles a;
    for (const auto& [code, node] : *articles) {
        auto& list = a.by_language[std::string{code.str()}];
        for (auto& text : strings(node, code.str())) {
            a.any.insert(text);
            list.push_back({std::move(text), false});
        }
    }
    if (const auto* ambiguous = doc["ambiguous"].as_table()) {
        for (const auto& [code, node] : *ambiguous) {
            auto* list = a.by_language.contains(code.str()) ? &a.by_language[std::string{code.str()}] : nullptr;
            for (const auto& text : strings(node, code.str())) {
                auto it = list == nullptr ? decltype(list->begin()){}
                                          : std::find_if(list->begin(), list->end(),
                                                         [&](const Articles::Article& x) { return x.text == text; });
                if (list == nullptr || it == list->end()) {
                    throw ProfileError(fmt::format("{}: [ambiguous] {} has '{}', which is not one of its [articles]",
                                                   path.string(), code.str(), text));
                }
                it->ambiguous = true;
            }
        }
    }
    if (const auto* not_articles = doc["not_articles"].as_table()) {
        for (const auto& [code, node] : *not_articles) {
            for (auto& text : strings(node, code.str())) {
                a.not_articles[std::string{code.str()}].insert(std::move(text));
            }
        }
    }
    if (const auto* none = doc["no_articles"]["codes"].as_array()) {
        for (const auto& n : *none) {
            if (const auto* s = n.as_string()) {
                a.no_articles.insert(s->get());
            }
        }
    }
    if (const auto* names = doc["names"].as_table()) {
        for (const auto& [code, node] : *names) {
            if (const auto* s = node.as_string()) {
                a.names[std::string{code.str()}] = s->get();
            }
        }
    }
    return a;
}

const Articles& articles() {
    static std::once_flag once;
    static Articles loaded;
    std::call_once(once, [] { loaded = load_articles(); });
    return loaded;
}

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

/// Quotation marks, brackets, Spanish opening marks and marks of omission ("... Les") at the
/// start of `s`: counted with an article next to them, not without one.
std::size_t leading_marks(std::string_view s, bool with_dots) {
    static constexpr std::string_view marks[] = {"\"", "'", "[", "(", "\u201C", "\u2018", "\u00AB", "\u00BF",
                                                 "\u00A1", "\u2026", " "};
    std::size_t at = 0;
    for (bool more = true; more;) {
        more = false;
        for (auto m : marks) {
            if (s.substr(at).starts_with(m)) {
                at += m.size();
                more = true;
            }
        }
        if (with_dots && s.substr(at).starts_with(".")) {
            at += 1;
            more = true;
        }
    }
    return at;
}

/// The byte length in `text` of `article` at its start (ASCII case ignored, a curly
/// apostrophe for a straight one), with the space after a word article; 0 when it is not
/// there. An article ending in an apostrophe or hyphen (l', al-) is joined to the next word.
std::size_t match_article(std::string_view text, std::string_view article) {
    std::size_t t = 0;
    for (std::size_t a = 0; a < article.size(); ++a) {
        if (article[a] == '\'' && text.substr(t).starts_with("\u2019")) {
            t += 3;
            continue;
        }
        if (t >= text.size()) {
            return 0;
        }
        const char c = text[t];
        const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        if (lower != article[a]) {
            return 0;
        }
        ++t;
    }
    const char last = article.back();
    if (last == '\'' || last == '-') {
        return t < text.size() ? t : 0;
    }
    return t < text.size() && text[t] == ' ' ? t + 1 : 0;
}

/// Arabic-script languages romanize al- as the letter it assimilates to ("as-sijill",
/// "ash-Shāfiʻī"): Appendix F's note says al- covers them all. The length of such a prefix.
std::size_t match_assimilated_al(std::string_view text) {
    if (text.size() < 4) {
        return 0;
    }
    const char first = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    if (first != 'a' && first != 'e') {
        return 0;
    }
    for (std::size_t i = 1; i <= 3 && i < text.size(); ++i) {
        if (text[i] == '-') {
            return i >= 2 && i + 1 < text.size() ? i + 1 : 0;
        }
        if (std::islower(static_cast<unsigned char>(text[i])) == 0) {
            return 0;
        }
    }
    return 0;
}

struct Found {
    std::size_t length = 0;     ///< bytes of the article (with its space)
    std::string_view language;  ///< the language it is an article of
    bool ambiguous = false;
};

/// The longest article of one of `languages` at the start of `text`.
Found find_article(std::string_view text, const std::vector<std::string_view>& languages) {
    Found best;
    for (const auto code : languages) {
        const auto* list = articles().of(code);
        if (list == nullptr) {
            continue;
        }
        for (const auto& a : *list) {
            std::size_t n = match_article(text, a.text);
            if (n == 0 && a.text == "al-") {
                n = match_assimilated_al(text);
            }
            if (n > best.length) {
                best = Found{n, code, a.ambiguous};
            }
        }
    }
    return best;
}

/// The languages of the record: 008/35-37, then every code in 041 (older records pack
/// several into one subfield: "engfre").
std::vector<std::string_view> record_languages(const record::RecordView& record) {
    std::vector<std::string_view> out;
    auto add = [&](std::string_view code) {
        if (code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
            std::find(out.begin(), out.end(), code) == out.end()) {
            out.push_back(code);
        }
    };
    if (const auto* f008 = record.first_field("008"); f008 != nullptr && f008->data().size() >= 38) {
        add(f008->data().substr(35, 3));
    }
    if (const auto* f041 = record.first_field("041")) {
        for (const auto& sf : f041->subfields()) {
            if (sf.code >= 'a' && sf.code <= 'z') {
                for (std::size_t i = 0; i + 3 <= sf.value.size(); i += 3) {
                    add(sf.value.substr(i, 3));
                }
            }
        }
    }
    return out;
}

bool is_word_end(char c) {
    return c == ' ' || c == '\'' || c == '-';
}

} // namespace

NonfilingIndicator::NonfilingIndicator() : RecordRule(k_info) {
    (void)articles();  // a broken articles.toml is a configuration error before the run
}

void NonfilingIndicator::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    const auto& field = ref.field;
    const auto tag = field.tag();
    // The first indicator of the uniform titles (130, 630, 730) and of 740; the second of 222,
    // 240, 243, 245 and 830 (MARC 21 Appendix F and each field's indicator text).
    const bool first = tag == "130" || tag == "630" || tag == "730" || tag == "740";
    const int which = first ? 1 : 2;
    const char ind = field.indicator(which);
    if (ind < '0' || ind > '9') {
        return;  // not a count: marc21-indicator-invalid's finding
    }
    const auto title = field.first('a');
    if (title.empty()) {
        return;
    }
    const auto languages = record_languages(record);
    const bool unknown = languages.empty() || std::all_of(languages.begin(), languages.end(), [](std::string_view c) {
                             return c == "und" || c == "mul" || c == "zxx" || c == "mis";
                         });
    // A title proper is in the language of the item (008, 041); a uniform or related title
    // is often the original's, in any language.
    const bool title_proper = tag == "245" || tag == "222";
    const bool uniform = tag == "130" || tag == "240" || tag == "243" || tag == "630" || tag == "730";
    // Every language of the record has no initial article (Latin, Russian ...).
    const bool articleless =
        !languages.empty() && std::all_of(languages.begin(), languages.end(),
                                          [](std::string_view c) { return articles().no_articles.contains(c); });

    const std::size_t marks = leading_marks(title, true);
    Found found = find_article(title.substr(marks), languages);
    if (found.length > 0 && found.language == "eng" && (title[marks] == 'A' || title[marks] == 'a') &&
        found.length == 2) {
        // "A B C", "A to Z": the letter A, not the article, when a one-letter word follows.
        const auto next = title.substr(marks + 2);
        if (!next.empty() && (next.size() == 1 || std::isalpha(static_cast<unsigned char>(next[1])) == 0)) {
            found = {};
        }
    }
    const auto given = static_cast<std::size_t>(ind - '0');
    const char* const nth = which == 1 ? "first" : "second";
    std::string message;
    std::size_t expected = 0;
    if (found.length > 0) {
        // Marks after the article belong to the first filing word and are skipped with the
        // article: The "winter mind" is 5, The ... annual meeting 8. A second blank after the
        // article is a typing slip (vendor-spacing's), not something to count.
        const auto following = title.substr(marks + found.length);
        const std::size_t after = following.starts_with(' ') ? 0 : leading_marks(following, true);
        expected = count_characters(title.substr(0, marks + found.length + after));
        if (given == expected || (given == 0 && found.ambiguous)) {
            return;  // right; or 0 on a word that may be the numeral "one" or a preposition
        }
        if (given == 0 && uniform) {
            // Uniform titles leave initial articles out: a word that looks like one is most
            // often a word of the original title's language (Schubert's "An Sylvia").
            return;
        }
        message = fmt::format("{} {} indicator is {} but the title starts with the {} article '{}' ({} characters): "
                              "set it to {} so the title files under '{}'",
                              tag, nth, given, articles().name(found.language),
                              std::string{title.substr(0, marks + found.length + after)},
                              expected, expected, display_value(title.substr(marks + found.length + after), 30));
    } else {
        if (given == 0) {
            return;
        }
        const auto rest = skip_characters(title, given);
        const std::size_t cut = title.size() - rest.size();
        const char last = cut > 0 ? title[cut - 1] : ' ';
        if (cut >= title.size()) {
            message = fmt::format("{} {} indicator is {}, as long as the whole title '{}': nothing is left to file "
                                  "under",
                                  tag, nth, given, display_value(title, 40));
        } else if (!is_word_end(last)) {
            message = fmt::format("{} {} indicator is {}, but '{}' does not start with an article and the {} "
                                  "characters end inside a word: the title files under '{}'",
                                  tag, nth, given, display_value(title, 40), given, display_value(rest, 30));
        } else {
            // The skipped words: an article of another language is accepted where the title may
            // be in another language (a German title in an English record, a uniform title).
            auto skipped = title.substr(0, cut);
            const std::size_t lead = leading_marks(skipped, true);
            skipped = skipped.substr(lead);
            while (!skipped.empty() && skipped.back() == ' ') {
                skipped.remove_suffix(1);
            }
            std::string word;
            for (const char c : skipped) {
                word += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
            }
            // A word the record's language uses but Appendix F does not list as its article
            // (French des) is surely wrong; so is any word in a title proper in a language
            // without articles (a Latin "De "). Otherwise the skipped word may be an article
            // of the title's own language (a German title in an English record, a Maori "Te "
            // in a New Zealand one), which the record's codes do not tell.
            const auto* not_article_language = [&]() -> const std::string_view* {
                for (const auto& code : languages) {
                    const auto it = articles().not_articles.find(code);
                    if (it != articles().not_articles.end() && it->second.contains(word)) {
                        return &code;
                    }
                }
                return nullptr;
            }();
            if (unknown || (not_article_language == nullptr && !(articleless && title_proper))) {
                return;
            }
            const std::string why =
                not_article_language != nullptr
                    ? fmt::format("'{}' is no initial article in {} (MARC 21 Appendix F)", word,
                                  articles().name(*not_article_language))
                    : fmt::format("{} has no initial article to skip", [&] {
                          std::vector<std::string> names;
                          for (const auto code : languages) {
                              names.push_back(articles().name(code));
                          }
                          return fmt::format("{} (the record's language{})", fmt::join(names, " or "),
                                             languages.size() == 1 ? "" : "s");
                      }());
            message = fmt::format("{} {} indicator is {}: it skips '{}', but {}; the title files under '{}' instead "
                                  "of under its first word",
                                  tag, nth, given, std::string{title.substr(0, cut)}, why, display_value(rest, 30));
        }
    }
    auto& f = report(ref, sink, std::move(message));
    f.position = which == 1 ? "ind1" : "ind2";
    f.value = full_value(title);
    f.fix = fmt::format("set the {} indicator to {}", nth, expected);
}

} // namespace marcaudit::rules::marc21
