#include "rules/marc21/obsolete.hpp"

#include <array>

#include <fmt/format.h>

#include "rules/marc21/marc21_module.hpp"

namespace marcaudit::rules::marc21 {

void Obsolete::check(const record::RecordView& record, FindingSink& sink) const {
    const FormatTable* table = m_tables.for_kind(record::kind_of(record.leader()));
    if (table == nullptr) {
        return;
    }
    const auto bytes = record.leader().bytes();
    check_positions(table->leader(), bytes, [&](const PositionSpec& p, unsigned i, Defined status) {
        if (status != Defined::obsolete) {
            return;
        }
        auto& f = report(record, nullptr, sink,
                         fmt::format("Leader{} ({}) is {}, a code MARC 21 has made obsolete; current codes: {}",
                                     p.label(), p.name, show_code(bytes[i]), p.values));
        f.tag = "LDR";
        f.position = p.label();
        f.value = full_value(bytes);
        f.fix = fmt::format("recode Leader{} with a current code", p.label());
    }, true);
}

void Obsolete::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    const auto& field = ref.field;
    const Lookup l = lookup(ref);
    if (l.spec == nullptr) {  // not in the tables, or ignored
        return;
    }
    if (l.spec->defined == Defined::obsolete) {
        auto& f = report(ref, sink,
                         fmt::format("{} is a field MARC 21 has made obsolete; current systems may not index "
                                     "or display it",
                                     label(l, field)));
        f.value = full_value(field.data());
        f.fix = "move the data to the field that replaced it (see the field's page in the MARC 21 format)";
        return;  // its parts are obsolete with it
    }
    if (field.is_control()) {
        const auto data = field.data();
        std::string_view type;
        auto on_bad = [&](const PositionSpec& p, unsigned i, Defined status) {
            if (status != Defined::obsolete) {
                return;
            }
            auto& f = report(ref, sink,
                             fmt::format("{}{} ({}) is {}, a code MARC 21 has made obsolete; current codes: {}",
                                         field.tag(), p.label(), p.name, show_code(data[i]), p.values));
            f.position = fmt::format("/{:02}", i);
            f.value = full_value(data);
            f.fix = fmt::format("recode {}/{:02} with a current code", field.tag(), i);
        };
        if (data.empty()) {
            return;
        }
        if (field.tag() == "008") {
            const auto [all, specific] = l.table->field008(record.leader(), type);
            check_positions(*all, data, on_bad, true);
            if (specific != nullptr) {
                check_positions(*specific, data, on_bad, true);
            }
        } else if (field.tag() == "006") {
            if (const auto* specs = l.table->field006(data[0], type)) {
                check_positions(*specs, data, on_bad, true);
            }
        } else if (field.tag() == "007") {
            if (const auto* specs = l.table->field007(data[0])) {
                check_positions(*specs, data, on_bad, true);
            }
        }
        return;
    }
    if (!l.spec->has_obsolete_parts) {
        return;  // nothing in this field's definition is obsolete
    }
    for (int which = 1; which <= 2; ++which) {
        const char c = field.indicator(which);
        if (l.spec->indicator(which, c) != Defined::obsolete) {
            continue;
        }
        auto& f = report(ref, sink,
                         fmt::format("{} {} indicator {} is a value MARC 21 has made obsolete; current values: {}",
                                     label(l, field), which == 1 ? "first" : "second", show_code(c),
                                     l.spec->indicator_values(which)));
        f.position = which == 1 ? "ind1" : "ind2";
        f.value = full_value(field.data());
        f.fix = fmt::format("recode the {} indicator with a current value", which == 1 ? "first" : "second");
    }
    std::array<bool, 128> reported{};
    for (const auto& sf : ref.subfields) {
        const auto code = static_cast<unsigned char>(sf.code);
        if (code == 0 || code >= 128 || reported[code] || l.spec->subfield(sf.code).defined != Defined::obsolete) {
            continue;
        }
        reported[code] = true;
        auto& f = report(ref, sink,
                         fmt::format("{} has ${}, a subfield MARC 21 has made obsolete for this field", label(l, field),
                                     sf.code));
        f.position = fmt::format("${}", sf.code);
        f.value = full_value(sf.value);
        f.fix = fmt::format("move the data in ${} to the subfield that replaced it", sf.code);
    }
}

} // namespace marcaudit::rules::marc21
