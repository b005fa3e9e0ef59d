#include "marcaudit/headings/analysis.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <tuple>

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "detail/input_order.hpp"
#include "marcaudit/findings/finding.hpp"

namespace marcaudit::headings {

namespace {

/// `text` without the punctuation and blanks that end a heading in one field and not in
/// another ("Twain, Mark, 1835-1910." in a 100, without the period before a $t). The
/// period of a closing initial stays: "Lewis, C. S." is not "Lewis, C. S".
std::string_view trim_end(std::string_view text) noexcept {
    while (!text.empty()) {
        const char c = text.back();
        const auto n = text.size();
        const bool initial = c == '.' && n >= 2 && text[n - 2] >= 'A' && text[n - 2] <= 'Z' &&
                             (n == 2 || text[n - 3] == ' ' || text[n - 3] == '.');
        if (!initial && (c == ' ' || c == '.' || c == ',' || c == ';' || c == ':' || c == '/' || c == '=')) {
            text.remove_suffix(1);
        } else {
            break;
        }
    }
    return text;
}

/// Whether two displays are the same text once composed alike (NFC): MARC-8 records carry
/// decomposed letters, authority files often precomposed ones.
bool same_text(std::string_view a, std::string_view b) {
    if (a == b) {
        return true;
    }
    UErrorCode status = U_ZERO_ERROR;
    const auto* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) {
        return false;
    }
    const auto x = nfc->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece{a.data(), static_cast<int32_t>(a.size())}), status);
    const auto y = nfc->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece{b.data(), static_cast<int32_t>(b.size())}), status);
    return U_SUCCESS(status) && x == y;
}

/// An identifier of a set: "source 0x1E number".
struct Id {
    std::string_view source;
    std::string_view number;
};

Id split_id(std::string_view entry) noexcept {
    const auto cut = entry.find('\x1E');
    return cut == std::string_view::npos ? Id{{}, entry} : Id{entry.substr(0, cut), entry.substr(cut + 1)};
}

/// Calls f with each "source 0x1E number" entry of an identifier set.
template <typename F>
void for_each_id(std::string_view set, F&& f) {
    while (!set.empty()) {
        const auto cut = set.find('\x1F');
        f(set.substr(0, cut));
        set = cut == std::string_view::npos ? std::string_view{} : set.substr(cut + 1);
    }
}

/// Whether two identifiers are different numbers of one source: two different entities.
bool clash(std::string_view a, std::string_view b) noexcept {
    const auto x = split_id(a);
    const auto y = split_id(b);
    return x.source == y.source && x.number != y.number;
}

/// Whether a list of identifiers holds two different numbers of one source.
bool conflicting_ids(std::span<const std::string_view> ids) noexcept {
    for (std::size_t i = 0; i < ids.size(); ++i) {
        for (std::size_t j = i + 1; j < ids.size(); ++j) {
            if (clash(ids[i], ids[j])) {
                return true;
            }
        }
    }
    return false;
}

/// Union-find over units, authority records and identifiers. Each group knows the authority
/// record and the identifiers in it: two groups with different records, or with two
/// different numbers of one source (two people's LC numbers), are never joined.
class Groups {
public:
    /// Nodes [first_authority, first_authority + authorities) are authority records.
    Groups(std::size_t n, std::uint32_t first_authority, std::uint32_t authorities) :
        m_parent(n), m_authority(n, -1), m_ids(n) {
        std::iota(m_parent.begin(), m_parent.end(), 0U);
        for (std::uint32_t a = 0; a < authorities; ++a) {
            m_authority[first_authority + a] = a;
        }
    }
    /// Gives node x identifiers ("source 0x1E number") before any join.
    void set_ids(std::uint32_t x, std::vector<std::string_view> ids) { m_ids[x] = std::move(ids); }
    /// The authority record of x's group, or -1.
    [[nodiscard]] std::int64_t authority(std::uint32_t x) { return m_authority[find(x)]; }
    std::uint32_t find(std::uint32_t x) {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]];
            x = m_parent[x];
        }
        return x;
    }
    /// Whether the groups of a and b may be one: not two authority records, not two
    /// numbers of one source.
    bool compatible(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a == b) {
            return true;
        }
        if (m_authority[a] >= 0 && m_authority[b] >= 0 && m_authority[a] != m_authority[b]) {
            return false;
        }
        return std::none_of(m_ids[a].begin(), m_ids[a].end(), [&](std::string_view x) {
            return std::any_of(m_ids[b].begin(), m_ids[b].end(), [&](std::string_view y) { return clash(x, y); });
        });
    }
    /// Joins the groups of a and b when compatible(); the smaller index becomes the root
    /// (deterministic). Returns whether they are one group now.
    bool join(std::uint32_t a, std::uint32_t b) {
        if (!compatible(a, b)) {
            return false;
        }
        a = find(a);
        b = find(b);
        if (a == b) {
            return true;
        }
        const auto root = std::min(a, b);
        const auto other = std::max(a, b);
        m_authority[root] = std::max(m_authority[a], m_authority[b]);
        for (auto id : m_ids[other]) {
            if (std::find(m_ids[root].begin(), m_ids[root].end(), id) == m_ids[root].end()) {
                m_ids[root].push_back(id);
            }
        }
        m_ids[other].clear();
        m_parent[other] = root;
        return true;
    }

private:
    std::vector<std::uint32_t> m_parent;
    std::vector<std::int64_t> m_authority;
    std::vector<std::vector<std::string_view>> m_ids;
};

/// The segments of a NACO key ("\x1Fa..." "\x1Fd...").
template <typename F>
void for_each_segment(std::string_view key, F&& f) {
    std::size_t i = key.find('\x1F');
    while (i != std::string_view::npos && i + 1 < key.size()) {
        const std::size_t next = key.find('\x1F', i + 1);
        f(key[i + 1], key.substr(i + 2, next == std::string_view::npos ? std::string_view::npos : next - i - 2));
        i = next;
    }
}

/// The parts of a personal name that tell namesakes apart: dates ($d) and fuller form ($q).
struct NameParts {
    std::string loose;  ///< the key without $d and $q
    std::string dates;  ///< the $d segment, or empty
    std::string birth;  ///< its first four-digit number, or `dates` when it has none
    std::string death;  ///< the next four-digit number: closed dates; empty for open dates
    std::string fuller; ///< the $q segment, or empty
    bool clean = true;  ///< the dates hold years, hyphens and qualifiers only ("ca", "fl")

    /// 2 closed dates, 1 open dates (a birth year), 0 none.
    [[nodiscard]] int date_level() const noexcept { return dates.empty() ? 0 : !death.empty() ? 2 : 1; }
};

bool four_digits_at(std::string_view s, std::size_t i) noexcept {
    return i + 4 <= s.size() && std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i),
                                            s.begin() + static_cast<std::ptrdiff_t>(i + 4),
                                            [](char c) { return c >= '0' && c <= '9'; }) &&
           (i + 4 == s.size() || s[i + 4] < '0' || s[i + 4] > '9');
}

NameParts name_parts(std::string_view key) {
    NameParts p;
    const auto body = key.find('\x1F');
    p.loose.assign(key.substr(0, body));
    for_each_segment(key, [&](char code, std::string_view value) {
        if (code == 'd') {
            p.dates.assign(value);
        } else if (code == 'q') {
            p.fuller.assign(value);
        } else {
            p.loose.push_back('\x1F');
            p.loose.push_back(code);
            p.loose.append(value);
        }
    });
    p.birth = p.dates;
    std::size_t i = 0;
    for (; i + 4 <= p.dates.size(); ++i) {
        if ((i == 0 || p.dates[i - 1] < '0' || p.dates[i - 1] > '9') && four_digits_at(p.dates, i)) {
            p.birth = p.dates.substr(i, 4);
            break;
        }
    }
    if (p.birth.size() == 4 && p.birth != p.dates) {
        for (std::size_t j = i + 4; j + 4 <= p.dates.size(); ++j) {
            if ((p.dates[j - 1] < '0' || p.dates[j - 1] > '9') && four_digits_at(p.dates, j)) {
                p.death = p.dates.substr(j, 4);
                break;
            }
        }
    }
    // What is left once the years are taken out must be hyphens, blanks and qualifiers.
    if (!p.dates.empty()) {
        std::string words;
        for (std::size_t k = 0; k < p.dates.size(); ++k) {
            if (four_digits_at(p.dates, k) && (k == 0 || p.dates[k - 1] < '0' || p.dates[k - 1] > '9')) {
                k += 3;
                words.push_back(' ');
            } else {
                words.push_back(p.dates[k]);
            }
        }
        std::size_t k = 0;
        while (k < words.size()) {
            while (k < words.size() && (words[k] == ' ' || words[k] == '-')) {
                ++k;
            }
            std::size_t e = k;
            while (e < words.size() && words[e] != ' ' && words[e] != '-') {
                ++e;
            }
            const auto w = std::string_view{words}.substr(k, e - k);
            static constexpr std::array<std::string_view, 14> k_qualifiers{
                "ca", "b", "d", "fl", "active", "approximately", "born", "died", "or", "bc", "bce", "ad", "ce", "cent"};
            if (!w.empty() && std::find(k_qualifiers.begin(), k_qualifiers.end(), w) == k_qualifiers.end()) {
                p.clean = false;
            }
            k = e;
        }
    }
    return p;
}

// --- How a way of writing a heading compares with another (no authority data to say).

/// Whether `text` holds U+FFFD, the replacement character of a failed conversion.
bool has_replacement(std::string_view text) noexcept { return text.find("\xEF\xBF\xBD") != std::string_view::npos; }

/// Whether `worse` is `better` with letters lost in a conversion: decomposed alike (NFD),
/// the two are the same but where `worse` has '?' or U+FFFD and `better` a letter or mark
/// outside ASCII ("Honore? de" beside "Honoré de"). A '?' that `better` has too (an
/// uncertain date, "1850?-1920") is no loss.
bool lost_in_conversion(std::string_view worse, std::string_view better) {
    UErrorCode status = U_ZERO_ERROR;
    const auto* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) {
        return false;
    }
    const auto w = nfd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece{worse.data(), static_cast<int32_t>(worse.size())}), status);
    const auto b = nfd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece{better.data(), static_cast<int32_t>(better.size())}), status);
    if (U_FAILURE(status) || w.length() != b.length()) {
        return false;
    }
    bool lost = false;
    for (int32_t i = 0; i < w.length(); ++i) {
        const auto x = w.charAt(i);
        const auto y = b.charAt(i);
        if (x == y) {
            continue;
        }
        if ((x != u'?' && x != 0xFFFD) || y < 0x80) {
            return false;
        }
        lost = true;
    }
    return lost;
}

/// Non-ASCII code points (letters with diacritics, as ALA-LC romanization writes them).
std::size_t non_ascii(std::string_view text) noexcept {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0xC0U; }));
}

std::size_t capitals(std::string_view text) noexcept {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
}

/// Written in capitals: two or more ASCII letters and none in lower case.
bool in_capitals(std::string_view text) noexcept {
    const bool lower = std::any_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    return !lower && capitals(text) >= 2;
}

/// Whether `scope` capitalizes topical and genre terms as LCSH does: the first word and
/// proper names only ("Information systems", not "Information Systems").
bool sentence_case_scope(std::string_view scope, HeadingKind kind) noexcept {
    return (kind == HeadingKind::topical || kind == HeadingKind::genre) &&
           (scope == "lcsh" || scope == "lcac" || scope == "cash" || scope == "lcgft");
}

/// How good a way of writing a heading is, without authority data: no replacement
/// character, then diacritics, then not in capitals, then (LCSH-like topics) fewer capitals
/// after a capital first letter. Compared as a tuple: greater is better.
auto spelling_quality(std::string_view text, bool sentence_case) {
    const bool first_capital = !text.empty() && text.front() >= 'A' && text.front() <= 'Z';
    const long fewer_capitals = sentence_case && first_capital ? -static_cast<long>(capitals(text)) : 0;
    return std::make_tuple(!has_replacement(text), non_ascii(text), !in_capitals(text), fewer_capitals);
}

/// Why `better` is a better way of writing a heading of `kind` than `worse`, or empty when
/// nothing but the number of records speaks for it. Capitals count against a personal name
/// or a subject, not against a body's name: acronyms ("UNESCO", "IBM") are written so.
std::string_view spelling_reason(std::string_view better, std::string_view worse, bool sentence_case, HeadingKind kind) {
    if (lost_in_conversion(worse, better)) {
        return "the other has a character lost in a conversion";
    }
    if (non_ascii(better) > non_ascii(worse)) {
        return "it keeps the diacritics (ALA-LC romanization)";
    }
    if (kind != HeadingKind::corporate_name && kind != HeadingKind::meeting_name && in_capitals(worse) &&
        !in_capitals(better)) {
        return "it is not written in capitals";
    }
    if (std::get<3>(spelling_quality(better, sentence_case)) > std::get<3>(spelling_quality(worse, sentence_case))) {
        return "topical terms capitalize the first word and proper names only";
    }
    return {};
}

/// Whether a suggested form looks like an identifier rather than a heading.
bool looks_like_identifier(std::string_view text) noexcept {
    if (text.find("://") != std::string_view::npos) {
        return true;
    }
    std::size_t letters = 0;
    while (letters < text.size() && text[letters] >= 'a' && text[letters] <= 'z') {
        ++letters;
    }
    if (letters == 0 || letters > 3 || letters == text.size()) {
        return false;
    }
    return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(letters), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || c == ' '; });
}

} // namespace

// ---------------------------------------------------------------------------------------
// Gathering, one collector per thread

std::uint32_t HeadingCollector::intern_form(const Heading& h, std::string_view scope) {
    m_key = scoped_key(scope, h.kind, h.key);
    const auto entry = static_cast<std::uint32_t>(scope.size() + 2 + h.entry_key_size);
    auto it = m_form_ids.find(std::string_view{m_key});
    if (it == m_form_ids.end()) {
        it = m_form_ids.emplace(m_key, static_cast<std::uint32_t>(m_forms.size())).first;
        m_forms.push_back(Form{m_key, entry, h.kind, {}});
    }
    return it->second;
}

std::uint32_t HeadingCollector::intern_ids(const Heading& h) {
    if (h.identifiers.empty()) {
        return 0;
    }
    std::vector<std::string> ids;  // "source 0x1E number"
    for (const auto& id : h.identifiers) {
        if (auto n = normalize_identifier(id); !n.empty()) {
            ids.push_back(identifier_source(id) + '\x1E' + n);
        }
    }
    if (ids.empty()) {
        return 0;
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::string joined;
    for (const auto& id : ids) {
        if (!joined.empty()) {
            joined.push_back('\x1F');
        }
        joined += id;
    }
    auto it = m_id_set_ids.find(std::string_view{joined});
    if (it == m_id_set_ids.end()) {
        it = m_id_set_ids.emplace(joined, static_cast<std::uint32_t>(m_id_sets.size())).first;
        m_id_sets.push_back(std::move(joined));
    }
    return it->second;
}

HeadingCollector::Cached HeadingCollector::judge_field(const record::FieldView& field, int n,
                                                        const record::RecordView* whole) {
    Cached c;
    const bool found = whole != nullptr ? name_title_of_240(*whole, field, m_subfields, m_heading)
                                        : heading_of_field(field, n, m_subfields, m_heading);
    if (!found) {
        return c;
    }
    const auto scope = authority_scope(m_heading.kind, m_heading.vocabulary);
    if (scope.empty()) {
        return c;  // no authority data controls it: nothing to judge or to cluster
    }
    c.form = intern_form(m_heading, scope);
    auto& displays = m_forms[c.form].displays;
    const auto text = trim_end(m_heading.display);
    std::size_t d = 0;
    while (d < displays.size() && displays[d].text != text) {
        ++d;
    }
    if (d == displays.size()) {
        // Every spelling is kept: the field cache means this scan runs once per distinct field.
        displays.push_back(
            Display{std::string{text}, static_cast<std::uint32_t>(std::min(m_heading.entry_display_size, text.size()))});
    }
    c.display = static_cast<std::uint32_t>(d);
    c.ids = intern_ids(m_heading);
    c.heading = true;
    return c;
}

void HeadingCollector::add(const record::RecordView& record, bool in_batch) {
    if (record::kind_of(record.leader()) != record::RecordKind::bibliographic) {
        return;
    }
    std::array<std::uint32_t, 1000> seen{};
    const auto fields = record.fields();
    bool placed = false;
    const auto uses_before = m_uses.size();
    for (std::uint32_t i = 0; i < fields.size(); ++i) {
        const auto& field = fields[i];
        const int tag = record::tag_number(field.tag());
        if (tag < 0) {
            continue;
        }
        const auto occurrence = ++seen[static_cast<std::size_t>(tag)];
        const int n = heading_tag(field, tag);
        if (n < 0) {
            continue;
        }
        if (!placed) {  // the record's place, kept once it has a heading field
            m_records.push_back(RecordPlace{record.source_index(), record.record_number(), record.byte_offset(),
                                            std::string{record.control_number()}, in_batch});
            placed = true;
        }
        const auto rec = static_cast<std::uint32_t>(m_records.size() - 1);
        // The same heading field recurs from record to record (an author, a subject): what
        // it makes is looked up by its bytes, and worked out only the first time. Not for
        // 880s, whose $6 differs in every record.
        Cached c;
        if (tag == 880) {
            c = judge_field(field, n);
        } else {
            m_key.assign(field.tag());
            m_key.append(field.data());
            if (n == 240) {
                // A 240's heading joins the record's 1XX: both make the key.
                for (const auto& f : fields) {
                    if (f.tag() == "100" || f.tag() == "110" || f.tag() == "111") {
                        m_key.push_back(record::record_terminator);
                        m_key.append(f.tag());
                        m_key.append(f.data());
                        break;
                    }
                }
            }
            const auto hit = m_field_cache.find(std::string_view{m_key});
            if (hit != m_field_cache.end()) {
                c = hit->second;
            } else {
                std::string raw = m_key;  // judge_field reuses m_key
                c = judge_field(field, n, n == 240 ? &record : nullptr);
                if (m_field_cache.size() >= k_field_cache_limit) {
                    m_field_cache.clear();  // bounded memory on catalogs of mostly unique headings
                }
                m_field_cache.emplace(std::move(raw), c);
            }
        }
        if (!c.heading) {
            continue;
        }
        m_uses.push_back(Use{rec, c.form, c.ids, i, c.display, occurrence, static_cast<std::uint16_t>(tag),
                             static_cast<std::uint16_t>(n)});
    }
    if (placed && m_uses.size() == uses_before) {
        m_records.pop_back();  // heading fields, but none with a heading to keep
    }
}

// ---------------------------------------------------------------------------------------
// Analysis

namespace {

/// How a unit's key matched the authority data.
struct Match {
    enum class Kind : std::uint8_t { none, authorized, variant, ambiguous, not_covered };
    Kind kind = Kind::not_covered;
    std::span<const std::uint32_t> authorities;
};

struct GlobalForm {
    std::string_view key;  ///< into the collector that first had it
    std::uint32_t entry_size = 0;
    HeadingKind kind{};
    struct Display {
        std::string_view text;
        std::uint32_t entry_size;
    };
    std::vector<Display> displays;
    std::string_view unit_key;   ///< the key searches run on: the main heading, or all of it
    bool unit_is_whole = false;  ///< the whole heading matched, subdivisions and all
    Match match;
};

/// One way a unit is written, with how often and first where.
struct Spelling {
    std::string_view text;
    std::uint32_t uses = 0;
    std::uint32_t first = 0xFFFFFFFF;
};

/// The headings searches treat as one: one key, and one set of main-heading identifiers
/// (two people of the same name, with their two numbers, are two units).
struct Unit {
    std::string_view key;
    std::uint32_t id_set = 0;            ///< 0: no $0/$1
    HeadingKind kind{};
    Match match;
    std::vector<std::uint32_t> records;  ///< sorted, unique
    std::vector<Spelling> spellings;
    std::uint32_t best = 0;              ///< the best way of writing it (spelling_quality, uses)
    std::vector<std::string_view> ids;   ///< the set's identifiers ("source 0x1E number")
    std::vector<std::uint32_t> named;    ///< the authority records they name in its scope
    std::int64_t authority = -1;         ///< the authority it resolved to, by text or by $0
    bool id_conflict = false;            ///< two numbers of one source: joins nothing by them
    [[nodiscard]] bool linked() const noexcept { return id_set != 0 && !id_conflict; }
};

/// A heading field of the run: HeadingCollector::Use with global record, form and id-set
/// numbers and the index of its spelling among its form's merged displays.
struct GlobalUse {
    std::uint32_t record, form, ids, field_index, display, occurrence;
    std::uint16_t tag, heading_tag;
};

/// How a form is joined to its entity's preferred form.
enum class Strength : std::uint8_t {
    low,     ///< a guess (an undated name beside a dated one; other death dates): information only
    medium,  ///< by text: the same name with the same birth year, the same words written otherwise
    high,    ///< by authority data or a shared identifier
};

std::string_view scope_of(std::string_view key) noexcept { return key.substr(0, key.find('\x1E')); }

bool covered_prefix(const std::map<std::string_view, Coverage>& coverage, std::string_view prefix) {
    const auto it = coverage.find(prefix);
    return it != coverage.end() && it->second.covered;
}

} // namespace

HeadingAnalysis::HeadingAnalysis(std::span<HeadingCollector* const> collectors, const AuthorityIndex& authorities)
    : m_authorities(&authorities) {
    // What the collectors needed only while gathering goes first: the lookups by key (a
    // second copy of every key) and the field cache. The forms stay: the analysis views them.
    for (auto* c : collectors) {
        HeadingCollector::Interned{}.swap(c->m_form_ids);
        HeadingCollector::Interned{}.swap(c->m_id_set_ids);
        decltype(c->m_field_cache){}.swap(c->m_field_cache);
    }
    // --- Records, numbered in input order.
    std::vector<std::vector<std::uint32_t>> record_map;
    const auto refs = detail::input_order(
        collectors, [](const HeadingCollector& c) -> const auto& { return c.m_records; },
        [](const RecordPlace& a, const RecordPlace& b) {
            return std::tie(a.source_index, a.record_number) < std::tie(b.source_index, b.record_number);
        },
        record_map);
    auto place = [&](const detail::LocalRecord& r) -> RecordPlace& { return collectors[r.collector]->m_records[r.local]; };
    m_records.reserve(refs.size());
    for (const auto& r : refs) {
        m_records.push_back(std::move(place(r)));
    }

    // --- Forms, numbered by key; their spellings merged.
    using Ref = detail::LocalRecord;  // here: a form of one collector
    std::vector<Ref> form_refs;
    for (std::uint32_t c = 0; c < collectors.size(); ++c) {
        for (std::uint32_t i = 0; i < collectors[c]->m_forms.size(); ++i) {
            form_refs.push_back({c, i});
        }
    }
    auto form_of = [&](const Ref& r) -> HeadingCollector::Form& { return collectors[r.collector]->m_forms[r.local]; };
    std::sort(form_refs.begin(), form_refs.end(), [&](const Ref& a, const Ref& b) { return form_of(a).key < form_of(b).key; });
    std::vector<std::vector<std::uint32_t>> form_map(collectors.size());
    std::vector<std::vector<std::vector<std::uint32_t>>> display_map(collectors.size());
    for (std::uint32_t c = 0; c < collectors.size(); ++c) {
        form_map[c].resize(collectors[c]->m_forms.size());
        display_map[c].resize(collectors[c]->m_forms.size());
    }
    std::vector<GlobalForm> forms;
    for (const auto& r : form_refs) {
        auto& f = form_of(r);
        if (forms.empty() || forms.back().key != f.key) {
            forms.push_back(GlobalForm{f.key, f.entry_size, f.kind, {}, {}, false, {}});
        }
        auto& g = forms.back();
        const auto gi = static_cast<std::uint32_t>(forms.size() - 1);
        form_map[r.collector][r.local] = gi;
        auto& dmap = display_map[r.collector][r.local];
        for (const auto& d : f.displays) {
            std::size_t k = 0;
            while (k < g.displays.size() && g.displays[k].text != d.text) {
                ++k;
            }
            if (k == g.displays.size()) {
                g.displays.push_back({d.text, d.entry_size});
            }
            dmap.push_back(static_cast<std::uint32_t>(k));
        }
    }

    // --- Identifier sets, numbered by value.
    std::vector<std::string_view> id_sets{std::string_view{}};
    std::vector<std::vector<std::uint32_t>> id_map(collectors.size());
    {
        std::map<std::string_view, std::uint32_t> ids;
        for (auto* c : collectors) {
            for (std::size_t i = 1; i < c->m_id_sets.size(); ++i) {
                ids.emplace(c->m_id_sets[i], 0);
            }
        }
        for (auto& [text, index] : ids) {
            index = static_cast<std::uint32_t>(id_sets.size());
            id_sets.push_back(text);
        }
        for (std::uint32_t c = 0; c < collectors.size(); ++c) {
            id_map[c].push_back(0);
            for (std::size_t i = 1; i < collectors[c]->m_id_sets.size(); ++i) {
                id_map[c].push_back(ids.at(collectors[c]->m_id_sets[i]));
            }
        }
    }

    // --- Uses, in record and field order.
    std::vector<GlobalUse> uses;
    for (std::uint32_t c = 0; c < collectors.size(); ++c) {
        for (const auto& u : collectors[c]->m_uses) {
            uses.push_back(GlobalUse{record_map[c][u.record], form_map[c][u.form], id_map[c][u.ids], u.field_index,
                                     display_map[c][u.form][u.display], u.occurrence, u.tag, u.heading_tag});
        }
    }
    auto by_place = [](const GlobalUse& a, const GlobalUse& b) {
        return std::tie(a.record, a.field_index) < std::tie(b.record, b.field_index);
    };
    if (!std::is_sorted(uses.begin(), uses.end(), by_place)) {
        std::sort(uses.begin(), uses.end(), by_place);
    }
    m_heading_count = uses.size();

    // --- Match each form against the authority data: the whole heading, else its main part.
    auto lookup = [&](std::string_view key, Match& m) {
        const auto auth = authorities.authorized(key);
        if (!auth.empty()) {
            m = {auth.size() == 1 ? Match::Kind::authorized : Match::Kind::ambiguous, auth};
            return true;
        }
        const auto see = authorities.see_from(key);
        if (!see.empty()) {
            m = {see.size() == 1 ? Match::Kind::variant : Match::Kind::ambiguous, see};
            return true;
        }
        return false;
    };
    for (auto& f : forms) {
        Match m;
        std::string_view unit = f.key.substr(0, f.entry_size);
        if (authorities.covers_key(f.key)) {
            m.kind = Match::Kind::none;
            if (lookup(f.key, m)) {
                unit = f.key;
            } else {
                lookup(unit, m);
            }
        }
        f.unit_is_whole = unit.size() == f.key.size();
        f.unit_key = unit;
        f.match = m;
    }

    // --- Units: one per key searches run on and main-heading identifier set.
    std::vector<std::uint32_t> use_unit(uses.size());
    std::vector<Unit> units;
    {
        std::vector<std::uint64_t> pairs;  // form << 32 | id set
        pairs.reserve(uses.size());
        for (const auto& u : uses) {
            pairs.push_back((std::uint64_t{u.form} << 32U) | u.ids);
        }
        std::sort(pairs.begin(), pairs.end());
        pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
        auto form_of_pair = [](std::uint64_t p) { return static_cast<std::uint32_t>(p >> 32U); };
        auto ids_of_pair = [](std::uint64_t p) { return static_cast<std::uint32_t>(p & 0xFFFFFFFFU); };
        std::vector<std::uint32_t> order(pairs.size());
        std::iota(order.begin(), order.end(), 0U);
        std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
            return std::tuple{forms[form_of_pair(pairs[x])].unit_key, ids_of_pair(pairs[x]), x} <
                   std::tuple{forms[form_of_pair(pairs[y])].unit_key, ids_of_pair(pairs[y]), y};
        });
        std::vector<std::uint32_t> pair_unit(pairs.size());
        for (auto x : order) {
            const auto& f = forms[form_of_pair(pairs[x])];
            const auto ids = ids_of_pair(pairs[x]);
            if (units.empty() || units.back().key != f.unit_key || units.back().id_set != ids) {
                Unit unit;
                unit.key = f.unit_key;
                unit.id_set = ids;
                unit.kind = f.kind;
                unit.match = f.match;
                units.push_back(std::move(unit));
            }
            pair_unit[x] = static_cast<std::uint32_t>(units.size() - 1);
        }
        for (std::size_t k = 0; k < uses.size(); ++k) {
            const auto p = (std::uint64_t{uses[k].form} << 32U) | uses[k].ids;
            use_unit[k] = pair_unit[static_cast<std::size_t>(std::lower_bound(pairs.begin(), pairs.end(), p) - pairs.begin())];
        }
    }
    auto use_text = [&](const GlobalUse& u) {
        const auto& f = forms[u.form];
        const auto& d = f.displays[u.display];
        return f.unit_is_whole ? d.text : trim_end(d.text.substr(0, d.entry_size));
    };
    {
        // Each unit's records, and how often each way of writing it is used (and first where).
        for (std::size_t k = 0; k < uses.size(); ++k) {
            const auto& u = uses[k];
            auto& unit = units[use_unit[k]];
            unit.records.push_back(u.record);
            const auto text = use_text(u);
            auto it = std::find_if(unit.spellings.begin(), unit.spellings.end(),
                                   [&](const Spelling& sp) { return sp.text == text; });
            if (it == unit.spellings.end()) {
                it = unit.spellings.insert(it, Spelling{text, 0, u.record});
            }
            ++it->uses;
            it->first = std::min(it->first, u.record);
        }
        for (auto& unit : units) {
            std::sort(unit.records.begin(), unit.records.end());
            unit.records.erase(std::unique(unit.records.begin(), unit.records.end()), unit.records.end());
            const bool sentence = sentence_case_scope(scope_of(unit.key), unit.kind);
            auto rank = [&](const Spelling& sp) {
                return std::tuple_cat(spelling_quality(sp.text, sentence), std::tuple{sp.uses, -static_cast<std::int64_t>(sp.first)});
            };
            for (std::uint32_t i = 1; i < unit.spellings.size(); ++i) {
                if (rank(unit.spellings[i]) > rank(unit.spellings[unit.best])) {
                    unit.best = i;
                }
            }
        }
    }

    // --- What each identifier set names in the authority data.
    std::vector<std::vector<std::uint32_t>> id_authorities(id_sets.size());
    for (std::size_t s = 1; s < id_sets.size(); ++s) {
        for_each_id(id_sets[s], [&](std::string_view entry) {
            for (auto a : authorities.identified_by(split_id(entry).number)) {
                id_authorities[s].push_back(a);
            }
        });
        auto& list = id_authorities[s];
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }

    // --- Entities: units joined by authority record, by identifier, by text, then by names' dates.
    const auto n_units = static_cast<std::uint32_t>(units.size());
    const auto n_auth = static_cast<std::uint32_t>(authorities.records().size());
    // The authority records an identifier set names, among those of the heading's scope (an
    // LC number in a FAST heading's $0 names nothing FAST controls).
    auto named_in = [&](std::uint32_t id_set, std::string_view key) {
        std::vector<std::uint32_t> named;
        if (id_set == 0 || id_authorities[id_set].empty()) {
            return named;  // no authority record has the number: nothing to filter
        }
        for (auto a : id_authorities[id_set]) {
            if (authorities.records()[a].scope == scope_of(key)) {
                named.push_back(a);
            }
        }
        return named;
    };
    for (auto& unit : units) {
        if (unit.id_set != 0) {
            for_each_id(id_sets[unit.id_set], [&](std::string_view id) { unit.ids.push_back(id); });
            unit.id_conflict = conflicting_ids(unit.ids);
            unit.named = named_in(unit.id_set, unit.key);
        }
    }
    auto joins_by_id = [&](const Unit& unit) {
        const auto k = unit.match.kind;
        return k != Match::Kind::authorized && k != Match::Kind::variant && k != Match::Kind::ambiguous &&
               unit.linked() && unit.named.size() <= 1;  // naming several records: join nothing
    };
    std::map<std::pair<std::string_view, std::string_view>, std::uint32_t> id_nodes;  // (scope, id)
    for (const auto& unit : units) {
        if (joins_by_id(unit)) {
            for (auto id : unit.ids) {
                id_nodes.emplace(std::pair{scope_of(unit.key), id}, 0);
            }
        }
    }
    const auto first_id_node = n_units + n_auth;
    {
        std::uint32_t next = first_id_node;
        for (auto& [id, node] : id_nodes) {
            node = next++;
        }
    }
    // An identifier shared by personal names with different dates is a wrong $0 somewhere
    // (Lincoln's heading with Ben-Gurion's number), not one person: it joins nothing.
    std::vector<bool> conflicting(id_nodes.size(), false);  // by node - first_id_node
    {
        std::vector<std::string> births(id_nodes.size());
        for (const auto& unit : units) {
            if (!joins_by_id(unit) || unit.kind != HeadingKind::personal_name) {
                continue;
            }
            const auto birth = name_parts(unit.key).birth;
            if (birth.empty()) {
                continue;
            }
            for (auto id : unit.ids) {
                const auto node = id_nodes.at(std::pair{scope_of(unit.key), id}) - first_id_node;
                conflicting[node] = conflicting[node] || (!births[node].empty() && births[node] != birth);
                births[node] = birth;
            }
        }
    }
    Groups groups{n_units + n_auth + id_nodes.size(), n_units, n_auth};
    for (std::uint32_t i = 0; i < n_units; ++i) {
        groups.set_ids(i, units[i].ids);
    }
    for (std::uint32_t i = 0; i < n_units; ++i) {
        auto& unit = units[i];
        const auto k = unit.match.kind;
        if (k == Match::Kind::authorized || k == Match::Kind::variant) {
            unit.authority = unit.match.authorities.front();
            groups.join(i, n_units + unit.match.authorities.front());
        } else if (joins_by_id(unit)) {
            if (unit.named.size() == 1 && groups.join(i, n_units + unit.named.front())) {
                unit.authority = unit.named.front();
            }
            for (auto id : unit.ids) {
                const auto node = id_nodes.at(std::pair{scope_of(unit.key), id});
                if (!conflicting[node - first_id_node]) {
                    groups.join(i, node);  // refused when it would join two records or two numbers
                }
            }
        }
    }
    // The same text without an identifier joins the one entity its linked forms make; beside
    // two (two people of one name, with their two numbers) it could be either, and stays alone.
    for (std::uint32_t i = 0; i < n_units;) {
        std::uint32_t end = i;
        while (end < n_units && units[end].key == units[i].key) {
            ++end;
        }
        std::int64_t unlinked = -1;
        std::vector<std::uint32_t> roots;
        for (auto u = i; u < end; ++u) {
            if (units[u].id_set == 0) {
                unlinked = u;
            } else if (const auto r = groups.find(u); std::find(roots.begin(), roots.end(), r) == roots.end()) {
                roots.push_back(r);
            }
        }
        if (unlinked >= 0 && roots.size() == 1) {
            groups.join(static_cast<std::uint32_t>(unlinked), roots.front());
        }
        i = end;
    }
    // Personal names of the LC name file that differ only by dates or fuller form: join a
    // form with the one group it fits; a form that fits several (an undated "Smith, John"
    // beside two dated ones) stays apart, and differing birth years never join.
    std::vector<NameParts> parts(n_units);
    {
        std::map<std::string, std::vector<std::uint32_t>> by_loose;
        for (std::uint32_t i = 0; i < n_units; ++i) {
            if (units[i].kind == HeadingKind::personal_name && units[i].key.starts_with("name\x1E")) {
                parts[i] = name_parts(units[i].key);
                if (units[i].match.kind != Match::Kind::ambiguous) {
                    by_loose[parts[i].loose].push_back(i);
                }
            }
        }
        struct Cluster {
            std::uint32_t first;
            std::string birth, fuller;
            std::int64_t authority;
        };
        for (auto& [loose, members] : by_loose) {
            if (members.size() < 2) {
                continue;
            }
            auto specificity = [&](std::uint32_t u) {
                return (parts[u].dates.empty() ? 0 : 2) + (parts[u].fuller.empty() ? 0 : 1);
            };
            std::stable_sort(members.begin(), members.end(),
                             [&](std::uint32_t a, std::uint32_t b) { return specificity(a) > specificity(b); });
            std::vector<Cluster> clusters;
            for (const auto unit : members) {
                const auto& p = parts[unit];
                const auto auth = groups.authority(unit);  // by text, $0, or its group's
                std::vector<std::size_t> fits;
                for (std::size_t c = 0; c < clusters.size(); ++c) {
                    const auto& cl = clusters[c];
                    const bool dates_fit = p.birth.empty() || cl.birth.empty() || p.birth == cl.birth;
                    const bool fuller_fit = p.fuller.empty() || cl.fuller.empty() || p.fuller == cl.fuller;
                    const bool authority_fits = auth < 0 || cl.authority < 0 || auth == cl.authority;
                    if (dates_fit && fuller_fit && authority_fits && groups.compatible(cl.first, unit)) {
                        fits.push_back(c);
                    }
                }
                if (fits.size() == 1) {
                    auto& cl = clusters[fits.front()];
                    if (!groups.join(cl.first, unit)) {
                        continue;
                    }
                    if (cl.birth.empty()) {
                        cl.birth = p.birth;
                    }
                    if (cl.fuller.empty()) {
                        cl.fuller = p.fuller;
                    }
                    if (cl.authority < 0) {
                        cl.authority = auth;
                    }
                } else if (fits.empty()) {
                    clusters.push_back(Cluster{unit, p.birth, p.fuller, auth});
                }
                // Several fit: the form could be any of them; leave it alone.
            }
        }
    }

    // --- Materialize entities of two or more units, or of one unit not in its authorized form.
    std::vector<std::vector<std::uint32_t>> members_of_root(n_units + n_auth + id_nodes.size());
    for (std::uint32_t i = 0; i < n_units; ++i) {
        members_of_root[groups.find(i)].push_back(i);
    }
    std::vector<std::uint32_t> unit_entity(n_units, no_entity);
    std::vector<Strength> unit_strength(n_units, Strength::low);
    struct EntityInfo {
        std::uint32_t preferred = no_entity;  ///< the unit in the preferred form, if any has it
        std::string_view key;                 ///< the preferred form's key
        bool preferred_linked = false;
    };
    std::vector<EntityInfo> entity_info;
    const auto& auth_records = authorities.records();
    // Whether two units share an identifier that joins (not one that names people of
    // different birth years, which is wrong somewhere).
    auto shares_id = [&](const Unit& a, const Unit& b) {
        for (auto x : a.ids) {
            if (std::find(b.ids.begin(), b.ids.end(), x) == b.ids.end()) {
                continue;
            }
            const auto node = id_nodes.find(std::pair{scope_of(a.key), x});
            if (node == id_nodes.end() || !conflicting[node->second - first_id_node]) {
                return true;
            }
        }
        return false;
    };
    // How a personal name `u` compares with the preferred `p`: medium when they are the same
    // name with the same birth year and `p` is more complete; empty reason when it is not.
    auto by_dates = [&](const NameParts& p, const NameParts& u) -> std::string_view {
        if (p.loose != u.loose || p.birth.size() != 4 || p.birth != u.birth) {
            return {};
        }
        if (!p.death.empty() && !u.death.empty() && p.death != u.death) {
            return {};  // two death years: which is right cannot be told from the text
        }
        if (u.date_level() > p.date_level() || (!u.fuller.empty() && p.fuller.empty()) || (u.clean && !p.clean)) {
            return {};  // the other form is the more complete one
        }
        if (p.date_level() > u.date_level()) {
            return "its dates are closed (a death date added to the same birth year)";
        }
        if (!p.fuller.empty() && u.fuller.empty()) {
            return "it has the fuller form of the name ($q)";
        }
        if (p.clean && !u.clean) {
            return "its dates hold nothing but the years";
        }
        return {};
    };
    for (std::uint32_t root = 0; root < members_of_root.size(); ++root) {
        const auto& members = members_of_root[root];
        if (members.empty()) {
            continue;
        }
        // The authority record: the one most of the entity's records resolve to.
        std::map<std::uint32_t, std::size_t> auth_count;
        for (auto u : members) {
            if (units[u].authority >= 0) {
                auth_count[static_cast<std::uint32_t>(units[u].authority)] += units[u].records.size();
            }
        }
        std::int64_t auth = -1;
        std::size_t best = 0;
        for (const auto& [a, n] : auth_count) {
            if (n > best) {
                best = n;
                auth = a;
            }
        }
        EntityInfo info;
        if (auth >= 0) {
            info.key = auth_records[static_cast<std::size_t>(auth)].key;
            for (auto u : members) {
                if (units[u].key == info.key &&
                    (info.preferred == no_entity || units[u].records.size() > units[info.preferred].records.size())) {
                    info.preferred = u;
                }
            }
        } else {
            // No authority: the linked form, then the most complete (closed dates, fuller
            // form, dates without other text), then the one on most records.
            // Records per key: one form may be several units (with and without a $0).
            std::map<std::string_view, std::size_t> key_records;
            for (auto u : members) {
                key_records[units[u].key] += units[u].records.size();
            }
            auto rank = [&](std::uint32_t u) {
                const auto& p = parts[u];
                return std::make_tuple(units[u].linked(), p.date_level(), p.clean, !p.fuller.empty(),
                                       key_records[units[u].key], -static_cast<std::int64_t>(u));
            };
            for (auto u : members) {
                if (info.preferred == no_entity || rank(u) > rank(info.preferred)) {
                    info.preferred = u;
                }
            }
            info.key = units[info.preferred].key;
        }
        for (auto u : members) {
            if (units[u].key == info.key && units[u].linked()) {
                info.preferred_linked = true;
            }
        }
        const bool single_fine = members.size() == 1 && info.preferred == members.front();
        if (single_fine) {
            continue;
        }
        // How each form is joined to the preferred one.
        for (auto u : members) {
            const auto& unit = units[u];
            if (unit.key == info.key) {
                unit_strength[u] = Strength::high;  // the preferred form itself, however written
            } else if ((auth >= 0 && unit.authority == auth) ||
                       (info.preferred != no_entity && shares_id(unit, units[info.preferred]))) {
                unit_strength[u] = Strength::high;
            }
        }
        // Medium: the same text as a linked form of high confidence (without a $0 of its own),
        // or a personal name with the preferred form's birth year, which is more complete or
        // the authorized form.
        std::vector<std::string_view> linked_keys;
        for (auto u : members) {
            if (unit_strength[u] == Strength::high && units[u].linked()) {
                linked_keys.push_back(units[u].key);
            }
        }
        const auto pref_parts = auth >= 0 ? name_parts(info.key) : parts[info.preferred];
        for (auto u : members) {
            const auto& unit = units[u];
            if (unit_strength[u] == Strength::high) {
                continue;
            }
            const bool same_birth = unit.kind == HeadingKind::personal_name && pref_parts.loose == parts[u].loose &&
                                    pref_parts.birth.size() == 4 && pref_parts.birth == parts[u].birth;
            if ((!unit.linked() && std::find(linked_keys.begin(), linked_keys.end(), unit.key) != linked_keys.end()) ||
                (same_birth && (auth >= 0 || !by_dates(pref_parts, parts[u]).empty()))) {
                unit_strength[u] = Strength::medium;
            }
        }
        Entity e;
        e.authority = auth;
        if (auth >= 0) {
            e.preferred = std::string{trim_end(auth_records[static_cast<std::size_t>(auth)].display)};
        } else {
            // The best way of writing the preferred key, a linked form's first.
            std::tuple<bool, decltype(spelling_quality({}, false)), std::uint32_t, std::int64_t> top{};
            bool any = false;
            const bool sentence = sentence_case_scope(scope_of(info.key), units[info.preferred].kind);
            for (auto u : members) {
                if (units[u].key != info.key) {
                    continue;
                }
                for (const auto& sp : units[u].spellings) {
                    const auto r = std::make_tuple(units[u].linked(), spelling_quality(sp.text, sentence), sp.uses,
                                                   -static_cast<std::int64_t>(sp.first));
                    if (!any || r > top) {
                        top = r;
                        any = true;
                        e.preferred.assign(sp.text);
                    }
                }
            }
        }
        // Forms by key (several identifier sets may share one), with their records.
        std::map<std::string_view, std::vector<std::uint32_t>> by_key;
        std::map<std::string_view, std::string_view> display_of;
        for (auto u : members) {
            const auto& unit = units[u];
            if (unit.key == info.key) {
                e.before.insert(e.before.end(), unit.records.begin(), unit.records.end());
            }
            if (unit_strength[u] == Strength::low) {
                continue;
            }
            e.confident = e.confident && (unit.key == info.key || unit_strength[u] == Strength::high);
            e.after.insert(e.after.end(), unit.records.begin(), unit.records.end());
            auto& recs = by_key[unit.key];
            recs.insert(recs.end(), unit.records.begin(), unit.records.end());
            display_of.emplace(unit.key, unit.spellings[unit.best].text);
        }
        for (auto* list : {&e.before, &e.after}) {
            std::sort(list->begin(), list->end());
            list->erase(std::unique(list->begin(), list->end()), list->end());
        }
        for (auto& [key, recs] : by_key) {
            std::sort(recs.begin(), recs.end());
            recs.erase(std::unique(recs.begin(), recs.end()), recs.end());
            const bool preferred = key == info.key;
            e.forms.push_back(Entity::Form{preferred ? e.preferred : std::string{display_of[key]},
                                           static_cast<std::uint32_t>(recs.size()), preferred});
        }
        std::stable_sort(e.forms.begin(), e.forms.end(), [](const Entity::Form& a, const Entity::Form& b) {
            return std::tie(b.records, a.display) < std::tie(a.records, b.display);
        });
        const auto id = static_cast<std::uint32_t>(m_entities.size());
        for (auto u : members) {
            unit_entity[u] = id;
        }
        entity_info.push_back(info);
        m_entities.push_back(std::move(e));
    }

    // --- Coverage: how much of each scope of the batch the authority data matches.
    auto prefix_of = [](std::string_view key) { return key.substr(0, std::min(key.size(), key.find('\x1E') + 2)); };
    std::map<std::string_view, Coverage> coverage;
    if (!authorities.empty()) {
        for (std::size_t k = 0; k < uses.size(); ++k) {
            const auto& u = uses[k];
            if (!m_records[u.record].in_batch) {
                continue;
            }
            const auto& form = forms[u.form];
            auto& c = coverage[prefix_of(form.key)];
            if (c.headings == 0) {
                c.scope.assign(scope_of(form.key));
                c.kind = form.kind;
                c.authority_records = authorities.records_of_scope(form.key);
            }
            ++c.headings;
            const auto& unit = units[use_unit[k]];
            const auto mk = unit.match.kind;
            const bool matched = mk == Match::Kind::authorized || mk == Match::Kind::variant ||
                                 mk == Match::Kind::ambiguous || !unit.named.empty();
            c.matched += matched ? 1 : 0;
        }
        for (auto& [prefix, c] : coverage) {
            c.covered = covered(c.authority_records, c.headings, c.matched);
            m_coverage.push_back(c);
        }
    }

    // --- Judge every heading of the batch.
    auto auth_name = [&](std::uint32_t a) {
        const auto& r = auth_records[a];
        const auto cn = trim_blanks(r.control_number);
        return cn.empty() ? fmt::format("'{}'", trim_end(r.display)) : fmt::format("'{}' ({})", trim_end(r.display), cn);
    };
    // Shares of linked headings per batch file, scope and kind, for heading-unlinked.
    std::vector<std::uint32_t> form_scope(forms.size());
    std::vector<std::string_view> scope_names;
    for (std::size_t f = 0; f < forms.size(); ++f) {
        const auto scope = prefix_of(forms[f].key);
        auto it = std::find(scope_names.begin(), scope_names.end(), scope);
        form_scope[f] = static_cast<std::uint32_t>(it - scope_names.begin());
        if (it == scope_names.end()) {
            scope_names.push_back(scope);
        }
    }
    std::uint32_t sources = 0;
    for (const auto& p : m_records) {
        sources = std::max(sources, p.source_index + 1);
    }
    struct Peers {
        std::uint64_t with = 0;
        std::uint64_t all = 0;
    };
    std::vector<Peers> peers(static_cast<std::size_t>(sources) * scope_names.size());
    auto peers_of = [&](const GlobalUse& u) -> Peers& {
        return peers[m_records[u.record].source_index * scope_names.size() + form_scope[u.form]];
    };
    for (const auto& u : uses) {
        if (m_records[u.record].in_batch) {
            auto& p = peers_of(u);
            p.with += u.ids != 0 ? 1 : 0;
            ++p.all;
        }
    }
    // Which keys the catalog already has (for headings new to it).
    std::vector<bool> in_catalog(units.size(), false);
    bool have_catalog = false;
    {
        std::vector<bool> key_in_catalog(units.size(), false);  // by the first unit of the key
        std::vector<std::uint32_t> first_of_key(units.size());
        for (std::uint32_t i = 0; i < n_units; ++i) {
            first_of_key[i] = i > 0 && units[i - 1].key == units[i].key ? first_of_key[i - 1] : i;
        }
        for (std::size_t k = 0; k < uses.size(); ++k) {
            if (!m_records[uses[k].record].in_batch) {
                key_in_catalog[first_of_key[use_unit[k]]] = true;
                have_catalog = true;
            }
        }
        for (std::uint32_t i = 0; i < n_units; ++i) {
            in_catalog[i] = key_in_catalog[first_of_key[i]];
        }
    }
    auto confidence_words = [](Strength s) {
        return s == Strength::high ? "high confidence: joined by authority data or a shared $0/$1"
                                   : "medium confidence: joined by the text of the heading";
    };
    std::vector<bool> touched(m_entities.size(), false);
    for (std::size_t k = 0; k < uses.size(); ++k) {
        const auto& u = uses[k];
        if (!m_records[u.record].in_batch) {
            continue;
        }
        const auto& form = forms[u.form];
        const auto unit_index = use_unit[k];
        const auto& unit = units[unit_index];
        JudgedHeading j;
        j.record = u.record;
        j.field_index = u.field_index;
        j.occurrence = u.occurrence;
        j.tag = u.tag;
        j.heading_tag = u.heading_tag;
        j.entity = unit_entity[unit_index];
        const auto text = use_text(u);
        const auto& named = unit.named;  // the records its $0/$1 name in its scope
        const auto scope = scope_of(form.key);
        auto mk = unit.match.kind;
        auto matched = unit.match.authorities;
        if (mk == Match::Kind::ambiguous && named.size() == 1 &&
            std::find(matched.begin(), matched.end(), named.front()) != matched.end()) {
            // The $0 says which of the records the heading means.
            matched = std::span<const std::uint32_t>{&named.front(), 1};
            mk = auth_records[named.front()].key == unit.key ? Match::Kind::authorized : Match::Kind::variant;
        }
        // A fix replaces the part of the heading that was matched; subdivisions after it stay.
        const auto& spelled = form.displays[u.display];
        std::string_view rest =
            form.unit_is_whole ? std::string_view{} : std::string_view{spelled.text}.substr(spelled.entry_size);
        if (rest.starts_with(' ')) {
            rest.remove_prefix(1);  // " --Interviews" after an open date
        }
        auto with_rest = [&](std::string_view fixed) {
            std::string out{trim_end(fixed)};
            if (!rest.empty()) {
                out += out.ends_with('-') ? " " : "";
                out += rest;
            }
            return out;
        };
        const EntityInfo* info = j.entity != no_entity ? &entity_info[j.entity] : nullptr;
        if (mk == Match::Kind::ambiguous) {
            j.verdict = Verdict::ambiguous;
            std::string which;
            for (auto a : unit.match.authorities) {
                which += (which.empty() ? "" : "; ") + auth_name(a);
            }
            j.detail = fmt::format("matches {} authority records: {}", unit.match.authorities.size(), which);
            j.fix = "Choose the authority record that fits this resource and use its authorized form (with its $0)";
        } else if (mk == Match::Kind::variant) {
            const auto a = matched.front();
            j.verdict = Verdict::variant_form;
            j.detail = fmt::format("is a see-from (4XX) form of {}", auth_name(a));
            j.fix = with_rest(auth_records[a].display);
        } else if (!named.empty() && !(mk == Match::Kind::authorized && named.front() == matched.front() &&
                                       named.size() == 1)) {
            j.verdict = Verdict::link_mismatch;
            if (named.size() > 1) {
                std::string which;
                for (auto a : named) {
                    which += (which.empty() ? "" : "; ") + auth_name(a);
                }
                j.detail = fmt::format("has $0/$1 identifiers that name {} different authority records: {}", named.size(),
                                       which);
                j.fix = std::string_view{id_sets[u.ids]}.find('\x1F') == std::string_view::npos
                            ? "The number is in more than one authority record: link the heading to the record it "
                              "stands for by that record's own number (001 or 010 $a)"
                            : "Keep only the identifier of the authority record the heading stands for";
            } else if (mk == Match::Kind::authorized) {
                j.detail = fmt::format("is the authorized form of {}, but its $0/$1 names {}",
                                       auth_name(matched.front()), auth_name(named.front()));
                j.fix = "Correct the $0/$1 to the identifier of the authority record the heading stands for";
            } else {
                j.detail = fmt::format("has a $0/$1 that names {}, whose authorized form differs", auth_name(named.front()));
                j.fix = with_rest(auth_records[named.front()].display);
            }
        } else if (info != nullptr && unit.key != info->key) {
            const auto& e = m_entities[j.entity];
            const auto strength = unit_strength[unit_index];
            // Why the preferred form is the one to take.
            std::string why;
            if (e.authority >= 0) {
                why = fmt::format("it is the authorized form of {}", auth_name(static_cast<std::uint32_t>(e.authority)));
            } else if (info->preferred_linked && !unit.linked()) {
                why = "it carries the authority link ($0/$1)";
            } else if (unit.kind == HeadingKind::personal_name) {
                why = by_dates(parts[info->preferred], parts[unit_index]);
            }
            if (why.empty()) {
                why = "most records use it";
            }
            if (strength != Strength::low) {
                j.verdict = Verdict::split;
                std::string forms_text;
                std::size_t shown = 0;
                for (const auto& f : e.forms) {
                    if (shown++ == 5) {
                        forms_text += fmt::format("; and {} more", e.forms.size() - 5);
                        break;
                    }
                    forms_text += fmt::format("{}'{}' ({} record{})", forms_text.empty() ? "" : "; ", f.display, f.records,
                                              f.records == 1 ? "" : "s");
                }
                j.detail = fmt::format("is one of {} forms of the same {} ({}): {}. Preferred: '{}', because {}",
                                       e.forms.size(), to_string(unit.kind), confidence_words(strength), forms_text,
                                       e.preferred, why);
            } else {
                j.verdict = Verdict::split_possible;
                j.detail = fmt::format(
                    "may be the same {} as '{}' ({} record{}), but nothing but the name says so (low confidence: {})",
                    to_string(unit.kind), e.preferred, e.before.size(), e.before.size() == 1 ? "" : "s",
                    unit.kind == HeadingKind::personal_name && parts[unit_index].birth.size() != 4
                        ? "no dates to compare"
                        : "the dates or forms disagree");
            }
            j.fix = with_rest(e.preferred);
        } else {
            // The heading's key is the preferred one: is it written as it should be?
            std::string expected;
            std::string why;
            if (mk == Match::Kind::authorized) {
                expected.assign(trim_end(auth_records[matched.front()].display));
                why = "the authorized form";
            } else if (info != nullptr) {
                const auto& e = m_entities[j.entity];
                expected = e.preferred;
                if (e.authority >= 0) {
                    why = "the authorized form";
                } else if (info->preferred_linked && !unit.linked()) {
                    why = "it is the form that carries the authority link ($0/$1)";
                }
            } else {
                expected.assign(unit.spellings[unit.best].text);
            }
            if (!same_text(text, expected)) {
                if (why.empty()) {
                    why = spelling_reason(expected, text, sentence_case_scope(scope, unit.kind), unit.kind);
                }
                j.verdict = why.empty() ? Verdict::split_possible : Verdict::split;
                j.detail = why.empty()
                               ? fmt::format("is written differently from '{}', the way most records write it; which "
                                             "is right cannot be told without authority data (low confidence)",
                                             expected)
                               : fmt::format("is written differently from '{}' (case, diacritics or punctuation; "
                                             "medium confidence): preferred because {}",
                                             expected,
                                             why == "the authorized form" ? std::string{"it is the authorized form"} : why);
                j.fix = with_rest(expected);
            } else if (mk == Match::Kind::none && covered_prefix(coverage, prefix_of(form.key))) {
                j.verdict = Verdict::uncontrolled;
                j.detail = "matches no authorized (1XX) or see-from (4XX) form in the authority data";
                j.fix = "Establish the heading, or correct it to an authorized form";
                auto related = authorities.see_also(form.key);
                if (related.empty()) {
                    related = authorities.see_also(unit.key);
                }
                if (!related.empty()) {
                    // Another record refers to it (5XX): it is established, but its own record is
                    // not in the authority data.
                    j.detail += fmt::format(", though {} refers to it as a related heading (see also, 5XX)",
                                            auth_name(related.front()));
                    j.fix = "Load the heading's own authority record with the others (it is a 5XX of another record)";
                }
            }
        }
        // A fix must change the heading, and be a heading: never the value itself, never an
        // identifier.
        if ((j.verdict == Verdict::split || j.verdict == Verdict::split_possible || j.verdict == Verdict::variant_form) &&
            (same_text(trim_end(j.fix), trim_end(spelled.text)) || looks_like_identifier(j.fix))) {
            j.verdict = Verdict::fine;
        }
        if (j.verdict == Verdict::fine && have_catalog && !in_catalog[unit_index]) {
            j.verdict = Verdict::new_to_catalog;
            j.detail = fmt::format("is new to the catalog: no catalog record has it{}",
                                   mk == Match::Kind::authorized ? " (it is an authorized form)" : "");
            j.fix = mk == Match::Kind::authorized ? "Load its authority record into the catalog, if it is not there"
                                                  : "Check it against the catalog's headings before loading";
        }
        if (j.verdict == Verdict::fine && u.ids == 0 && unit.kind != HeadingKind::chronological) {
            const auto& [with, all] = peers_of(u);
            if (with * 2 > all) {
                j.verdict = Verdict::unlinked;
                j.detail = fmt::format("has no $0/$1 authority link, while {} of the {} {} headings ({}) in this file have one",
                                       with, all, to_string(unit.kind), scope_label(scope));
                j.fix = "Link the heading to its authority record ($0), e.g. by authority processing";
            }
        }
        if (j.verdict == Verdict::fine) {
            continue;
        }
        j.display.assign(form.displays[u.display].text);
        if (j.entity != no_entity && j.verdict != Verdict::split_possible && j.verdict != Verdict::unlinked &&
            j.verdict != Verdict::new_to_catalog) {
            touched[j.entity] = true;
        }
        m_judged.push_back(std::move(j));
    }

    // --- The search effect: entities a finding touches whose search the fix improves.
    std::vector<std::uint32_t> unreachable;
    for (std::uint32_t e = 0; e < m_entities.size(); ++e) {
        const auto& entity = m_entities[e];
        if (!touched[e] || entity.after.size() <= entity.before.size()) {
            continue;
        }
        m_effect.push_back(e);
        m_totals.before += entity.before.size();
        m_totals.after += entity.after.size();
        std::set_difference(entity.after.begin(), entity.after.end(), entity.before.begin(), entity.before.end(),
                            std::back_inserter(unreachable));
    }
    std::sort(unreachable.begin(), unreachable.end());
    m_totals.unreachable = static_cast<std::uint64_t>(std::unique(unreachable.begin(), unreachable.end()) - unreachable.begin());
    m_totals.headings = m_effect.size();
    std::stable_sort(m_effect.begin(), m_effect.end(), [&](std::uint32_t a, std::uint32_t b) {
        const auto& x = m_entities[a];
        const auto& y = m_entities[b];
        const auto gain_x = x.after.size() - x.before.size();
        const auto gain_y = y.after.size() - y.before.size();
        return gain_x != gain_y ? gain_x > gain_y : x.preferred < y.preferred;
    });
}

} // namespace marcaudit::headings
