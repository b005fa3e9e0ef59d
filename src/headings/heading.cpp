#include "marcaudit/headings/heading.hpp"

#include <algorithm>
#include <array>

#include "marcaudit/headings/naco.hpp"

namespace marcaudit::headings {

namespace {

struct TagInfo {
    HeadingKind kind;
    bool subject;  ///< 6XX: the vocabulary comes from the second indicator and $2
};

/// The heading fields, by tag number; kind of heading and whether it is a subject field.
bool heading_tag(int n, TagInfo& info) noexcept {
    switch (n) {
        case 100: case 700: case 800: info = {HeadingKind::personal_name, false}; return true;
        case 110: case 710: case 810: info = {HeadingKind::corporate_name, false}; return true;
        case 111: case 711: case 811: info = {HeadingKind::meeting_name, false}; return true;
        case 130: case 240: case 730: case 830: info = {HeadingKind::uniform_title, false}; return true;
        case 440: info = {HeadingKind::uniform_title, false}; return true;  // a series, as 830
        case 740: info = {HeadingKind::title, false}; return true;
        case 600: info = {HeadingKind::personal_name, true}; return true;
        case 610: info = {HeadingKind::corporate_name, true}; return true;
        case 611: info = {HeadingKind::meeting_name, true}; return true;
        case 630: info = {HeadingKind::uniform_title, true}; return true;
        case 647: info = {HeadingKind::event, true}; return true;
        case 648: info = {HeadingKind::chronological, true}; return true;
        case 650: info = {HeadingKind::topical, true}; return true;
        case 651: info = {HeadingKind::geographic, true}; return true;
        case 655: info = {HeadingKind::genre, true}; return true;
        default: return false;
    }
}

/// `s` with ASCII capitals in lower case (codes and URIs, not headings).
std::string lower(std::string_view s) {
    std::string out{s};
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

/// $v $x $y $z: form, general, chronological and geographic subdivisions of a subject.
bool is_subdivision(char code) noexcept { return code == 'v' || code == 'x' || code == 'y' || code == 'z'; }

/// The length of the part of `key` before its first subdivision (all of it when there is none).
std::size_t entry_key_size(std::string_view key, bool subject) noexcept {
    if (!subject) {
        return key.size();
    }
    for (std::size_t i = 0; i + 1 < key.size(); ++i) {
        if (key[i] == '\x1F' && is_subdivision(key[i + 1])) {
            // Subdivisions with no main heading before them (650 $xMaps, miscoded): the whole
            // string is the heading, not an empty one all such fields would share.
            return i == 0 ? key.size() : i;
        }
    }
    return key.size();
}

std::string vocabulary_of(const record::FieldView& field, const TagInfo& info,
                          std::span<const record::SubfieldView> subfields) {
    if (!info.subject) {
        return "name";
    }
    switch (field.indicator(2)) {
        case '0': return "lcsh";
        case '1': return "lcac";
        case '2': return "mesh";
        case '3': return "nal";
        case '4': return "unspecified";
        case '5': return "cash";
        case '6': return "rvm";
        case '7':
            for (const auto& sf : subfields) {
                if (sf.code == '2') {
                    auto code = normalize_source_code(sf.value);
                    return code.empty() ? std::string{"unspecified"} : code;
                }
            }
            return "unspecified";
        default: return "unspecified";
    }
}

} // namespace

std::string_view to_string(HeadingKind kind) noexcept {
    switch (kind) {
        case HeadingKind::personal_name: return "personal name";
        case HeadingKind::corporate_name: return "corporate name";
        case HeadingKind::meeting_name: return "meeting name";
        case HeadingKind::uniform_title: return "uniform title";
        case HeadingKind::title: return "title";
        case HeadingKind::event: return "named event";
        case HeadingKind::chronological: return "chronological term";
        case HeadingKind::topical: return "topical term";
        case HeadingKind::geographic: return "geographic name";
        case HeadingKind::genre: return "genre/form term";
    }
    return "heading";
}

bool is_heading_subfield(char code, HeadingKind kind, FieldRole role) noexcept {
    if (code < 'a' || code > 'z') {
        return false;  // $0-$9: identifiers, sources, materials, control subfields
    }
    switch (code) {
        case 'i': case 'u': case 'w':
            return false;  // relationship information, affiliation, record control number
        case 'e':
            return kind == HeadingKind::meeting_name;  // a subordinate unit there, else a relator
        case 'j':
            return kind != HeadingKind::meeting_name;  // a relator term in meeting names
        case 'v':
            return role == FieldRole::subject;  // a form subdivision; in a series, the volume
        case 'x':
            return role == FieldRole::subject;  // a general subdivision; elsewhere an ISSN
        case 'y': case 'z':
            return role == FieldRole::subject;
        default:
            return true;
    }
}

bool heading_text(std::span<const record::SubfieldView> subfields, HeadingKind kind, FieldRole role,
                  std::string_view only, Heading& h) {
    std::string codes;
    h.display.clear();
    bool in_subdivisions = false;
    for (const auto& sf : subfields) {
        if (!is_heading_subfield(sf.code, kind, role) ||
            (!only.empty() && only.find(sf.code) == std::string_view::npos)) {
            continue;
        }
        if (codes.find(sf.code) == std::string::npos) {
            codes.push_back(sf.code);
        }
        const bool subdivision = role == FieldRole::subject && is_subdivision(sf.code);
        if (subdivision && !in_subdivisions) {
            in_subdivisions = true;
            h.entry_display_size = h.display.size();
        }
        if (!h.display.empty()) {
            // "1949- --Interviews", as LC displays an open date before a subdivision
            h.display += !subdivision ? " " : h.display.back() == '-' ? " --" : "--";
        }
        h.display += sf.value;
    }
    if (h.display.empty()) {
        return false;
    }
    if (!in_subdivisions || h.entry_display_size == 0) {
        h.entry_display_size = h.display.size();
    }
    h.key = naco_key(subfields, codes);
    h.entry_key_size = entry_key_size(h.key, role == FieldRole::subject);
    return true;
}

std::string normalize_source_code(std::string_view code) {
    while (!code.empty() && (code.back() == '.' || code.back() == ' ')) {
        code.remove_suffix(1);
    }
    while (!code.empty() && code.front() == ' ') {
        code.remove_prefix(1);
    }
    return lower(code);
}

std::string_view authority_scope(HeadingKind kind, std::string_view vocabulary) noexcept {
    if (vocabulary == "unspecified") {
        return {};  // second indicator 4, or 7 without $2: no vocabulary, nothing to judge it by
    }
    switch (kind) {
        case HeadingKind::personal_name:
        case HeadingKind::corporate_name:
        case HeadingKind::meeting_name:
        case HeadingKind::uniform_title:
            // Names outside 6XX, and in LCSH subject fields, are the LC name authority file's.
            // A name in another thesaurus's field (600 _2 MeSH, 600 _6 RVM, 600 _7 $2 fast) is
            // that vocabulary's: it is never compared with the LC form.
            for (std::string_view lc : {"name", "lcsh", "naf", "lcnaf"}) {
                if (vocabulary == lc) {
                    return "name";
                }
            }
            return vocabulary;
        case HeadingKind::title:
            return {};
        default:
            return vocabulary;
    }
}

std::string_view scope_label(std::string_view scope) noexcept {
    return scope == "name" ? "LC names" : scope == "lcsh" ? "LCSH" : scope;
}

std::string normalize_identifier(std::string_view id) {
    const auto scheme = id.find("://");
    if (scheme != std::string_view::npos && scheme < 8) {
        while (!id.empty() && (id.back() == '/' || id.back() == ' ' || id.back() == '.')) {
            id.remove_suffix(1);
        }
        const bool fast = id.find("/fast/") != std::string_view::npos;
        const auto slash = id.rfind('/');
        if (slash != std::string_view::npos) {
            id.remove_prefix(slash + 1);
        }
        if (id.ends_with(".html")) {
            id.remove_suffix(5);
        }
        // A FAST URI (id.worldcat.org/fast/1234567) names the record whose 001 is fst01234567.
        if (fast && !id.empty() && id.size() <= 8 &&
            std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            return "fst" + std::string(8 - id.size(), '0') + std::string{id};
        }
        while (!id.empty() && id.back() == '.') {
            id.remove_suffix(1);  // "…/n95071950." : the period ends the subfield, not the URI
        }
    } else if (id.starts_with('(')) {
        const auto close = id.find(')');
        if (close != std::string_view::npos) {
            id.remove_prefix(close + 1);
        }
    }
    std::string out;
    out.reserve(id.size());
    for (char c : id) {
        if (c != ' ') {
            out.push_back(c);
        }
    }
    return out;
}

namespace {

/// The source of an LC-style number by its letters: "n79021164" is the LC name file's.
std::string source_by_prefix(std::string_view id) {
    std::size_t letters = 0;
    while (letters < id.size() && ((id[letters] >= 'a' && id[letters] <= 'z') || (id[letters] >= 'A' && id[letters] <= 'Z'))) {
        ++letters;
    }
    const auto prefix = lower(id.substr(0, letters));
    if (prefix == "n" || prefix == "nb" || prefix == "nr" || prefix == "no" || prefix == "ns" || prefix == "nn") {
        return "lcnaf";
    }
    if (prefix == "sh" || prefix == "sj" || prefix == "sp") {
        return "lcsh";
    }
    if (prefix == "gf") {
        return "lcgft";
    }
    if (prefix == "fst") {
        return "fast";
    }
    if (prefix == "q" && letters < id.size()) {
        return "wikidata";
    }
    return prefix;  // "" for bare digits: a source we cannot tell
}

} // namespace

std::string identifier_source(std::string_view id) {
    while (!id.empty() && (id.front() == ' ')) {
        id.remove_prefix(1);
    }
    const auto scheme = id.find("://");
    if (scheme != std::string_view::npos && scheme < 8) {
        auto rest = lower(id.substr(scheme + 3));
        while (!rest.empty() && (rest.back() == '/' || rest.back() == ' ' || rest.back() == '.')) {
            rest.pop_back();
        }
        if (rest.starts_with("www.")) {
            rest.erase(0, 4);
        }
        const auto slash = rest.rfind('/');
        const auto base = slash == std::string::npos ? rest : rest.substr(0, slash);
        if (base.starts_with("id.loc.gov/")) {
            return source_by_prefix(normalize_identifier(id));
        }
        if (base.find("/fast") != std::string::npos) {
            return "fast";
        }
        if (base.starts_with("wikidata.org")) {
            return "wikidata";
        }
        if (base.starts_with("viaf.org")) {
            return "viaf";
        }
        if (base.starts_with("d-nb.info/gnd")) {
            return "gnd";
        }
        return base;
    }
    if (id.starts_with('(')) {
        const auto close = id.find(')');
        if (close != std::string_view::npos) {
            const auto code = lower(id.substr(1, close - 1));
            const auto number = normalize_identifier(id);
            if (code == "dlc" || code == "uri") {
                return source_by_prefix(number);
            }
            if (code == "ocolc" && number.starts_with("fst")) {
                return "fast";
            }
            if (code == "de-588") {
                return "gnd";
            }
            return code;
        }
    }
    return source_by_prefix(normalize_identifier(id));
}

int heading_tag(const record::FieldView& field, int n) noexcept {
    if (n == 880) {
        // Paired with its field: that field is the heading. Unpaired (occurrence 00): it
        // stands for the field its $6 names.
        const auto six = field.first('6');
        if (six.size() < 6 || six.substr(4, 2) != "00") {
            return -1;
        }
        n = record::tag_number(six.substr(0, 3));
    }
    TagInfo info{};
    return n >= 0 && heading_tag(n, info) ? n : -1;
}

bool heading_of_field(const record::FieldView& field, int n, std::vector<record::SubfieldView>& scratch, Heading& h) {
    TagInfo info{};
    if (n < 0 || !heading_tag(n, info)) {
        return false;
    }
    scratch.clear();
    record::split_subfields(field.data(), scratch);
    const char tag[3] = {static_cast<char>('0' + n / 100), static_cast<char>('0' + n / 10 % 10),
                         static_cast<char>('0' + n % 10)};
    h.tag.assign(tag, 3);
    h.kind = info.kind;
    const FieldRole role = info.subject ? FieldRole::subject
                           : (n >= 800 || n == 440) ? FieldRole::series
                                                    : FieldRole::name_or_title;
    // Only the identifiers of the main heading name its entity: a $0 after a subdivision
    // ($v $x $y $z of a subject) names the subdivision ("Expositions"), which many headings share.
    h.identifiers.clear();
    for (const auto& sf : scratch) {
        if (role == FieldRole::subject && is_subdivision(sf.code)) {
            break;
        }
        if (sf.code == '0' || sf.code == '1') {
            h.identifiers.emplace_back(sf.value);
        }
    }
    if (!heading_text(scratch, info.kind, role, n == 740 ? "anp" : std::string_view{}, h)) {
        return false;  // no heading text: marc21-subfield-empty and friends report the field
    }
    h.vocabulary = vocabulary_of(field, info, scratch);
    return true;
}

bool name_title_of_240(const record::RecordView& record, const record::FieldView& field,
                       std::vector<record::SubfieldView>& scratch, Heading& h) {
    const record::FieldView* main = nullptr;
    for (const auto& f : record.fields()) {
        const auto tag = f.tag();
        if (tag == "100" || tag == "110" || tag == "111") {
            main = &f;
            break;
        }
    }
    if (main == nullptr) {
        return heading_of_field(field, 240, scratch, h);  // a uniform title on its own
    }
    if (!heading_of_field(*main, record::tag_number(main->tag()), scratch, h)) {
        return heading_of_field(field, 240, scratch, h);  // a 1XX with no name text: the title alone
    }
    // The title as the name/title heading's $t (and $n $p $l $k... as they are): authority
    // records establish "Mozart, Wolfgang Amadeus, 1756-1791. Zauberflöte" as 100 $a $d $t.
    scratch.clear();
    record::split_subfields(field.data(), scratch);
    h.identifiers.clear();  // the 1XX's $0 names the person, not the work
    bool any = false;
    for (const auto& sf : scratch) {
        if (sf.code == '0' || sf.code == '1') {
            h.identifiers.emplace_back(sf.value);
        }
        if (!is_heading_subfield(sf.code, HeadingKind::uniform_title, FieldRole::name_or_title)) {
            continue;
        }
        h.key.push_back(record::subfield_delimiter);
        h.key.push_back(sf.code == 'a' ? 't' : sf.code);
        h.key += naco_normalize(sf.value, false);
        h.display.push_back(' ');
        h.display += sf.value;
        any = true;
    }
    if (!any) {
        return false;
    }
    h.tag = "240";
    h.entry_key_size = h.key.size();
    h.entry_display_size = h.display.size();
    return true;
}

void extract_headings(const record::RecordView& record, std::vector<Heading>& out) {
    std::array<std::uint32_t, 1000> seen{};
    std::vector<record::SubfieldView> subfields;
    const auto fields = record.fields();
    for (std::uint32_t i = 0; i < fields.size(); ++i) {
        const auto& field = fields[i];
        const int n = record::tag_number(field.tag());
        if (n < 0) {
            continue;
        }
        const std::uint32_t occurrence = ++seen[static_cast<std::size_t>(n)];
        Heading h;
        const int as = heading_tag(field, n);
        if (as == 240 ? name_title_of_240(record, field, subfields, h) : heading_of_field(field, as, subfields, h)) {
            h.field_index = i;
            h.occurrence = occurrence;
            out.push_back(std::move(h));
        }
    }
}

} // namespace marcaudit::headings
