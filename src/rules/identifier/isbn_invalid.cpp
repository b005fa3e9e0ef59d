#include "rules/identifier/isbn_invalid.hpp"

#include <fmt/format.h>

#include "rules/identifier/standard_numbers.hpp"

namespace marcaudit::rules::identifier {

void IsbnInvalid::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    // 020 $a is the valid ISBN ($z holds cancelled or invalid ones on purpose); the linking
    // entries carry the related item's ISBN in $z.
    const char code = ref.tag == 20 ? 'a' : 'z';
    int nth = 0;
    for (const auto& sf : ref.subfields) {
        if (sf.code != code) {
            continue;
        }
        ++nth;
        const auto n = check_isbn(sf.value);
        if (n.check == NumberCheck::valid) {
            continue;
        }
        Finding* f = nullptr;
        if (n.check == NumberCheck::bad_check_digit) {
            f = &report(ref, sink,
                        fmt::format("{} ${}: the ISBN {} fails its check digit (it would end in {}): a typing error, "
                                    "or a number that is not this book's; searches and vendor matching miss it",
                                    ref.field.tag(), code, n.digits, n.expected));
            f->fix = ref.tag == 20 ? std::string{"check the ISBN against the item; keep a known-invalid ISBN in 020 $z"}
                                   : std::string{"check the related item's ISBN"};
        } else {
            const bool other_ean = n.digits.size() == 13 && n.digits.find('X') == std::string::npos;
            f = &report(ref, sink,
                        other_ean ? fmt::format("{} ${}: {} has 13 digits but is not an ISBN-13 (which starts 978 or 979): "
                                                "another kind of product number",
                                                ref.field.tag(), code, n.digits)
                                  : fmt::format("{} ${}: '{}' is not an ISBN (10 or 13 digits, the last possibly X)",
                                                ref.field.tag(), code, display_value(sf.value, 40)));
            f->fix = ref.tag == 20 ? std::string{"put only the ISBN in $a (qualifiers in $q, price in $c); other numbers "
                                                 "belong in 024"}
                                   : std::string{"correct the ISBN in $z"};
        }
        f->position = nth > 1 ? fmt::format("${}[{}]", code, nth) : fmt::format("${}", code);
        f->value = display_value(sf.value, 60);
    }
}

} // namespace marcaudit::rules::identifier
