#include "rules/marc21/fixed_field_invalid.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "rules/marc21/marc21_module.hpp"

namespace marcaudit::rules::marc21 {

namespace {

/// How a fixed field (006, 007, 008) of a record is read: which position tables describe it.
struct FixedFieldTables {
    const PositionTable* first = nullptr;   ///< 008: the positions of all materials; 006/007: the form's
    const PositionTable* second = nullptr;  ///< 008: the material type's, when one fits
    std::string what;                       ///< " for books (BK)", " for category 'c'"
    bool unreadable = false;                ///< 006/00 or 007/00 is no form or category MARC 21 defines
};

FixedFieldTables tables_of(const FormatTable& table, const record::RecordView& record, std::string_view tag,
                           std::string_view data) {
    FixedFieldTables out;
    std::string_view type;
    if (tag == "008") {
        const auto [all, specific] = table.field008(record.leader(), type);
        out.first = all;
        out.second = specific;
        out.what = type.empty() ? std::string{} : " for " + describe_material_type(type);
    } else if (tag == "006") {
        out.first = table.field006(data[0], type);
        out.what = type.empty() ? std::string{} : " for " + describe_material_type(type);
        out.unreadable = out.first == nullptr;
    } else if (tag == "007") {
        out.first = table.field007(data[0]);
        out.what = fmt::format(" for category {}", show_code(data[0]));
        out.unreadable = out.first == nullptr && table.has_007();
    }
    return out;
}

/// Is `data` all ASCII? Codes are: a byte past it is data typed into the wrong field, or
/// another encoding's, and the positions after it cannot be trusted.
std::size_t first_non_ascii(std::string_view data) noexcept {
    const auto bad = std::find_if(data.begin(), data.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    return static_cast<std::size_t>(bad - data.begin());
}

/// "/18, /19, /20" for the first eight positions, then ", ...".
std::string positions_text(std::vector<unsigned> positions) {
    std::sort(positions.begin(), positions.end());
    std::string where;
    for (std::size_t k = 0; k < positions.size() && k < 8; ++k) {
        where += fmt::format("{}/{:02}", k == 0 ? "" : ", ", positions[k]);
    }
    return positions.size() > 8 ? where + ", ..." : where;
}

} // namespace

FixedFieldInvalid::FixedFieldInvalid(const RuleOptions& options) : TableRule(k_info, options) {
    for (const auto& entry : options.get_strings("accept", {})) {
        // "LDR/17=IJKLM"
        const auto slash = entry.find('/');
        const auto equals = entry.find('=');
        const bool ok = slash == 3 && equals != std::string::npos && equals > slash + 1 && equals + 1 < entry.size() &&
                        std::all_of(entry.begin() + 4, entry.begin() + static_cast<std::ptrdiff_t>(equals),
                                    [](char c) { return c >= '0' && c <= '9'; });
        const std::string tag = entry.substr(0, 3);
        if (!ok || (tag != "LDR" && tag != "006" && tag != "007" && tag != "008")) {
            options.fail("accept", fmt::format("has '{}'; write TAG/POSITION=CODES, e.g. \"LDR/17=IJKLM\" (TAG is LDR, "
                                               "006, 007 or 008)",
                                               entry));
        }
        m_accept.push_back(Accept{tag, static_cast<unsigned>(std::stoul(entry.substr(4, equals - 4))),
                                  entry.substr(equals + 1)});
    }
    if (options.oclc()) {
        // OCLC's encoding levels: I full and K minimal (input by a member library), M added
        // from a batch load, L added from a batch (older), J deleted.
        m_accept.push_back(Accept{"LDR", 17, "IJKLM"});
    }
}

bool FixedFieldInvalid::accepted(std::string_view tag, unsigned pos, char c) const noexcept {
    return std::any_of(m_accept.begin(), m_accept.end(), [&](const Accept& a) {
        return a.position == pos && a.tag == tag && a.codes.find(c) != std::string::npos;
    });
}

void FixedFieldInvalid::check(const record::RecordView& record, FindingSink& sink) const {
    const FormatTable* table = m_tables.for_kind(record::kind_of(record.leader()));
    if (table == nullptr) {
        return;
    }
    const auto bytes = record.leader().bytes();
    check_positions(table->leader(), bytes, [&](const PositionSpec& p, unsigned i, Defined status) {
        if (status != Defined::no || p.kind != PositionSpec::Kind::code || i == 9 || bytes[i] == '#' ||
            accepted("LDR", i, bytes[i])) {
            return;  // lengths and addresses: structure-leader-invalid's; /09: encoding-leader09-invalid's;
                     // '#' for a blank: marc21-fixed-field-number-sign's
        }
        auto& f = report(record, nullptr, sink,
                         fmt::format("Leader{} ({}) is {}, which MARC 21 does not define; valid codes: {}",
                                     p.label(), p.name, show_code(bytes[i]), p.values));
        f.tag = "LDR";
        f.position = p.label();
        f.value = full_value(bytes);
        f.fix = fmt::format("set Leader{} to the code that describes the record", p.label());
    });
}

void FixedFieldInvalid::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    const FormatTable* table = m_tables.for_kind(record::kind_of(record.leader()));
    const auto& field = ref.field;
    const auto data = field.data();
    if (table == nullptr || data.empty() || ignored(field.tag(), true)) {
        return;
    }
    const auto tag = field.tag();
    if (const auto at = first_non_ascii(data); at < data.size()) {
        auto& f = report(ref, sink,
                         fmt::format("{} holds a character outside ASCII near position {}: fixed fields hold only "
                                     "ASCII codes, so the positions from there on cannot be read",
                                     tag, at));
        f.position = fmt::format("/{:02}", at);
        f.value = full_value(data);
        f.fix = fmt::format("retype {} with codes only (blank or | where nothing applies)", tag);
        return;
    }
    const auto tables = tables_of(*table, record, tag, data);
    if (tables.unreadable) {
        auto& f = report(ref, sink,
                         fmt::format("{}/00 is {}, which is not a {} MARC 21 defines, so the rest of the "
                                     "field cannot be read",
                                     tag, show_code(data[0]),
                                     tag == "006" ? "form of material" : "category of material"));
        f.position = "/00";
        f.value = full_value(data);
        f.fix = fmt::format("set {}/00 to the code for the kind of material, then check the other positions", tag);
        return;
    }
    auto on_bad = [&](const PositionSpec& p, unsigned i, Defined status) {
        if (status != Defined::no || data[i] == '#' || accepted(tag, i, data[i])) {
            return;  // obsolete: marc21-obsolete's; '#' for a blank: marc21-fixed-field-number-sign's
        }
        const bool number = p.kind == PositionSpec::Kind::number;
        auto& f = report(ref, sink,
                         number ? fmt::format("{}{} ({}) must be digits but holds {}", tag, p.label(), p.name,
                                              show_code(data[i]))
                                : fmt::format("{}{} ({}) is {}, which MARC 21 does not define{}; valid codes: {}", tag,
                                              p.label(), p.name, show_code(data[i]), tables.what, p.values));
        f.position = fmt::format("/{:02}", i);
        f.value = full_value(data);
        f.fix = number ? fmt::format("enter {}{} as digits", tag, p.label())
                       : fmt::format("set {}/{:02} to the code that describes the item (| where no attempt is made "
                                     "to code, if the position allows it)",
                                     tag, i);
    };
    for (const auto* specs : {tables.first, tables.second}) {
        if (specs != nullptr) {
            check_positions(*specs, data, on_bad);
        }
    }
}

void FixedFieldNumberSign::check(const record::RecordView& record, FindingSink& sink) const {
    const FormatTable* table = m_tables.for_kind(record::kind_of(record.leader()));
    if (table == nullptr) {
        return;
    }
    const auto bytes = record.leader().bytes();
    std::vector<unsigned> number_signs;
    check_positions(table->leader(), bytes, [&](const PositionSpec& p, unsigned i, Defined status) {
        if (status == Defined::no && p.kind == PositionSpec::Kind::code && i != 9 && bytes[i] == '#') {
            number_signs.push_back(i);
        }
    });
    if (!number_signs.empty()) {
        auto& f = report(record, nullptr, sink,
                         fmt::format("the leader holds the number sign '#' where blanks belong ({}): '#' stands for "
                                     "a blank only in the documentation",
                                     positions_text(number_signs)));
        f.tag = "LDR";
        f.position = fmt::format("/{:02}", number_signs.front());
        f.value = full_value(bytes);
        f.fix = "replace every '#' in the leader with a blank";
    }
}

void FixedFieldNumberSign::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    const FormatTable* table = m_tables.for_kind(record::kind_of(record.leader()));
    const auto& field = ref.field;
    const auto data = field.data();
    if (table == nullptr || data.empty() || ignored(field.tag(), true) || first_non_ascii(data) < data.size()) {
        return;  // a byte outside ASCII: marc21-fixed-field-invalid's, the positions cannot be read
    }
    const auto tag = field.tag();
    const auto tables = tables_of(*table, record, tag, data);
    std::vector<unsigned> number_signs;
    for (const auto* specs : {tables.first, tables.second}) {
        if (specs != nullptr) {
            check_positions(*specs, data, [&](const PositionSpec&, unsigned i, Defined status) {
                if (status == Defined::no && data[i] == '#') {
                    number_signs.push_back(i);
                }
            });
        }
    }
    if (!number_signs.empty()) {
        std::sort(number_signs.begin(), number_signs.end());
        auto& f = report(ref, sink,
                         fmt::format("{} holds the number sign '#' where blanks belong ({}): '#' stands for a blank "
                                     "only in the documentation, so these positions hold no valid code",
                                     tag, positions_text(number_signs)));
        f.position = fmt::format("/{:02}", number_signs.front());
        f.value = full_value(data);
        f.fix = fmt::format("replace every '#' in {} with a blank", tag);
    }
}

} // namespace marcaudit::rules::marc21
