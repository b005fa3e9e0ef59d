#include "rules/marc21/fixed_field_invalid.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "rules/marc21/marc21_module.hpp"

namespace marcaudit::rules::marc21 {

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
    std::vector<unsigned> number_signs;  // '#' written for blanks: one finding for them all
    check_positions(table->leader(), bytes, [&](const PositionSpec& p, unsigned i, Defined status) {
        if (status != Defined::no || p.kind != PositionSpec::Kind::code || i == 9 || accepted("LDR", i, bytes[i])) {
            return;  // lengths and addresses: structure-leader-invalid's; /09: encoding-leader09-invalid's
        }
        if (bytes[i] == '#') {
            number_signs.push_back(i);
            return;
        }
        auto& f = report(record, nullptr, sink,
                         fmt::format("Leader{} ({}) is {}, which MARC 21 does not define; valid codes: {}",
                                     p.label(), p.name, show_code(bytes[i]), p.values));
        f.tag = "LDR";
        f.position = p.label();
        f.value = full_value(bytes);
        f.fix = fmt::format("set Leader{} to the code that describes the record", p.label());
    });
    if (!number_signs.empty()) {
        std::string where;
        for (std::size_t k = 0; k < number_signs.size(); ++k) {
            where += fmt::format("{}/{:02}", k == 0 ? "" : ", ", number_signs[k]);
        }
        auto& f = report(record, nullptr, sink,
                         fmt::format("the leader holds the number sign '#' where blanks belong ({}): '#' stands for "
                                     "a blank only in the documentation",
                                     where));
        f.tag = "LDR";
        f.position = fmt::format("/{:02}", number_signs.front());
        f.value = full_value(bytes);
        f.fix = "replace every '#' in the leader with a blank";
    }
}

void FixedFieldInvalid::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    const FormatTable* table = m_tables.for_kind(record::kind_of(record.leader()));
    const auto& field = ref.field;
    const auto data = field.data();
    if (table == nullptr || data.empty() || ignored(field.tag(), true)) {
        return;
    }
    const auto tag = field.tag();
    if (const auto bad = std::find_if(data.begin(), data.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        bad != data.end()) {
        // Codes are ASCII: a letter with a diacritic here is data typed into the wrong field,
        // or bytes of another encoding; positions after it cannot be trusted.
        const auto at = static_cast<std::size_t>(bad - data.begin());
        auto& f = report(ref, sink,
                         fmt::format("{} holds a character outside ASCII near position {}: fixed fields hold only "
                                     "ASCII codes, so the positions from there on cannot be read",
                                     tag, at));
        f.position = fmt::format("/{:02}", at);
        f.value = full_value(data);
        f.fix = fmt::format("retype {} with codes only (blank or | where nothing applies)", tag);
        return;
    }
    std::string_view type;
    std::string what;  // "for books (BK)"
    std::vector<unsigned> number_signs;  // '#' written for blanks: one finding for them all
    auto on_bad = [&](const PositionSpec& p, unsigned i, Defined status) {
        if (status != Defined::no || accepted(tag, i, data[i])) {
            return;  // obsolete: marc21-obsolete's finding
        }
        if (data[i] == '#') {
            number_signs.push_back(i);
            return;
        }
        const bool number = p.kind == PositionSpec::Kind::number;
        auto& f = report(ref, sink,
                         number ? fmt::format("{}{} ({}) must be digits but holds {}", tag, p.label(), p.name,
                                              show_code(data[i]))
                                : fmt::format("{}{} ({}) is {}, which MARC 21 does not define{}; valid codes: {}", tag,
                                              p.label(), p.name, show_code(data[i]), what, p.values));
        f.position = fmt::format("/{:02}", i);
        f.value = full_value(data);
        f.fix = number ? fmt::format("enter {}{} as digits", tag, p.label())
                       : fmt::format("set {}/{:02} to the code that describes the item (| where no attempt is made "
                                     "to code, if the position allows it)",
                                     tag, i);
    };
    if (tag == "008") {
        const auto [all, specific] = table->field008(record.leader(), type);
        what = type.empty() ? std::string{} : " for " + describe_material_type(type);
        check_positions(*all, data, on_bad);
        if (specific != nullptr) {
            check_positions(*specific, data, on_bad);
        }
    } else if (tag == "006" || tag == "007") {
        const PositionTable* specs = nullptr;
        if (tag == "006") {
            specs = table->field006(data[0], type);
            what = type.empty() ? std::string{} : " for " + describe_material_type(type);
        } else {
            specs = table->field007(data[0]);
            what = fmt::format(" for category {}", show_code(data[0]));
        }
        if (specs == nullptr) {
            if (tag == "007" && !table->has_007()) {
                return;  // this format has no 007 table
            }
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
        check_positions(*specs, data, on_bad);
    }
    if (!number_signs.empty()) {
        std::sort(number_signs.begin(), number_signs.end());
        std::string where;
        for (std::size_t k = 0; k < number_signs.size() && k < 8; ++k) {
            where += fmt::format("{}/{:02}", k == 0 ? "" : ", ", number_signs[k]);
        }
        auto& f = report(ref, sink,
                         fmt::format("{} holds the number sign '#' where blanks belong ({}{}): '#' stands for a blank "
                                     "only in the documentation, so these positions hold no valid code",
                                     tag, where, number_signs.size() > 8 ? ", ..." : ""));
        f.position = fmt::format("/{:02}", number_signs.front());
        f.value = full_value(data);
        f.fix = fmt::format("replace every '#' in {} with a blank", tag);
    }
}

} // namespace marcaudit::rules::marc21
