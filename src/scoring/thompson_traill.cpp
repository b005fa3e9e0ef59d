#include "marcaudit/scoring/thompson_traill.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <mutex>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "marcaudit/rules/profile.hpp"
#include "rules/toml_file.hpp"

namespace marcaudit::scoring {

namespace {

using E = TtElement;

bool lower_letter(char c) {
    return c >= 'a' && c <= 'z';
}

std::size_t language_index(std::string_view code) {
    return static_cast<std::size_t>((code[0] - 'a') * 26 * 26 + (code[1] - 'a') * 26 + (code[2] - 'a'));
}

/// Country codes: two or three letters; a blank third position counts as 26.
std::size_t country_index(std::string_view code) {
    const auto third = code.size() < 3 || code[2] == ' ' ? 26 : code[2] - 'a';
    return static_cast<std::size_t>((code[0] - 'a') * 27 * 27 + (code[1] - 'a') * 27 + third);
}

bool valid_country(std::string_view code) {
    return code.size() == 3 && lower_letter(code[0]) && lower_letter(code[1]) && (code[2] == ' ' || lower_letter(code[2]));
}

TtCodeLists load_lists() {
    TtCodeLists lists;
    auto read = [](std::string_view name, std::string_view table) {
        const auto path = rules::rules_directory() / "codes" / (std::string{name} + ".toml");
        const toml::table doc = rules::detail::parse_toml_file(path);
        const auto* codes = doc[table]["codes"].as_array();
        if (codes == nullptr) {
            throw rules::ProfileError(fmt::format("{}: no [{}] codes list (see rules/codes/README.md)", path.string(), table));
        }
        std::vector<std::string> out;
        for (const auto& n : *codes) {
            const auto* s = n.as_string();
            if (s == nullptr) {
                throw rules::ProfileError(fmt::format("{}:{}: codes must be strings", path.string(), n.source().begin.line));
            }
            out.push_back(s->get());
        }
        return std::pair{path.string(), out};
    };
    const auto [language_file, languages] = read("languages", "languages");
    for (const auto& c : languages) {
        if (c.size() != 3 || !std::all_of(c.begin(), c.end(), lower_letter)) {
            throw rules::ProfileError(fmt::format("{}: '{}' is not a three-letter language code", language_file, c));
        }
        lists.languages[language_index(c)] = true;
    }
    const auto [country_file, countries] = read("countries", "countries");
    for (auto c : countries) {
        c.resize(3, ' ');
        if (!valid_country(c)) {
            throw rules::ProfileError(fmt::format("{}: '{}' is not a country code", country_file, c));
        }
        lists.countries[country_index(c)] = true;
    }
    return lists;
}

/// The year in 008/07-10, or -1 unless it is four digits.
int date1(std::string_view f008) {
    if (f008.size() < 11) {
        return -1;
    }
    int year = 0;
    for (std::size_t i = 7; i < 11; ++i) {
        if (std::isdigit(static_cast<unsigned char>(f008[i])) == 0) {
            return -1;
        }
        year = year * 10 + (f008[i] - '0');
    }
    return year;
}

/// Every run of exactly four digits in `text` ("c2019, ©2020" → 2019, 2020), in order.
template <typename Fn>
void four_digit_years(std::string_view text, Fn&& fn) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
            ++i;
            continue;
        }
        std::size_t j = i;
        int value = 0;
        while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j])) != 0) {
            if (j - i < 4) {  // only a run of four is a year: longer runs are not summed
                value = value * 10 + (text[j] - '0');
            }
            ++j;
        }
        if (j - i == 4) {
            fn(value);
        }
        i = j;
    }
}

/// Whether a coded value is `code` ("FAST.", "rda", "eng "), ignoring case and a final
/// full stop or blank.
bool code_is(std::string_view value, std::string_view code) {
    while (!value.empty() && (value.back() == '.' || value.back() == ' ')) {
        value.remove_suffix(1);
    }
    return value.size() == code.size() && std::equal(value.begin(), value.end(), code.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == b;
           });
}

bool contains_online_resource(std::string_view text) {
    constexpr std::string_view phrase = "online resource";
    const auto it = std::search(text.begin(), text.end(), phrase.begin(), phrase.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
    });
    return it != text.end();
}

} // namespace

std::string_view to_string(TtElement element) noexcept {
    switch (element) {
        case E::isbn: return "ISBN";
        case E::authors: return "Authors";
        case E::alternative_titles: return "Alternative titles";
        case E::edition: return "Edition";
        case E::contributors: return "Contributors";
        case E::series: return "Series";
        case E::contents_abstract: return "Table of contents and abstract";
        case E::date_008: return "Date (008)";
        case E::date_26x: return "Date (26X)";
        case E::classification: return "LC/NLM classification";
        case E::lcsh: return "Subject headings: Library of Congress";
        case E::mesh: return "Subject headings: MeSH";
        case E::fast: return "Subject headings: FAST";
        case E::other_subjects: return "Subject headings: other";
        case E::description: return "Description";
        case E::language: return "Language of resource";
        case E::country: return "Country of publication code";
        case E::cataloging_language: return "Language of cataloging";
        case E::cataloging_standard: return "Descriptive cataloging standard";
    }
    return "";
}

unsigned TtScore::total() const noexcept {
    unsigned sum = 0;
    for (const auto p : points) {
        sum += p;
    }
    return sum;
}

const TtCodeLists& tt_code_lists() {
    static std::once_flag once;
    static TtCodeLists lists;
    std::call_once(once, [] { lists = load_lists(); });
    return lists;
}

bool tt_applies(const record::RecordView& record) noexcept {
    const auto type = record.leader().type_of_record();
    return (type == 'a' || type == 't') && record.leader().bibliographic_level() == 'm';
}

int tt_default_latest_year() {
    const auto today = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    return static_cast<int>(today.year()) + 1;
}

TtScore thompson_traill(const record::RecordView& record, const TtCodeLists& codes, int latest_year) {
    TtScore s;
    auto add = [&](E e, unsigned n = 1) { s.points[static_cast<std::size_t>(e)] += static_cast<std::uint16_t>(n); };
    bool has_505 = false;
    bool has_520 = false;
    bool has_class = false;
    bool extent_online = false;
    bool has_040b = false;
    bool eng_040b = false;
    bool rda = false;
    int year_008 = -1;
    std::string_view f008;
    std::vector<int> years_26x;
    unsigned lcsh = 0;
    unsigned mesh = 0;
    unsigned fast = 0;
    unsigned other = 0;
    for (const auto& field : record.fields()) {
        const int tag = record::tag_number(field.tag());
        switch (tag) {
            case 8: f008 = field.data(); break;
            case 20: add(E::isbn); break;
            case 100: case 110: case 111: add(E::authors); break;
            case 246: add(E::alternative_titles); break;
            case 250: add(E::edition); break;
            case 700: case 710: case 711: case 720: add(E::contributors); break;
            case 440: case 490: case 800: case 810: case 830: add(E::series); break;
            case 505: has_505 = true; break;
            case 520: has_520 = true; break;
            case 50: case 60: case 90: has_class = true; break;
            case 260: case 264:
                for (const auto& sf : field.subfields()) {
                    if (sf.code == 'c') {
                        four_digit_years(sf.value, [&](int y) { years_26x.push_back(y); });
                    }
                }
                break;
            case 300:
                for (const auto& sf : field.subfields()) {
                    extent_online = extent_online || (sf.code == 'a' && contains_online_resource(sf.value));
                }
                break;
            case 40:
                for (const auto& sf : field.subfields()) {
                    if (sf.code == 'b') {
                        has_040b = true;
                        eng_040b = eng_040b || code_is(sf.value, "eng");
                    } else if (sf.code == 'e') {
                        rda = rda || code_is(sf.value, "rda");
                    }
                }
                break;
            case 653: ++other; break;
            case 600: case 610: case 611: case 630: case 650: case 651: {
                // Each subject field scores in one row: LCSH, MeSH, FAST, or else "other".
                const char ind2 = field.indicator(2);
                if (ind2 == '0') {
                    ++lcsh;
                } else if (ind2 == '2') {
                    ++mesh;
                } else if (ind2 == '7' && code_is(field.first('2'), "fast")) {
                    ++fast;
                } else {
                    ++other;
                }
                break;
            }
            default: break;
        }
    }
    add(E::contents_abstract, (has_505 ? 1U : 0U) + (has_520 ? 1U : 0U));
    year_008 = date1(f008);
    const bool valid_008 = year_008 >= 1450 && year_008 <= latest_year;
    add(E::date_008, valid_008 ? 1U : 0U);
    if (!years_26x.empty()) {
        const bool match = valid_008 && std::find(years_26x.begin(), years_26x.end(), year_008) != years_26x.end();
        add(E::date_26x, 1U + (match ? 1U : 0U));
    }
    add(E::classification, has_class ? 1U : 0U);
    add(E::lcsh, std::min(lcsh, 10U));
    add(E::mesh, std::min(mesh, 10U));
    add(E::fast, std::min(fast, 10U));
    add(E::other_subjects, std::min(other, 5U));
    // 008/23, or 008/29 for maps and visual materials.
    const auto type = record.leader().type_of_record();
    const std::size_t form_at = type == 'e' || type == 'f' || type == 'g' || type == 'k' || type == 'o' || type == 'r' ? 29 : 23;
    const bool form_online = f008.size() > form_at && f008[form_at] == 'o';
    add(E::description, (form_online ? 1U : 0U) + (extent_online ? 1U : 0U));
    if (f008.size() >= 38) {
        const auto lang = f008.substr(35, 3);
        if (std::all_of(lang.begin(), lang.end(), lower_letter) && lang != "und" && codes.languages[language_index(lang)]) {
            add(E::language);
        }
    }
    if (f008.size() >= 18) {
        const auto country = f008.substr(15, 3);
        if (valid_country(country) && country != "xx " && codes.countries[country_index(country)]) {
            add(E::country);
        }
    }
    add(E::cataloging_language, !has_040b || eng_040b ? 1U : 0U);
    add(E::cataloging_standard, rda ? 1U : 0U);
    return s;
}

void TtDistribution::add(const TtScore& score) {
    ++m_records;
    ++m_histogram[score.total()];
    for (std::size_t i = 0; i < tt_element_count; ++i) {
        m_row_sums[i] += score.points[i];
        m_row_records[i] += score.points[i] > 0 ? 1 : 0;
    }
}

void TtDistribution::merge(const TtDistribution& other) {
    m_records += other.m_records;
    for (const auto& [total, n] : other.m_histogram) {
        m_histogram[total] += n;
    }
    for (std::size_t i = 0; i < tt_element_count; ++i) {
        m_row_sums[i] += other.m_row_sums[i];
        m_row_records[i] += other.m_row_records[i];
    }
}

double TtDistribution::mean() const noexcept {
    if (m_records == 0) {
        return 0;
    }
    std::uint64_t sum = 0;
    for (const auto& [total, n] : m_histogram) {
        sum += total * n;
    }
    return static_cast<double>(sum) / static_cast<double>(m_records);
}

unsigned TtDistribution::quantile(double fraction) const noexcept {
    if (m_records == 0) {
        return 0;
    }
    // The lowest total reached by at least `fraction` of the records (nearest rank).
    const auto rank = static_cast<std::uint64_t>(std::max(1.0, std::ceil(fraction * static_cast<double>(m_records))));
    std::uint64_t seen = 0;
    for (const auto& [total, n] : m_histogram) {
        seen += n;
        if (seen >= rank) {
            return total;
        }
    }
    return m_histogram.rbegin()->first;
}

std::uint64_t TtDistribution::below(unsigned score) const noexcept {
    std::uint64_t n = 0;
    for (const auto& [total, count] : m_histogram) {
        if (total < score) {
            n += count;
        }
    }
    return n;
}

} // namespace marcaudit::scoring
