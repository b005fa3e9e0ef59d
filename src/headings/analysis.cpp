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

/// Union-find over units, authority records and identifiers. Each group knows the authority
/// record in it, if any: two groups with different records are never joined.
class Groups {
public:
    /// Nodes [first_authority, first_authority + authorities) are authority records.
    Groups(std::size_t n, std::uint32_t first_authority, std::uint32_t authorities) :
        m_parent(n), m_authority(n, -1) {
        std::iota(m_parent.begin(), m_parent.end(), 0U);
        for (std::uint32_t a = 0; a < authorities; ++a) {
            m_authority[first_authority + a] = a;
        }
    }
    /// The authority record of x's group, or -1.
    [[nodiscard]] std::int64_t authority(std::uint32_t x) { return m_authority[find(x)]; }
    std::uint32_t find(std::uint32_t x) {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]];
            x = m_parent[x];
        }
        return x;
    }
    /// Joins the groups of a and b unless they hold different authority records; the smaller
    /// index becomes the root (deterministic). Returns whether they are one group now.
    bool join(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a == b) {
            return true;
        }
        if (m_authority[a] >= 0 && m_authority[b] >= 0 && m_authority[a] != m_authority[b]) {
            return false;
        }
        const auto root = std::min(a, b);
        m_authority[root] = std::max(m_authority[a], m_authority[b]);
        m_parent[std::max(a, b)] = root;
        return true;
    }

private:
    std::vector<std::uint32_t> m_parent;
    std::vector<std::int64_t> m_authority;
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
    std::string birth;  ///< its first four-digit number (a death date gets added later), or `dates`
    std::string fuller; ///< the $q segment, or empty
};

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
    for (std::size_t i = 0; i + 4 <= p.dates.size(); ++i) {
        if (std::all_of(p.dates.begin() + static_cast<std::ptrdiff_t>(i), p.dates.begin() + static_cast<std::ptrdiff_t>(i + 4),
                        [](char c) { return c >= '0' && c <= '9'; })) {
            p.birth = p.dates.substr(i, 4);
            break;
        }
    }
    return p;
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
    std::vector<std::string> ids;
    for (const auto& id : h.identifiers) {
        if (auto n = normalize_identifier(id); !n.empty()) {
            ids.push_back(std::move(n));
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
    std::uint32_t unit = 0;
    bool unit_is_whole = false;  ///< the whole heading matched, subdivisions and all
};

struct Unit {
    std::string_view key;
    HeadingKind kind{};
    Match match;
    std::vector<std::uint32_t> records;  ///< sorted, unique
    std::string display;                 ///< the most used way of writing it
    std::uint32_t display_uses = 0;
    std::uint32_t display_first = 0;
    std::vector<std::uint32_t> id_sets;  ///< the $0/$1 sets its uses carry (sorted, unique)
    std::vector<std::string_view> ids;   ///< every identifier of those sets (sorted, unique)
    std::vector<std::uint32_t> named;    ///< the authority records they name in its scope
    std::int64_t authority = -1;         ///< the authority it resolved to, by text or by $0
    bool has_ids = false;
};

/// A heading field of the run: HeadingCollector::Use with global record, form and id-set
/// numbers and the index of its spelling among its form's merged displays.
struct GlobalUse {
    std::uint32_t record, form, ids, field_index, display, occurrence;
    std::uint16_t tag, heading_tag;
};

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
            forms.push_back(GlobalForm{f.key, f.entry_size, f.kind, {}, 0, false});
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
    std::vector<Match> form_match(forms.size());
    std::vector<std::pair<std::string_view, std::uint32_t>> unit_keys;  // (unit key, form)
    for (std::uint32_t i = 0; i < forms.size(); ++i) {
        auto& f = forms[i];
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
        form_match[i] = m;
        unit_keys.emplace_back(unit, i);
    }

    // --- Units: the keys searches run on. Their records and their most used spelling.
    std::sort(unit_keys.begin(), unit_keys.end());
    std::vector<Unit> units;
    for (const auto& [key, form] : unit_keys) {
        if (units.empty() || units.back().key != key) {
            units.push_back(Unit{key, forms[form].kind, form_match[form], {}, {}, 0, 0, {}, {}, {}, -1, false});
        }
        forms[form].unit = static_cast<std::uint32_t>(units.size() - 1);
    }
    auto use_text = [&](const GlobalUse& u) {
        const auto& f = forms[u.form];
        const auto& d = f.displays[u.display];
        return f.unit_is_whole ? d.text : trim_end(d.text.substr(0, d.entry_size));
    };
    {
        // How often each spelling of each form is used, and its first record; then, per
        // unit, the most used spelling (the earliest on a tie).
        struct Tally {
            std::uint32_t uses = 0;
            std::uint32_t first = 0xFFFFFFFF;
        };
        std::vector<std::vector<Tally>> tallies(forms.size());
        for (std::size_t f = 0; f < forms.size(); ++f) {
            tallies[f].resize(forms[f].displays.size());
        }
        for (const auto& u : uses) {
            auto& unit = units[forms[u.form].unit];
            unit.records.push_back(u.record);
            auto& t = tallies[u.form][u.display];
            ++t.uses;
            t.first = std::min(t.first, u.record);
            if (u.ids != 0) {
                unit.has_ids = true;
                if (std::find(unit.id_sets.begin(), unit.id_sets.end(), u.ids) == unit.id_sets.end()) {
                    unit.id_sets.push_back(u.ids);
                }
            }
        }
        std::vector<std::map<std::string_view, Tally>> spellings(units.size());
        for (std::uint32_t f = 0; f < forms.size(); ++f) {
            for (std::uint32_t d = 0; d < forms[f].displays.size(); ++d) {
                const auto& t = tallies[f][d];
                if (t.uses == 0) {
                    continue;
                }
                auto& s = spellings[forms[f].unit][use_text(GlobalUse{0, f, 0, 0, d, 0, 0, 0})];
                s.uses += t.uses;
                s.first = std::min(s.first, t.first);
            }
        }
        for (std::size_t i = 0; i < units.size(); ++i) {
            auto& unit = units[i];
            std::sort(unit.records.begin(), unit.records.end());
            unit.records.erase(std::unique(unit.records.begin(), unit.records.end()), unit.records.end());
            for (const auto& [text, t] : spellings[i]) {
                if (t.uses > unit.display_uses || (t.uses == unit.display_uses && t.first < unit.display_first)) {
                    unit.display.assign(text);
                    unit.display_uses = t.uses;
                    unit.display_first = t.first;
                }
            }
        }
    }

    // --- What each identifier set names in the authority data.
    std::vector<std::vector<std::uint32_t>> id_authorities(id_sets.size());
    auto for_each_id = [](std::string_view set, auto&& f) {
        while (!set.empty()) {
            const auto cut = set.find('\x1F');
            f(set.substr(0, cut));
            set = cut == std::string_view::npos ? std::string_view{} : set.substr(cut + 1);
        }
    };
    for (std::size_t s = 1; s < id_sets.size(); ++s) {
        for_each_id(id_sets[s], [&](std::string_view id) {
            for (auto a : authorities.identified_by(id)) {
                id_authorities[s].push_back(a);
            }
        });
        auto& list = id_authorities[s];
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }

    // --- Entities: units joined by authority record, by identifier, then by name heuristics.
    const auto n_units = static_cast<std::uint32_t>(units.size());
    const auto n_auth = static_cast<std::uint32_t>(authorities.records().size());
    // Units not matched by text join through their identifiers: an authority record the
    // identifiers name, and other units of the same scope with the same identifier (the
    // FAST form of a name shares its OCLC entity $1 with the LC form, and is no split).
    auto scope_of = [](std::string_view key) { return key.substr(0, key.find('\x1E')); };
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
    // Each unit's identifiers: the union over its uses (some records carry a $0, some a
    // $0 and a $1), and the records they name.
    for (auto& unit : units) {
        std::sort(unit.id_sets.begin(), unit.id_sets.end());
        for (auto set : unit.id_sets) {
            for_each_id(id_sets[set], [&](std::string_view id) { unit.ids.push_back(id); });
            const auto named = named_in(set, unit.key);
            unit.named.insert(unit.named.end(), named.begin(), named.end());
        }
        std::sort(unit.ids.begin(), unit.ids.end());
        unit.ids.erase(std::unique(unit.ids.begin(), unit.ids.end()), unit.ids.end());
        std::sort(unit.named.begin(), unit.named.end());
        unit.named.erase(std::unique(unit.named.begin(), unit.named.end()), unit.named.end());
    }
    auto joins_by_id = [&](const Unit& unit) {
        const auto k = unit.match.kind;
        return k != Match::Kind::authorized && k != Match::Kind::variant && k != Match::Kind::ambiguous &&
               !unit.ids.empty() && unit.named.size() <= 1;  // naming several records: join nothing
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
                    groups.join(i, node);  // refused when it would join two authority records
                }
            }
        }
    }
    // Personal names that differ only by dates or fuller form: join a form with the one
    // group it fits; a form that fits several (an undated "Smith, John" beside two dated
    // ones) stays apart, and differing dates never join.
    std::vector<bool> guessed(n_units + n_auth + id_nodes.size(), false);
    {
        std::map<std::string, std::vector<std::pair<std::uint32_t, NameParts>>> by_loose;
        for (std::uint32_t i = 0; i < n_units; ++i) {
            if (units[i].kind == HeadingKind::personal_name && units[i].match.kind != Match::Kind::ambiguous &&
                units[i].key.starts_with("name\x1E")) {
                auto parts = name_parts(units[i].key);
                auto loose = parts.loose;
                by_loose[std::move(loose)].emplace_back(i, std::move(parts));
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
            auto specificity = [](const NameParts& p) { return (p.dates.empty() ? 0 : 2) + (p.fuller.empty() ? 0 : 1); };
            std::stable_sort(members.begin(), members.end(), [&](const auto& a, const auto& b) {
                return specificity(a.second) > specificity(b.second);
            });
            std::vector<Cluster> clusters;
            for (const auto& [unit, parts] : members) {
                const auto auth = groups.authority(unit);  // by text, $0, or its group's
                std::vector<std::size_t> fits;
                for (std::size_t c = 0; c < clusters.size(); ++c) {
                    const auto& cl = clusters[c];
                    const bool dates_fit = parts.birth.empty() || cl.birth.empty() || parts.birth == cl.birth;
                    const bool fuller_fit = parts.fuller.empty() || cl.fuller.empty() || parts.fuller == cl.fuller;
                    const bool authority_fits = auth < 0 || cl.authority < 0 || auth == cl.authority;
                    if (dates_fit && fuller_fit && authority_fits) {
                        fits.push_back(c);
                    }
                }
                if (fits.size() == 1) {
                    auto& cl = clusters[fits.front()];
                    const bool apart = groups.find(cl.first) != groups.find(unit);
                    if (!groups.join(cl.first, unit)) {
                        continue;  // their groups hold different authority records
                    }
                    if (apart) {
                        guessed[cl.first] = true;
                        guessed[unit] = true;
                    }
                    if (cl.birth.empty()) {
                        cl.birth = parts.birth;
                    }
                    if (cl.fuller.empty()) {
                        cl.fuller = parts.fuller;
                    }
                    if (cl.authority < 0) {
                        cl.authority = auth;
                    }
                } else if (fits.empty()) {
                    clusters.push_back(Cluster{unit, parts.birth, parts.fuller, auth});
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
    std::vector<std::uint32_t> entity_preferred_unit;
    for (std::uint32_t root = 0; root < members_of_root.size(); ++root) {
        const auto& members = members_of_root[root];
        if (members.empty()) {
            continue;
        }
        // The authority record: the one most of the entity's records resolve to.
        std::map<std::uint32_t, std::size_t> auth_records;
        bool guessed_any = false;
        for (auto u : members) {
            if (units[u].authority >= 0) {
                auth_records[static_cast<std::uint32_t>(units[u].authority)] += units[u].records.size();
            }
            guessed_any = guessed_any || guessed[u];
        }
        std::int64_t auth = -1;
        std::size_t best = 0;
        for (const auto& [a, n] : auth_records) {
            if (n > best) {
                best = n;
                auth = a;
            }
        }
        std::uint32_t preferred = no_entity;
        if (auth >= 0) {
            const auto& key = authorities.records()[static_cast<std::size_t>(auth)].key;
            for (auto u : members) {
                if (units[u].key == key) {
                    preferred = u;
                }
            }
        } else {
            // No authority: the identified, most specific, most used form.
            // Among equals, the longer dates: a death date added to "1950-" is the newer form.
            auto rank = [&](std::uint32_t u) {
                const auto parts = units[u].kind == HeadingKind::personal_name ? name_parts(units[u].key) : NameParts{};
                return std::make_tuple(units[u].has_ids, !parts.dates.empty() + !parts.fuller.empty(),
                                       units[u].records.size(), parts.dates.size());
            };
            for (auto u : members) {
                if (preferred == no_entity || rank(u) > rank(preferred)) {
                    preferred = u;
                }
            }
        }
        const bool single_fine = members.size() == 1 && preferred == members.front();
        if (single_fine) {
            continue;
        }
        Entity e;
        e.authority = auth;
        e.confident = !guessed_any;
        e.preferred = auth >= 0 ? std::string{trim_end(authorities.records()[static_cast<std::size_t>(auth)].display)}
                                : units[preferred].display;
        for (auto u : members) {
            e.forms.push_back(Entity::Form{units[u].display, static_cast<std::uint32_t>(units[u].records.size()), u == preferred});
            e.after.insert(e.after.end(), units[u].records.begin(), units[u].records.end());
        }
        std::sort(e.after.begin(), e.after.end());
        e.after.erase(std::unique(e.after.begin(), e.after.end()), e.after.end());
        std::stable_sort(e.forms.begin(), e.forms.end(), [](const Entity::Form& a, const Entity::Form& b) {
            return std::tie(b.records, a.display) < std::tie(a.records, b.display);
        });
        if (preferred != no_entity) {
            e.before = units[preferred].records;
        }
        const auto id = static_cast<std::uint32_t>(m_entities.size());
        for (auto u : members) {
            unit_entity[u] = id;
        }
        entity_preferred_unit.push_back(preferred);
        m_entities.push_back(std::move(e));
    }

    // --- Judge every heading of the batch.
    const auto& auth_records = authorities.records();
    auto auth_name = [&](std::uint32_t a) {
        const auto& r = auth_records[a];
        const auto cn = trim_blanks(r.control_number);
        return cn.empty() ? fmt::format("'{}'", trim_end(r.display)) : fmt::format("'{}' ({})", trim_end(r.display), cn);
    };
    // Shares of identified headings per batch file and scope, for the peer rule.
    std::vector<std::uint32_t> form_scope(forms.size());
    std::vector<std::string_view> scope_names;
    for (std::size_t f = 0; f < forms.size(); ++f) {
        const auto scope = forms[f].key.substr(0, forms[f].key.find('\x1E'));
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
    // Which units the catalog already has (for headings new to it).
    std::vector<bool> in_catalog(units.size(), false);
    bool have_catalog = false;
    for (const auto& u : uses) {
        if (!m_records[u.record].in_batch) {
            in_catalog[forms[u.form].unit] = true;
            have_catalog = true;
        }
    }
    std::vector<bool> touched(m_entities.size(), false);
    for (const auto& u : uses) {
        if (!m_records[u.record].in_batch) {
            continue;
        }
        const auto& form = forms[u.form];
        const auto unit_index = form.unit;
        const auto& unit = units[unit_index];
        JudgedHeading j;
        j.record = u.record;
        j.field_index = u.field_index;
        j.occurrence = u.occurrence;
        j.tag = u.tag;
        j.heading_tag = u.heading_tag;
        j.entity = unit_entity[unit_index];
        const auto text = use_text(u);
        const auto named = named_in(u.ids, form.key);
        const auto scope = form.key.substr(0, form.key.find('\x1E'));
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
        } else if (j.entity != no_entity && entity_preferred_unit[j.entity] != unit_index) {
            const auto& e = m_entities[j.entity];
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
            j.detail = fmt::format("is one of {} forms of the same {} ({} confidence): {}", e.forms.size(),
                                   to_string(unit.kind), e.confident ? "high" : "medium", forms_text);
            j.fix = with_rest(e.preferred);
        } else if (mk == Match::Kind::authorized ? !same_text(text, trim_end(auth_records[matched.front()].display))
                                                 : !same_text(text, unit.display)) {
            j.verdict = Verdict::split;
            const std::string expected = mk == Match::Kind::authorized
                                             ? std::string{trim_end(auth_records[matched.front()].display)}
                                             : unit.display;
            j.detail = fmt::format("is written differently from '{}' (case, diacritics or punctuation){}", expected,
                                   mk == Match::Kind::authorized ? ", the authorized form" : ", its most common form");
            j.fix = with_rest(expected);
        } else if (mk == Match::Kind::none) {
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
        } else if (mk == Match::Kind::not_covered && u.ids == 0) {
            const auto& [with, all] = peers_of(u);
            if (with * 2 > all) {
                j.verdict = Verdict::uncontrolled;
                j.detail = fmt::format("has no $0/$1 authority link, while {} of the {} {} headings in this file have one",
                                       with, all, scope);
                j.fix = "Link the heading to its authority record ($0), or establish it";
            }
        }
        if (j.verdict == Verdict::fine && have_catalog && !in_catalog[unit_index]) {
            j.verdict = Verdict::new_to_catalog;
            j.detail = fmt::format("is new to the catalog: no catalog record has it{}",
                                   mk == Match::Kind::authorized ? " (it is an authorized form)" : "");
            j.fix = mk == Match::Kind::authorized ? "Load its authority record into the catalog, if it is not there"
                                                  : "Check it against the catalog's headings before loading";
        }
        if (j.verdict == Verdict::fine) {
            continue;
        }
        j.display.assign(form.displays[u.display].text);
        if (j.entity != no_entity) {
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
