#include "marcaudit/rules/marc21_tables.hpp"

#include <algorithm>
#include <mutex>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace marcaudit::rules::marc21 {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& file, const toml::node& node, std::string_view what) {
    throw FormatTableError(fmt::format("{}:{}: {}", file.string(), node.source().begin.line, what));
}

std::string_view get_string(const fs::path& file, const toml::table& t, std::string_view key, std::string_view where,
                            bool required = true) {
    const auto* n = t.get(key);
    if (n == nullptr) {
        if (required) {
            fail(file, t, fmt::format("{}: '{}' is missing", where, key));
        }
        return {};
    }
    const auto* s = n->as_string();
    if (s == nullptr) {
        fail(file, *n, fmt::format("{}.{} must be a string", where, key));
    }
    return s->get();
}

bool get_bool(const fs::path& file, const toml::table& t, std::string_view key, std::string_view where,
              bool fallback) {
    const auto* n = t.get(key);
    if (n == nullptr) {
        return fallback;
    }
    const auto* b = n->as_boolean();
    if (b == nullptr) {
        fail(file, *n, fmt::format("{}.{} must be true or false", where, key));
    }
    return b->get();
}

/// '#' in the tables stands for a blank.
char from_table(char c) noexcept { return c == '#' ? ' ' : c; }

/// "a", "b", "c" → "a, b or c"; blank shown as "blank", fill as "| (no attempt to code)".
std::string list_of(const std::array<Defined, 128>& codes) {
    std::vector<std::string> names;
    for (int c = 0; c < 128; ++c) {
        if (codes[c] != Defined::yes) {
            continue;
        }
        names.push_back(c == ' ' ? std::string{"blank"} : c == '|' ? std::string{"| (no attempt to code)"}
                                                                   : std::string(1, static_cast<char>(c)));
    }
    // Blank first, as the documentation lists it.
    std::stable_partition(names.begin(), names.end(), [](const std::string& s) { return s == "blank"; });
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        out += i == 0 ? "" : i + 1 == names.size() ? " or " : ", ";
        out += names[i];
    }
    return out;
}

/// Reads a list of codes: one character each, or exactly as long as the entry's range.
void set_codes(const fs::path& file, const toml::node& node, std::string_view where, PositionSpec& p, Defined as) {
    const auto* a = node.as_array();
    if (a == nullptr) {
        fail(file, node, fmt::format("{} must be a list of codes", where));
    }
    const std::size_t width = p.end - p.start + 1;
    for (const auto& v : *a) {
        const auto* s = v.as_string();
        const bool ascii = s != nullptr && std::all_of(s->get().begin(), s->get().end(),
                                                       [](char c) { return static_cast<unsigned char>(c) < 128; });
        if (!ascii || (s->get().size() != 1 && s->get().size() != width)) {
            fail(file, v, fmt::format("{}: each code must be one ASCII character, or {} for positions {}", where,
                                      width, p.label()));
        }
        if (s->get().size() == 1) {
            p.codes[static_cast<unsigned char>(from_table(s->get()[0]))] = as;
        } else {
            std::string code = s->get();
            std::transform(code.begin(), code.end(), code.begin(), from_table);
            p.long_codes.emplace_back(std::move(code), as);
        }
    }
}

/// "a, b or c" for the long codes of an entry.
std::string list_of_long(const PositionSpec& p) {
    std::string out;
    std::size_t n = 0;
    const auto total = static_cast<std::size_t>(std::count_if(p.long_codes.begin(), p.long_codes.end(),
                                                              [](const auto& c) { return c.second == Defined::yes; }));
    for (const auto& [code, status] : p.long_codes) {
        if (status != Defined::yes) {
            continue;
        }
        std::string shown = code;
        std::replace(shown.begin(), shown.end(), ' ', '#');
        out += n == 0 ? "" : n + 1 == total ? " or " : ", ";
        out += shown;
        ++n;
    }
    return out;
}

/// "05" → {5, 5}; "18-21" → {18, 21}.
std::pair<unsigned, unsigned> parse_positions(const fs::path& file, const toml::node& node, std::string_view text) {
    auto number = [&](std::string_view s) {
        unsigned n = 0;
        if (s.empty() || s.size() > 2 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            fail(file, node, fmt::format("positions '{}' must be \"NN\" or \"NN-NN\"", text));
        }
        for (char c : s) {
            n = n * 10 + static_cast<unsigned>(c - '0');
        }
        return n;
    };
    const auto dash = text.find('-');
    if (dash == std::string_view::npos) {
        const unsigned n = number(text);
        return {n, n};
    }
    const unsigned a = number(text.substr(0, dash));
    const unsigned b = number(text.substr(dash + 1));
    if (b < a) {
        fail(file, node, fmt::format("positions '{}' run backwards", text));
    }
    return {a, b};
}

PositionTable load_positions(const fs::path& file, const toml::node& node, std::string_view where) {
    const auto* a = node.as_array();
    if (a == nullptr) {
        fail(file, node, fmt::format("{} must be an array of tables: [[{}]]", where, where));
    }
    PositionTable out;
    for (const auto& item : *a) {
        const auto* t = item.as_table();
        if (t == nullptr) {
            fail(file, item, fmt::format("{}: each entry must be a table", where));
        }
        PositionSpec p;
        const auto* positions = t->get("positions");
        if (positions == nullptr || !positions->is_string()) {
            fail(file, item, fmt::format("{}: 'positions' (a string) is missing", where));
        }
        std::tie(p.start, p.end) = parse_positions(file, *positions, positions->as_string()->get());
        p.name = std::string{get_string(file, *t, "name", where)};
        const auto kind = get_string(file, *t, "kind", where, false);
        if (kind.empty() || kind == "code") {
            p.kind = PositionSpec::Kind::code;
        } else if (kind == "number") {
            p.kind = PositionSpec::Kind::number;
        } else if (kind == "fixed") {
            p.kind = PositionSpec::Kind::fixed;
        } else if (kind == "any") {
            p.kind = PositionSpec::Kind::any;
        } else {
            fail(file, *t->get("kind"), fmt::format("{}: kind must be code, number, fixed or any", where));
        }
        p.multi = get_bool(file, *t, "multi", where, false);
        if (const auto* v = t->get("values")) {
            set_codes(file, *v, fmt::format("{}.values", where), p, Defined::yes);
            p.values = list_of(p.codes);
            if (!p.long_codes.empty()) {
                const auto more = list_of_long(p);
                p.values = p.values.empty() ? more : p.values + "; or " + more;
            }
        }
        if (const auto* v = t->get("obsolete_values")) {
            set_codes(file, *v, fmt::format("{}.obsolete_values", where), p, Defined::obsolete);
            p.has_obsolete = true;
        }
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

std::string PositionSpec::label() const {
    return start == end ? fmt::format("/{:02}", start) : fmt::format("/{:02}-{:02}", start, end);
}

const FieldSpec* FormatTable::field(std::string_view tag) const noexcept {
    if (tag.size() != 3) {
        return nullptr;
    }
    int n = 0;
    for (char c : tag) {
        if (c < '0' || c > '9') {
            return nullptr;
        }
        n = n * 10 + (c - '0');
    }
    const int i = m_index[n];
    return i == 0 ? nullptr : &m_fields[i - 1];
}

void FormatTable::finish() {
    unsigned length = 0;
    for (const auto& p : m_008_all) {
        length = std::max(length, p.end + 1);
    }
    for (const auto& [type, table] : m_008_by_type) {
        for (const auto& p : table) {
            length = std::max(length, p.end + 1);
        }
    }
    m_008_length = length == 0 ? 40 : length;
    // 007: the full length of each category (the end of its last position), then the shorter
    // forms the table allows, longest first.
    for (const auto& [category, specs] : m_007) {
        unsigned full = 0;
        for (const auto& p : specs) {
            full = std::max(full, p.end + 1);
        }
        auto& lengths = m_007_lengths[category];
        lengths.push_back(full);
        std::sort(lengths.begin(), lengths.end(), std::greater<>());
        lengths.erase(std::unique(lengths.begin(), lengths.end()), lengths.end());
    }
}

std::pair<const PositionTable*, const PositionTable*> FormatTable::field008(record::LeaderView leader,
                                                                           std::string_view& type) const {
    type = {};
    const char l06 = leader.type_of_record();
    const char l07 = leader.bibliographic_level();
    for (const auto& m : m_material_types) {
        if (m.leader06.find(l06) != std::string::npos && (m.leader07.empty() || m.leader07.find(l07) != std::string::npos)) {
            type = m.type;
            const auto it = m_008_by_type.find(m.type);
            return {&m_008_all, it != m_008_by_type.end() ? &it->second : nullptr};
        }
    }
    return {&m_008_all, nullptr};
}

const PositionTable* FormatTable::field006(char form, std::string_view& type) const {
    const auto it = m_006_forms.find(form);
    if (it == m_006_forms.end()) {
        return nullptr;
    }
    type = it->second;
    const auto t = m_006_by_type.find(it->second);
    return t == m_006_by_type.end() ? nullptr : &t->second;
}

const std::vector<unsigned>& FormatTable::field007_lengths(char category) const {
    static const std::vector<unsigned> none;
    const auto it = m_007_lengths.find(category);
    return it != m_007_lengths.end() && m_007.contains(category) ? it->second : none;
}

const PositionTable* FormatTable::field007(char category) const {
    const auto it = m_007.find(category);
    return it == m_007.end() ? nullptr : &it->second;
}

void FormatTable::load_fields(const fs::path& file, const void* opaque) {
    const auto& fields = *static_cast<const toml::table*>(opaque);
    for (const auto& [key, node] : fields) {
        const std::string tag{key.str()};
        const std::string where = fmt::format("fields.{}", tag);
        if (tag.size() != 3 || !std::all_of(tag.begin(), tag.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            fail(file, node, fmt::format("{}: a tag is three digits", where));
        }
        const auto* t = node.as_table();
        if (t == nullptr) {
            fail(file, node, fmt::format("{} must be a table", where));
        }
        const int n = std::stoi(tag);
        if (m_index[n] != 0) {
            fail(file, node, fmt::format("{}: tag {} is listed twice", where, tag));
        }
        FieldSpec spec;
        spec.tag = tag;
        spec.name = std::string{get_string(file, *t, "name", where)};
        spec.defined = get_bool(file, *t, "obsolete", where, false) ? Defined::obsolete : Defined::yes;
        spec.repeatable = get_bool(file, *t, "repeatable", where, false);
        for (int which = 1; which <= 2; ++which) {
            const auto key_name = fmt::format("ind{}", which);
            // Control fields (001-009) have no indicators; an 880 takes those of the field
            // its $6 names, so it may leave them out.
            for (char c : get_string(file, *t, key_name, where, n >= 10 && n != 880)) {
                spec.indicators[which - 1][static_cast<unsigned char>(from_table(c))] = Defined::yes;
            }
            for (char c : get_string(file, *t, key_name + "_obsolete", where, false)) {
                auto& slot = spec.indicators[which - 1][static_cast<unsigned char>(from_table(c))];
                slot = slot == Defined::yes ? Defined::yes : Defined::obsolete;
            }
        }
        if (const auto* subfields = t->get("subfields")) {
            const auto* st = subfields->as_table();
            if (st == nullptr) {
                fail(file, *subfields, fmt::format("{}.subfields must be a table", where));
            }
            for (const auto& [code_key, sub] : *st) {
                const std::string code{code_key.str()};
                const std::string swhere = fmt::format("{}.subfields.{}", where, code);
                if (code.size() != 1 || static_cast<unsigned char>(code[0]) >= 128) {
                    fail(file, sub, fmt::format("{}: a subfield code is one character", swhere));
                }
                const auto* s = sub.as_table();
                if (s == nullptr) {
                    fail(file, sub, fmt::format("{} must be a table {{ name = ..., repeatable = ... }}", swhere));
                }
                auto& sf = spec.subfields[static_cast<unsigned char>(code[0])];
                sf.defined = get_bool(file, *s, "obsolete", swhere, false) ? Defined::obsolete : Defined::yes;
                sf.repeatable = get_bool(file, *s, "repeatable", swhere, false);
                spec.subfield_names[code[0]] = std::string{get_string(file, *s, "name", swhere)};
            }
        }
        for (int which = 0; which < 2; ++which) {
            for (const auto d : spec.indicators[which]) {
                spec.has_obsolete_parts = spec.has_obsolete_parts || d == Defined::obsolete;
            }
        }
        for (const auto& sf : spec.subfields) {
            spec.has_obsolete_parts = spec.has_obsolete_parts || sf.defined == Defined::obsolete;
        }
        // Texts the messages use, made once here rather than for every finding.
        spec.valid_indicators = {list_of(spec.indicators[0]), list_of(spec.indicators[1])};
        auto add_code = [&](char c) {
            if (spec.subfield(c).defined == Defined::yes) {
                spec.codes_text += spec.codes_text.empty() ? "$" : " $";
                spec.codes_text.push_back(c);
            }
        };
        for (char c = 'a'; c <= 'z'; ++c) {
            add_code(c);
        }
        for (char c = '0'; c <= '9'; ++c) {
            add_code(c);
        }
        m_fields.push_back(std::move(spec));
        m_index[n] = static_cast<int>(m_fields.size());
    }
}

void FormatTable::load_fixed(const fs::path& file, const void* opaque) {
    const auto& doc = *static_cast<const toml::table*>(opaque);
    if (const auto* n = doc.get("leader")) {
        m_leader = load_positions(file, *n, "leader");
    }
    if (const auto* n = doc.get("field008")) {
        const auto* t = n->as_table();
        if (t == nullptr) {
            fail(file, *n, "field008 must hold [[field008.all]] and [[field008.TYPE]] tables");
        }
        for (const auto& [type, positions] : *t) {
            const std::string name{type.str()};
            auto table = load_positions(file, positions, "field008." + name);
            if (name == "all") {
                m_008_all = std::move(table);
            } else {
                m_008_by_type[name] = std::move(table);
            }
        }
    }
    if (const auto* n = doc.get("material_types")) {
        const auto* t = n->as_table();
        if (t == nullptr) {
            fail(file, *n, "material_types must be a table");
        }
        // Keep the file's order: the first type that fits a leader wins.
        std::vector<std::pair<int, MaterialType>> ordered;
        for (const auto& [type, sel] : *t) {
            const auto* s = sel.as_table();
            if (s == nullptr) {
                fail(file, sel, "material_types entries must be { leader06 = \"...\", leader07 = \"...\" }");
            }
            const std::string where = fmt::format("material_types.{}", type.str());
            ordered.emplace_back(static_cast<int>(sel.source().begin.line),
                                 MaterialType{std::string{type.str()}, std::string{get_string(file, *s, "leader06", where)},
                                              std::string{get_string(file, *s, "leader07", where, false)}});
        }
        std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& [line, m] : ordered) {
            m_material_types.push_back(std::move(m));
        }
    }
    if (const auto* n = doc.get("field006_forms")) {
        const auto* t = n->as_table();
        if (t == nullptr) {
            fail(file, *n, "field006_forms must be a table TYPE = \"codes\"");
        }
        for (const auto& [type, codes] : *t) {
            const auto* s = codes.as_string();
            if (s == nullptr) {
                fail(file, codes, "field006_forms values are strings of 006/00 codes");
            }
            for (char c : s->get()) {
                m_006_forms[c] = std::string{type.str()};
            }
        }
    }
    if (const auto* n = doc.get("field006")) {
        const auto* t = n->as_table();
        if (t == nullptr) {
            fail(file, *n, "field006 must hold [[field006.TYPE]] tables");
        }
        for (const auto& [type, positions] : *t) {
            m_006_by_type[std::string{type.str()}] = load_positions(file, positions, fmt::format("field006.{}", type.str()));
        }
    }
    if (const auto* n = doc.get("field007_lengths")) {
        const auto* t = n->as_table();
        if (t == nullptr) {
            fail(file, *n, "field007_lengths must be a table CATEGORY = [lengths]");
        }
        for (const auto& [category, lengths] : *t) {
            const auto* a = lengths.as_array();
            if (category.str().size() != 1 || a == nullptr) {
                fail(file, lengths, "field007_lengths: CATEGORY (one character) = [lengths]");
            }
            for (const auto& v : *a) {
                const auto* i = v.as_integer();
                if (i == nullptr || i->get() < 2 || i->get() > 40) {
                    fail(file, v, "field007_lengths: lengths are whole numbers from 2 to 40");
                }
                m_007_lengths[category.str()[0]].push_back(static_cast<unsigned>(i->get()));
            }
        }
    }
    if (const auto* n = doc.get("field007")) {
        const auto* t = n->as_table();
        if (t == nullptr) {
            fail(file, *n, "field007 must hold [[field007.CATEGORY]] tables");
        }
        for (const auto& [category, positions] : *t) {
            if (category.str().size() != 1) {
                fail(file, positions, fmt::format("field007.{}: a category is one character (007/00)", category.str()));
            }
            m_007[category.str()[0]] = load_positions(file, positions, fmt::format("field007.{}", category.str()));
        }
    }
}

FormatTable FormatTable::load(const fs::path& dir, std::string_view format) {
    FormatTable table;
    table.m_name = std::string{format};
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const auto name = entry.path().filename().string();
        if (entry.path().extension() == ".toml" && name.starts_with(std::string{format} + "-")) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        toml::table doc;
        try {
            doc = toml::parse_file(file.string());
        } catch (const toml::parse_error& e) {
            throw FormatTableError(fmt::format("{}:{}:{}: {}", file.string(), e.source().begin.line,
                                           e.source().begin.column, e.description()));
        }
        const auto declared = get_string(file, doc, "format", "top level");
        if (declared != format) {
            fail(file, *doc.get("format"), fmt::format("format is \"{}\" but the file name says {}", declared, format));
        }
        for (const auto& [key, node] : doc) {
            const std::string k{key.str()};
            static constexpr std::string_view known[] = {"format", "source", "fields", "leader", "field008",
                                                         "material_types", "field006", "field006_forms", "field007",
                                                         "field007_lengths"};
            if (std::find(std::begin(known), std::end(known), k) == std::end(known)) {
                fail(file, node, fmt::format("unknown key '{}' (see rules/marc21/README.md)", k));
            }
        }
        if (const auto* fields = doc.get("fields")) {
            const auto* t = fields->as_table();
            if (t == nullptr) {
                fail(file, *fields, "fields must be a table of tags");
            }
            table.load_fields(file, t);
        }
        table.load_fixed(file, &doc);
        table.m_files.push_back(file);
    }
    table.finish();
    return table;
}

const FormatTables& format_tables() {
    // Loaded once; a malformed table throws on every call (the run stops at the first).
    static std::once_flag once;
    static FormatTables tables;
    std::call_once(once, [] {
        const auto dir = rules_directory() / "marc21";
        FormatTables t;
        t.bibliographic = FormatTable::load(dir, "bibliographic");
        t.authority = FormatTable::load(dir, "authority");
        t.holdings = FormatTable::load(dir, "holdings");
        tables = std::move(t);
    });
    return tables;
}

} // namespace marcaudit::rules::marc21
