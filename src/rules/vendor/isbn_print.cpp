#include "rules/vendor/isbn_print.hpp"

#include <fmt/format.h>

#include "rules/vendor/eresource.hpp"

namespace marcaudit::rules::vendor {

void IsbnPrint::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    std::string_view number;
    if (!print_qualifier(ref.field, &number) || !eresource_signals(record).online_except(0)) {
        return;
    }
    Finding& f = report(ref, sink,
                        "020 $a holds a print ISBN (its qualifier names a printed binding) in the record of an online "
                        "resource: loads and link resolvers match the e-book on it, and patrons find the print "
                        "edition's number");
    f.position = "$a";
    f.value = full_value(ref.field.data());
    f.fix = "move the print ISBN to 020 $z (or to 776 08 $z with the print version), keep e-ISBNs in $a";
}

} // namespace marcaudit::rules::vendor
