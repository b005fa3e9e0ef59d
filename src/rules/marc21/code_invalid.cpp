#include "rules/marc21/code_invalid.hpp"

#include <mutex>

#include <fmt/format.h>

#include "marcaudit/rules/profile.hpp"
#include "rules/toml_file.hpp"

namespace marcaudit::rules::marc21 {

namespace {

using Set = std::set<std::string, std::less<>>;

/// The strings of `node` (a list), or the keys of a table (discontinued codes with captions).
void strings_of(const toml::node* node, Set& out) {
    if (node == nullptr) {
        return;
    }
    if (const auto* list = node->as_array()) {
        for (const auto& n : *list) {
            if (const auto* s = n.as_string()) {
                out.insert(s->get());
            }
        }
    } else if (const auto* table = node->as_table()) {
        for (const auto& [key, value] : *table) {
            out.insert(std::string{key.str()});
        }
    }
}

CodeInvalid::Lists load() {
    CodeInvalid::Lists l;
    auto read = [](std::string_view file, std::string_view table, Set& current, Set& old) {
        const auto path = rules_directory() / "codes" / file;
        const toml::table doc = detail::parse_toml_file(path);
        const auto* t = doc[table].as_table();
        if (t == nullptr || (*t)["codes"].as_array() == nullptr) {
            throw ProfileError(fmt::format("{}: no [{}] codes list (see rules/codes/README.md)", path.string(), table));
        }
        strings_of((*t)["codes"].node(), current);
        strings_of((*t)["obsolete"].node(), old);
    };
    read("languages.toml", "languages", l.languages, l.languages_old);
    read("geographic-areas.toml", "geographic_areas", l.areas, l.areas_old);
    read("countries.toml", "countries", l.countries, l.countries_old);
    return l;
}

const CodeInvalid::Lists& lists() {
    static std::once_flag once;
    static CodeInvalid::Lists loaded;
    std::call_once(once, [] { loaded = load(); });
    return loaded;
}

} // namespace

CodeInvalid::CodeInvalid(const RuleOptions& options) : TableRule(k_info, options), m_lists(lists()) {}

void CodeInvalid::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    if (lookup(ref).ignored) {
        return;
    }
    const auto tag = ref.field.tag();
    // Second indicator 7: the codes are from the source in $2 (ISO 639-3, ISO 3166 ...).
    if (ref.field.indicator(2) == '7') {
        return;
    }
    const Set* current = nullptr;
    const Set* old = nullptr;
    std::string_view list_name;
    std::string_view codes_of;  // which subfields hold codes of the list
    if (tag == "041") {
        current = &m_lists.languages;
        old = &m_lists.languages_old;
        list_name = "MARC Code List for Languages";
        codes_of = "abdefghijkmnpqrt";
    } else if (tag == "043") {
        current = &m_lists.areas;
        old = &m_lists.areas_old;
        list_name = "MARC Code List for Geographic Areas";
        codes_of = "a";  // $b local codes, $c ISO 3166
    } else {
        current = &m_lists.countries;
        old = &m_lists.countries_old;
        list_name = "MARC Code List for Countries";
        codes_of = "a";  // $b local, $c ISO 3166
    }
    for (const auto& sf : ref.subfields) {
        if (codes_of.find(sf.code) == std::string_view::npos || sf.code == 0) {
            continue;
        }
        const auto value = trim_blanks(sf.value);
        if (value.empty()) {
            continue;  // marc21-subfield-empty's
        }
        // 041 before 2001 packed several codes into one subfield ("engfre"): each is checked.
        std::vector<std::string_view> codes;
        if (tag == "041" && value.size() > 3 && value.size() % 3 == 0) {
            for (std::size_t i = 0; i < value.size(); i += 3) {
                codes.push_back(value.substr(i, 3));
            }
        } else {
            codes.push_back(value);
        }
        for (const auto code : codes) {
            if (current->contains(code) || old->contains(code)) {
                continue;  // a discontinued code is an old record's, right when keyed
            }
            auto& f = report(ref, sink,
                             fmt::format("{} ${} has '{}', which is not on the {} (LC): language, place and country "
                                         "facets and limits do not know it",
                                         tag, sf.code, display_value(code, 20), list_name));
            f.position = fmt::format("${}", sf.code);
            f.value = full_value(sf.value);
            f.fix = tag == "043" ? std::string{"use the code of the area from LC's list, seven characters with "
                                               "hyphens (n-us---, e-fr---)"}
                                 : fmt::format("use the code from the {} (three lower-case letters for languages)",
                                               list_name);
            return;  // one finding per field
        }
    }
}

} // namespace marcaudit::rules::marc21
