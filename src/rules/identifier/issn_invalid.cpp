#include "rules/identifier/issn_invalid.hpp"

#include <fmt/format.h>

#include "rules/identifier/standard_numbers.hpp"

namespace marcaudit::rules::identifier {

void IssnInvalid::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    // 022 $a; elsewhere $x, in the fields that define it as the ISSN: 440, 490, the added
    // entries 700/710/711/730, the linking entries 760-787 and the series 800/810/811/830.
    const int t = ref.tag;
    const bool issn_field = t == 22 || t == 440 || t == 490 || t == 700 || t == 710 || t == 711 || t == 730 ||
                            (t >= 760 && t <= 787) || t == 800 || t == 810 || t == 811 || t == 830;
    if (!issn_field) {
        return;
    }
    const char code = ref.tag == 22 ? 'a' : 'x';
    int nth = 0;
    for (const auto& sf : ref.subfields) {
        if (sf.code != code) {
            continue;
        }
        ++nth;
        const auto n = check_issn(sf.value);
        if (n.check == NumberCheck::valid) {
            continue;
        }
        Finding& f = report(ref, sink,
                            n.check == NumberCheck::bad_check_digit
                                ? fmt::format("{} ${}: the ISSN {}-{} fails its check digit (it would end in {}): a typing "
                                              "error, or another serial's number",
                                              ref.field.tag(), code, n.digits.substr(0, 4), n.digits.substr(4), n.expected)
                                : fmt::format("{} ${}: '{}' is not an ISSN (8 digits, NNNN-NNNN, the last possibly X)",
                                              ref.field.tag(), code, display_value(sf.value, 40)));
        f.fix = n.check != NumberCheck::bad_check_digit ? std::string{"put only the ISSN in the subfield"}
                : ref.tag == 22 ? std::string{"check the ISSN against the ISSN Portal; keep an incorrect ISSN in 022 $y"}
                                : std::string{"check the ISSN against the ISSN Portal (or the serial's own record)"};
        f.position = nth > 1 ? fmt::format("${}[{}]", code, nth) : fmt::format("${}", code);
        f.value = full_value(sf.value);
    }
}

} // namespace marcaudit::rules::identifier
