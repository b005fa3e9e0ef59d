#include "marcaudit/headings/authority_index.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace marcaudit::headings {

namespace {

/// The kind of heading an authority 1XX/4XX tag holds (its last two digits), or false for
/// tags that are not headings (162 medium of performance, 18X subdivision records).
bool kind_of_tag(int n, HeadingKind& kind) noexcept {
    switch (n % 100) {
        case 0: kind = HeadingKind::personal_name; return true;
        case 10: kind = HeadingKind::corporate_name; return true;
        case 11: kind = HeadingKind::meeting_name; return true;
        case 30: kind = HeadingKind::uniform_title; return true;
        case 47: kind = HeadingKind::event; return true;
        case 48: kind = HeadingKind::chronological; return true;
        case 50: kind = HeadingKind::topical; return true;
        case 51: kind = HeadingKind::geographic; return true;
        case 55: kind = HeadingKind::genre; return true;
        default: return false;
    }
}

/// The source of the record's headings named in 040 $f (the first one), normalized; or "".
std::string source_of(const record::RecordView& record) {
    for (const auto& field : record.fields()) {
        if (field.tag() == "040") {
            if (const auto f = field.first('f'); !f.empty()) {
                return normalize_source_code(f);
            }
        }
    }
    return {};
}

/// The subject vocabulary an authority record belongs to, from 008/11 (and 040 $f for 'z'),
/// in the words extract_headings() uses for the bibliographic second indicator.
std::string subject_vocabulary(const record::RecordView& record) {
    const auto* fixed = record.first_field("008");
    const auto f008 = fixed != nullptr ? fixed->data() : std::string_view{};
    const char code = f008.size() > 11 ? f008[11] : ' ';
    switch (code) {
        case 'a': return "lcsh";
        case 'b': return "lcac";
        case 'c': return "mesh";
        case 'd': return "nal";
        case 'k': return "cash";
        case 'v': return "rvm";
        case 'r': return "aat";
        case 's': return "sears";
        case 'z': return source_of(record);
        default: return {};
    }
}

/// The scope of a name authority record: "name", or the 040 $f source when 008/11 is 'z'.
std::string name_scope(const record::RecordView& record) {
    const auto* fixed = record.first_field("008");
    if (fixed != nullptr && fixed->data().size() > 11 && fixed->data()[11] == 'z') {
        if (auto code = source_of(record); !code.empty()) {
            return code;
        }
    }
    return "name";
}

/// The identifiers of an authority record: 001, 010 $a, 024 $a, 035 $a; and in `cancelled`
/// its 010 $z (cancelled LCCNs: numbers of records merged into this one).
void identifiers_of(const record::RecordView& record, std::vector<std::string>& out,
                    std::vector<std::string>& cancelled) {
    auto add = [](std::vector<std::string>& to, std::string_view value) {
        if (auto id = normalize_identifier(value); !id.empty()) {
            to.push_back(std::move(id));
        }
    };
    for (const auto& field : record.fields()) {
        const auto tag = field.tag();
        if (tag == "001") {
            add(out, field.data());
        } else if (tag == "010" || tag == "024" || tag == "035") {
            for (const auto& sf : field.subfields()) {
                if (sf.code == 'a') {
                    add(out, sf.value);
                } else if (sf.code == 'z' && tag == "010") {
                    add(cancelled, sf.value);
                }
            }
        }
    }
}

} // namespace

std::string scoped_key(std::string_view scope, HeadingKind kind, std::string_view key) {
    std::string out;
    out.reserve(scope.size() + 2 + key.size());
    out += scope;
    out.push_back('\x1E');
    out.push_back(static_cast<char>('A' + static_cast<int>(kind)));
    out += key;
    return out;
}

bool AuthorityIndex::add(const record::RecordView& record) {
    if (record::kind_of(record.leader()) != record::RecordKind::authority) {
        return false;
    }
    switch (record.leader().record_status()) {
        case 'd': case 'o': case 's': case 'x':
            ++m_withdrawn;  // deleted, obsolete, split or replaced: its heading is no longer valid
            return false;
        default: break;
    }
    std::vector<record::SubfieldView> subfields;
    Authority a;
    a.source_index = record.source_index();
    a.record_number = record.record_number();
    a.byte_offset = record.byte_offset();
    a.control_number = std::string{record.control_number()};
    std::vector<std::pair<HeadingKind, Heading>> variants;   // 4XX
    std::vector<std::pair<HeadingKind, Heading>> see_also;   // 5XX
    for (const auto& field : record.fields()) {
        const int n = record::tag_number(field.tag());
        HeadingKind kind{};
        const bool authorized = n >= 100 && n < 200;
        const bool see_from = n >= 400 && n < 500;
        const bool related = n >= 500 && n < 600;
        if (!(authorized || see_from || related) || !kind_of_tag(n, kind) || (authorized && !a.tag.empty())) {
            continue;  // a second 1XX is marc21-main-entry-repeated's business
        }
        subfields.clear();
        record::split_subfields(field.data(), subfields);
        Heading h;
        if (!heading_text(subfields, kind, FieldRole::subject, {}, h)) {
            continue;
        }
        if (authorized) {
            a.tag = std::string{field.tag()};
            a.kind = kind;
            a.display = std::move(h.display);
            a.key = std::move(h.key);
        } else {
            (see_from ? variants : see_also).emplace_back(kind, std::move(h));
        }
    }
    if (a.tag.empty()) {
        return false;
    }
    // Names are the name authority file's, unless 008/11 'z' and 040 $f name another source
    // (FAST's name records): those control the headings that cite it ($2 fast).
    const bool name = is_name(a.kind);
    a.scope = name ? name_scope(record) : subject_vocabulary(record);
    if (a.scope.empty()) {
        return false;  // a subject record of no vocabulary a heading can name
    }
    a.key = scoped_key(a.scope, a.kind, a.key);
    const auto index = static_cast<std::uint32_t>(m_records.size());
    // A reference of another kind (a 410 for a 100) is looked up under its own kind and the
    // record's scope (a name's under "name").
    auto scope_of = [&](HeadingKind kind) {
        return is_name(kind) && !is_name(a.kind) ? std::string_view{"name"} : std::string_view{a.scope};
    };
    for (auto& [kind, h] : variants) {
        m_see_from.push_back(Pending{scoped_key(scope_of(kind), kind, h.key), index});
    }
    for (auto& [kind, h] : see_also) {
        m_see_also.push_back(Pending{scoped_key(scope_of(kind), kind, h.key), index});
    }
    std::vector<std::string> ids;
    std::vector<std::string> cancelled;
    identifiers_of(record, ids, cancelled);
    for (auto [list, into] : {std::pair{&ids, &m_identifiers}, std::pair{&cancelled, &m_cancelled}}) {
        std::sort(list->begin(), list->end());
        list->erase(std::unique(list->begin(), list->end()), list->end());
        for (auto& id : *list) {
            into->push_back(Pending{std::move(id), index});
        }
    }
    m_records.push_back(std::move(a));
    return true;
}

void AuthorityIndex::merge(AuthorityIndex&& other) {
    const auto offset = static_cast<std::uint32_t>(m_records.size());
    m_withdrawn += other.m_withdrawn;
    std::move(other.m_records.begin(), other.m_records.end(), std::back_inserter(m_records));
    for (auto [from, into] : {std::pair{&other.m_see_from, &m_see_from}, std::pair{&other.m_see_also, &m_see_also},
                              std::pair{&other.m_identifiers, &m_identifiers}, std::pair{&other.m_cancelled, &m_cancelled}}) {
        for (auto& p : *from) {
            into->push_back(Pending{std::move(p.key), p.record + offset});
        }
    }
    other = AuthorityIndex{};
}

void AuthorityIndex::seal() {
    // Number the records in input order, whatever order the threads added them in.
    std::vector<std::uint32_t> order(m_records.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
        return std::tie(m_records[x].source_index, m_records[x].record_number) <
               std::tie(m_records[y].source_index, m_records[y].record_number);
    });
    std::vector<std::uint32_t> new_index(order.size());
    std::vector<Authority> sorted;
    sorted.reserve(order.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        new_index[order[i]] = i;
        sorted.push_back(std::move(m_records[order[i]]));
    }
    m_records = std::move(sorted);

    // The same record in two files (same 001) counts once: its copy is not a second record.
    std::unordered_map<std::string_view, std::uint32_t> first_copy;
    std::vector<std::uint32_t> copy_of(m_records.size());
    for (std::uint32_t i = 0; i < m_records.size(); ++i) {
        const auto& cn = m_records[i].control_number;
        copy_of[i] = cn.empty() ? i : first_copy.try_emplace(cn, i).first->second;
    }
    auto fill = [&](std::vector<Pending>& pending, Table& table) {
        for (auto& p : pending) {
            auto& list = table[std::move(p.key)];
            list.push_back(copy_of[new_index[p.record]]);
        }
        for (auto& [key, list] : table) {
            std::sort(list.begin(), list.end());
            list.erase(std::unique(list.begin(), list.end()), list.end());
        }
        pending.clear();
        pending.shrink_to_fit();
    };
    for (std::uint32_t i = 0; i < m_records.size(); ++i) {
        auto& list = m_authorized_table[m_records[i].key];
        if (copy_of[i] == i) {
            list.push_back(i);
        }
    }
    fill(m_see_from, m_see_from_table);
    fill(m_see_also, m_see_also_table);
    std::map<std::string, std::size_t, std::less<>> scopes;
    m_covered.clear();
    m_duplicates = 0;
    for (std::uint32_t i = 0; i < m_records.size(); ++i) {
        if (copy_of[i] != i) {
            ++m_duplicates;
            continue;
        }
        const auto& a = m_records[i];
        ++scopes[a.scope];
        // What the record can control: its scope and kind, the prefix of its scoped key.
        const auto prefix = std::string_view{a.key}.substr(0, a.scope.size() + 2);
        auto it = std::find_if(m_covered.begin(), m_covered.end(), [&](const auto& c) { return c.first == prefix; });
        if (it == m_covered.end()) {
            m_covered.emplace_back(prefix, 1);
        } else {
            ++it->second;
        }
    }
    m_scopes.assign(scopes.begin(), scopes.end());
    fill(m_identifiers, m_identifier_table);
    fill(m_cancelled, m_cancelled_table);

    // Conflicts, found record by record so that they come out in input order.
    m_conflicts.clear();
    for (std::uint32_t i = 0; i < m_records.size(); ++i) {
        const auto& same = m_authorized_table[m_records[i].key];
        if (copy_of[i] == i && same.front() != i) {
            m_conflicts.push_back(
                {AuthorityConflict::Kind::same_authorized_form, i, same.front(), m_records[i].display});
        }
    }
    for (const auto& [key, list] : m_see_from_table) {
        const auto it = m_authorized_table.find(key);
        if (it == m_authorized_table.end()) {
            continue;
        }
        for (auto record : list) {
            for (auto other : it->second) {
                if (other != record) {
                    // The 4XX normalizes like the other record's 1XX: name the form by that 1XX.
                    m_conflicts.push_back(
                        {AuthorityConflict::Kind::variant_is_authorized, record, other, m_records[other].display});
                    break;
                }
            }
        }
    }
    std::sort(m_conflicts.begin(), m_conflicts.end(), [](const AuthorityConflict& x, const AuthorityConflict& y) {
        return std::tie(x.record, x.kind, x.other) < std::tie(y.record, y.kind, y.other);
    });
}

std::span<const std::uint32_t> AuthorityIndex::find(const Table& table, std::string_view key) {
    const auto it = table.find(key);
    if (it == table.end()) {
        return {};
    }
    return it->second;
}

std::span<const std::uint32_t> AuthorityIndex::authorized(std::string_view key) const {
    return find(m_authorized_table, key);
}

std::span<const std::uint32_t> AuthorityIndex::see_from(std::string_view key) const {
    return find(m_see_from_table, key);
}

std::span<const std::uint32_t> AuthorityIndex::see_also(std::string_view key) const {
    return find(m_see_also_table, key);
}

std::span<const std::uint32_t> AuthorityIndex::identified_by(std::string_view id) const {
    const auto current = find(m_identifier_table, id);
    return current.empty() ? find(m_cancelled_table, id) : current;
}

bool AuthorityIndex::covers(std::string_view scope) const {
    return std::any_of(m_scopes.begin(), m_scopes.end(), [&](const auto& s) { return s.first == scope; });
}

bool AuthorityIndex::covers_key(std::string_view key) const { return records_of_scope(key) > 0; }

std::size_t AuthorityIndex::records_of_scope(std::string_view key) const {
    const auto sep = key.find('\x1E');
    if (sep == std::string_view::npos || sep + 2 > key.size()) {
        return 0;
    }
    const auto prefix = key.substr(0, sep + 2);
    const auto it = std::find_if(m_covered.begin(), m_covered.end(), [&](const auto& c) { return c.first == prefix; });
    return it == m_covered.end() ? 0 : it->second;
}

} // namespace marcaudit::headings
