#include "rules/marc21/subfield_undefined.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace marcaudit::rules::marc21 {

void SubfieldUndefined::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    const auto& field = ref.field;
    if (field.is_control()) {
        return;
    }
    const Lookup l = judged(ref);
    if (l.spec == nullptr) {
        return;  // not in the tables, ignored, or obsolete (marc21-obsolete's finding)
    }
    std::array<bool, 256> reported{};
    for (const auto& sf : ref.subfields) {
        if (sf.code == 0 || sf.code == '9') {
            continue;  // no code: marc21-subfield-empty's finding; $9 is left to local use
        }
        const auto code = static_cast<unsigned char>(sf.code);
        if (l.spec->subfield(sf.code).defined != Defined::no || reported[code]) {
            continue;
        }
        reported[code] = true;
        const bool upper = sf.code >= 'A' && sf.code <= 'Z';
        const std::string shown = code < 0x20 || code >= 0x7F ? fmt::format("0x{:02X}", code) : std::string(1, sf.code);
        auto& f = report(ref, sink,
                         fmt::format("{} has ${}, a subfield MARC 21 does not define for it{}; systems drop "
                                     "it or file it with the wrong data",
                                     label(l, field), shown, upper ? " (subfield codes are lowercase)" : ""));
        f.position = "$" + shown;
        f.value = full_value(sf.value);
        const char lower = upper ? static_cast<char>(sf.code - 'A' + 'a') : sf.code;
        const bool lower_taken = std::any_of(ref.subfields.begin(), ref.subfields.end(),
                                             [&](const auto& other) { return other.code == lower; });
        f.fix = upper && l.spec->subfield(lower).defined == Defined::yes &&
                        (!lower_taken || l.spec->subfield(lower).repeatable)
                    ? fmt::format("change ${} to ${}", sf.code, static_cast<char>(sf.code - 'A' + 'a'))
                    : fmt::format("move the data to the subfield it belongs in ({} defines {})", l.spec->tag,
                                  l.spec->defined_codes());
    }
}

} // namespace marcaudit::rules::marc21
