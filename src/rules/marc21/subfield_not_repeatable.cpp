#include "rules/marc21/subfield_not_repeatable.hpp"

#include <array>
#include <cstdint>

#include <fmt/format.h>

namespace marcaudit::rules::marc21 {

void SubfieldNotRepeatable::check_field(const record::RecordView& /*record*/, const FieldRef& ref,
                                        FindingSink& sink) const {
    const auto& field = ref.field;
    if (field.is_control()) {
        return;
    }
    const Lookup l = judged(ref);
    if (l.spec == nullptr) {
        return;  // not in the tables, ignored, or obsolete (marc21-obsolete's finding)
    }
    std::array<std::uint8_t, 128> seen{};
    for (const auto& sf : ref.subfields) {
        const auto code = static_cast<unsigned char>(sf.code);
        if (code == 0 || code >= 128) {
            continue;
        }
        const auto& spec = l.spec->subfield(sf.code);
        if (spec.defined == Defined::no || spec.repeatable || ++seen[code] != 2) {
            continue;  // undefined: marc21-subfield-undefined's; one finding per code
        }
        std::size_t count = 0;
        for (const auto& other : ref.subfields) {
            count += other.code == sf.code ? 1U : 0U;
        }
        const auto name = l.spec->subfield_names.find(sf.code);
        auto& f = report(ref, sink,
                         fmt::format("{} has ${} {} times, but ${}{} is not repeatable: systems keep the first "
                                     "and drop or run together the others",
                                     label(l, field), sf.code, count, sf.code,
                                     name != l.spec->subfield_names.end() ? " (" + name->second + ")" : ""));
        f.position = fmt::format("${}[2]", sf.code);
        f.value = full_value(sf.value);
        f.fix = l.spec->repeatable
                    ? fmt::format("keep one ${}; move the other value to a second {} field, or to the subfield it "
                                  "belongs in",
                                  sf.code, l.spec->tag)
                    : fmt::format("keep one ${}; move the other value to the subfield or field it belongs in",
                                  sf.code);
    }
}

} // namespace marcaudit::rules::marc21
