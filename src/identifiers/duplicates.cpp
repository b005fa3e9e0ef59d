#include "marcaudit/identifiers/duplicates.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "detail/input_order.hpp"
#include "marcaudit/headings/naco.hpp"
#include "rules/identifier/standard_numbers.hpp"

namespace marcaudit::identifiers {

namespace {

/// Whether the text after an ISBN qualifies it as the ISBN of a whole set ("(set)", "$q set"):
/// every volume's record carries it, so it does not make them duplicates.
bool names_a_set(const record::FieldView& field, std::string_view value) {
    // "set" as a word: "(set)", "(v. 1-3 set)", "$q set"; not "(offset)" or "(Somerset ed.)".
    auto has_set = [](std::string_view s) {
        auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
        for (std::size_t i = 0; i + 3 <= s.size(); ++i) {
            const auto w = s.substr(i, 3);
            if ((w == "set" || w == "Set" || w == "SET") && (i == 0 || !letter(s[i - 1])) &&
                (i + 3 == s.size() || !letter(s[i + 3]))) {
                return true;
            }
        }
        return false;
    };
    if (const auto paren = value.find('('); paren != std::string_view::npos && has_set(value.substr(paren))) {
        return true;
    }
    for (const auto& sf : field.subfields()) {
        if (sf.code == 'q' && has_set(sf.value)) {
            return true;
        }
    }
    return false;
}

/// The numbers of the extent and dimensions (300 $a and $c), each with the first letter of
/// the word after it: "64 p. ; 21 cm" and "64 pages ; 21 cm" (one book under AACR2 and RDA)
/// both give "64p 21c", while "2 sound discs" and "2 v. of music" (the recording and the
/// score of one title) or "5 x 7 in." and "4 x 5 in." (two photographs) differ.
std::string extent_numbers(const record::FieldView* f300) {
    std::string out;
    if (f300 == nullptr) {
        return out;
    }
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    for (const auto& sf : f300->subfields()) {
        if (sf.code != 'a' && sf.code != 'c') {
            continue;
        }
        const auto v = sf.value;
        for (std::size_t i = 0; i < v.size();) {
            if (v[i] < '0' || v[i] > '9') {
                ++i;
                continue;
            }
            while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
                out.push_back(v[i++]);
            }
            // The unit: the first letter of the next word, if a word follows (not "x 7").
            std::size_t j = i;
            while (j < v.size() && (v[j] == ' ' || v[j] == ']' || v[j] == ')')) {
                ++j;
            }
            if (j < v.size() && ((v[j] >= 'a' && v[j] <= 'z') || (v[j] >= 'A' && v[j] <= 'Z')) &&
                !(v[j] == 'x' && (j + 1 == v.size() || v[j + 1] == ' '))) {
                out.push_back(lower(v[j]));
            }
            out.push_back(' ');
        }
    }
    return out;
}

/// The near-identical key: type of record and bibliographic level, form of item, main entry
/// (1XX without relator terms), title (245 $a $b $n $p), date (008/07-10), publisher (264 _1
/// or 260 $b), edition (250 $a) and the numbers of the extent and size (300), NACO-normalized;
/// empty when the record has no title or no date. Two composers' "Symphonies" of one year,
/// or two photographs catalogued alike, differ in the main entry or the extent.
std::string near_identical_key(const record::RecordView& record) {
    const auto* f245 = record.first_field("245");
    const auto* f008 = record.first_field("008");
    if (f245 == nullptr || f008 == nullptr || f008->data().size() < 30) {
        return {};
    }
    const auto date = f008->data().substr(7, 4);
    if (!std::all_of(date.begin(), date.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return {};
    }
    std::string title;
    for (const auto& sf : f245->subfields()) {
        if (sf.code == 'a' || sf.code == 'b' || sf.code == 'n' || sf.code == 'p') {
            title += headings::naco_normalize(sf.value);
            title.push_back(' ');
        }
    }
    if (title.find_first_not_of(' ') == std::string::npos) {
        return {};
    }
    std::string publisher;
    std::string edition;
    std::string main_entry;
    const record::FieldView* f300 = nullptr;
    for (const auto& field : record.fields()) {
        const auto tag = field.tag();
        if (publisher.empty() && (tag == "260" || (tag == "264" && field.indicator(2) == '1'))) {
            publisher = headings::naco_normalize(field.first('b'));
        } else if (edition.empty() && tag == "250") {
            edition = headings::naco_normalize(field.first('a'));
        } else if (main_entry.empty() && (tag == "100" || tag == "110" || tag == "111" || tag == "130")) {
            for (const auto& sf : field.subfields()) {
                // The name or title, without relators ($e, $j, $4) and identifiers ($0, $1).
                if (sf.code >= 'a' && sf.code <= 'z' && sf.code != 'e' && sf.code != 'j') {
                    main_entry += headings::naco_normalize(sf.value);
                    main_entry.push_back(' ');
                }
            }
        } else if (f300 == nullptr && tag == "300") {
            f300 = &field;
        }
    }
    const auto leader = record.leader();
    const char type = leader.type_of_record();
    // Form of item: 008/29 for maps and visual materials, 008/23 otherwise (o, s: online).
    const bool form_at_29 = type == 'e' || type == 'f' || type == 'g' || type == 'k' || type == 'o' || type == 'r';
    const char form = f008->data()[form_at_29 ? 29 : 23];
    std::string key;
    key.push_back(type);
    key.push_back(leader.bibliographic_level());
    key.push_back(form == ' ' ? '#' : form);
    key += '|';
    key += title;
    key += '|';
    key += date;
    key += '|';
    key += publisher;
    key += '|';
    key += edition;
    key += '|';
    key += main_entry;
    key += '|';
    key += extent_numbers(f300);
    return key;
}

} // namespace

std::string_view to_string(DuplicateKind kind) noexcept {
    switch (kind) {
        case DuplicateKind::control_number: return "control-number";
        case DuplicateKind::oclc_number: return "oclc-number";
        case DuplicateKind::isbn: return "isbn";
        case DuplicateKind::near_identical: return "near-identical";
    }
    return "control-number";
}

void DuplicateCollector::add(const record::RecordView& record, bool in_batch) {
    if (record::kind_of(record.leader()) != record::RecordKind::bibliographic) {
        return;
    }
    const auto index = static_cast<std::uint32_t>(m_records.size());
    const auto first_key = m_keys.size();
    auto key = [&](DuplicateKind kind, std::string value) {
        if (!value.empty() && (m_kinds & (1U << static_cast<unsigned>(kind))) != 0) {
            m_keys.push_back(Key{kind, index, std::move(value)});
        }
    };
    const auto* f001 = record.first_field("001");
    const auto* f003 = record.first_field("003");
    const auto number = f001 != nullptr ? trim_blanks(f001->data()) : std::string_view{};
    const auto source = f003 != nullptr ? trim_blanks(f003->data()) : std::string_view{};
    if (!number.empty()) {
        key(DuplicateKind::control_number, source.empty() ? std::string{number} : std::string{source} + " " + std::string{number});
        // An OCLC number as 001: with 003 OCoLC, or without 003 in OCLC's own prefixed form.
        if (source == "OCoLC" || (source.empty() && (number.starts_with("ocm") || number.starts_with("ocn") ||
                                                     number.starts_with("on")))) {
            key(DuplicateKind::oclc_number, rules::identifier::oclc_number("(OCoLC)" + std::string{number}));
        }
    }
    for (const auto& field : record.fields()) {
        if (field.tag() == "035") {
            for (const auto& sf : field.subfields()) {
                if (sf.code == 'a') {
                    key(DuplicateKind::oclc_number, rules::identifier::oclc_number(sf.value));
                }
            }
        } else if (field.tag() == "020") {
            for (const auto& sf : field.subfields()) {
                if (sf.code != 'a') {
                    continue;
                }
                const auto n = rules::identifier::check_isbn(sf.value);
                if (n.check == rules::identifier::NumberCheck::valid && !names_a_set(field, sf.value)) {
                    key(DuplicateKind::isbn, rules::identifier::isbn13(n.digits));
                }
            }
        }
    }
    key(DuplicateKind::near_identical, near_identical_key(record));
    if (m_keys.size() > first_key) {
        m_records.push_back(rules::RecordRef::of(record));
        m_in_batch.push_back(in_batch);
    }
}

DuplicateAnalysis::DuplicateAnalysis(std::span<DuplicateCollector* const> collectors) {
    // Records in input order, whatever thread gathered them.
    std::vector<std::vector<std::uint32_t>> global;
    const auto refs = detail::input_order(
        collectors, [](const DuplicateCollector& c) -> const auto& { return c.m_records; },
        [](const rules::RecordRef& a, const rules::RecordRef& b) { return a < b; }, global);

    struct Entry {
        DuplicateKind kind;
        std::string_view value;
        std::uint32_t record;
    };
    std::vector<Entry> entries;
    for (std::uint32_t c = 0; c < collectors.size(); ++c) {
        for (const auto& k : collectors[c]->m_keys) {
            entries.push_back({k.kind, k.value, global[c][k.record]});
        }
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return std::tie(a.kind, a.value, a.record) < std::tie(b.kind, b.value, b.record);
    });

    // Groups of two or more records with at least one of the batch. Records kept only when
    // they are in a group, renumbered in input order.
    std::vector<std::uint32_t> used;
    std::vector<DuplicateGroup> groups;
    for (std::size_t i = 0; i < entries.size();) {
        std::size_t j = i;
        std::vector<std::uint32_t> members;
        while (j < entries.size() && entries[j].kind == entries[i].kind && entries[j].value == entries[i].value) {
            if (members.empty() || members.back() != entries[j].record) {
                members.push_back(entries[j].record);
            }
            ++j;
        }
        const bool any_batch = std::any_of(members.begin(), members.end(), [&](std::uint32_t g) {
            const auto& r = refs[g];
            return collectors[r.collector]->m_in_batch[r.local];
        });
        if (members.size() >= 2 && any_batch) {
            used.insert(used.end(), members.begin(), members.end());
            groups.push_back(DuplicateGroup{entries[i].kind, std::string{entries[i].value}, std::move(members)});
        }
        i = j;
    }
    // Near-identical records that a shared number already groups are not reported twice:
    // a near-identical group all of whose records are in one number group is dropped.
    {
        std::map<std::uint32_t, std::vector<std::size_t>> number_groups_of;  // by each of their records
        for (std::size_t g = 0; g < groups.size(); ++g) {
            if (groups[g].kind != DuplicateKind::near_identical) {
                for (auto r : groups[g].records) {
                    number_groups_of[r].push_back(g);
                }
            }
        }
        std::vector<bool> covered(groups.size(), false);
        for (std::size_t g = 0; g < groups.size(); ++g) {
            const auto& records = groups[g].records;
            if (groups[g].kind != DuplicateKind::near_identical) {
                continue;
            }
            if (const auto it = number_groups_of.find(records.front()); it != number_groups_of.end()) {
                for (auto n : it->second) {
                    const auto& other = groups[n].records;
                    covered[g] = covered[g] || std::includes(other.begin(), other.end(), records.begin(), records.end());
                }
            }
        }
        std::vector<DuplicateGroup> kept;
        used.clear();
        for (std::size_t g = 0; g < groups.size(); ++g) {
            if (!covered[g]) {
                used.insert(used.end(), groups[g].records.begin(), groups[g].records.end());
                kept.push_back(std::move(groups[g]));
            }
        }
        groups = std::move(kept);
    }
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    for (auto g : used) {
        const auto& r = refs[g];
        m_records.push_back(collectors[r.collector]->m_records[r.local]);
        m_in_batch.push_back(collectors[r.collector]->m_in_batch[r.local]);
    }
    for (auto& group : groups) {
        for (auto& m : group.records) {
            m = static_cast<std::uint32_t>(std::lower_bound(used.begin(), used.end(), m) - used.begin());
        }
    }
    std::stable_sort(groups.begin(), groups.end(), [](const DuplicateGroup& a, const DuplicateGroup& b) {
        return std::tie(a.kind, a.records.front()) < std::tie(b.kind, b.records.front());
    });
    m_groups = std::move(groups);
}

} // namespace marcaudit::identifiers
