#include "rules/vendor/url_empty.hpp"

namespace marcaudit::rules::vendor {

void UrlEmpty::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    const auto& field = ref.field;
    bool has_u = false;
    bool other_address = false;  // $a host (an address given in parts), $h a non-functioning URI
    for (const auto& sf : ref.subfields) {
        other_address = other_address || sf.code == 'a' || sf.code == 'h';
        if (sf.code != 'u') {
            continue;
        }
        has_u = true;
        if (sf.value.find_first_not_of(' ') == std::string_view::npos) {
            Finding& f = report(ref, sink, "856 $u is empty: the link leads nowhere");
            f.position = "$u";
            f.fix = "put the URL in $u, or delete the 856";
        }
    }
    if (!has_u && !other_address) {
        Finding& f = report(ref, sink,
                            "856 has no $u: a link field without an address shows a link that does nothing");
        f.value = full_value(field.data());
        f.fix = "add the URL in $u, or delete the 856";
    }
}

} // namespace marcaudit::rules::vendor
