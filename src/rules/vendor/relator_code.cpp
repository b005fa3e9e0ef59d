#include "rules/vendor/relator_code.hpp"

#include <fmt/format.h>

#include "rules/vendor/relators.hpp"
#include "rules/vendor/text.hpp"

namespace marcaudit::rules::vendor {

void RelatorCode::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    const auto& lists = relators();
    for (const auto& sf : ref.subfields) {
        if (sf.code != '4') {
            continue;
        }
        auto value = trim_blanks(sf.value);
        while (!value.empty() && (value.back() == '.' || value.back() == ',')) {
            value.remove_suffix(1);
        }
        // Since 2017 $4 may hold a relationship URI instead of a code.
        if (value.empty() || starts_with_ci(value, "http://") || starts_with_ci(value, "https://") ||
            lists.codes.contains(value)) {
            continue;
        }
        std::string message;
        std::string fix;
        if (const auto it = lists.obsolete.find(value); it != lists.obsolete.end()) {
            message = fmt::format("{} $4 '{}' is a discontinued relator code", ref.field.tag(), value);
            fix = it->second.empty() ? std::string{"use a current code from the MARC Code List for Relators"}
                                     : fmt::format("$4{}", it->second);
        } else if (const auto low = to_lower(value); low != value && lists.codes.contains(low)) {
            message = fmt::format("{} $4 '{}' is written in capitals: relator codes are lower case, and systems "
                                  "compare them as written",
                                  ref.field.tag(), value);
            fix = fmt::format("$4{}", low);
        } else {
            message = fmt::format("{} $4 '{}' is not on the MARC Code List for Relators: systems cannot tell the "
                                  "person's role",
                                  ref.field.tag(), display_value(value, 30));
            fix = "use a three-letter code from the MARC Code List for Relators (aut, edt, ill, trl ...)";
        }
        Finding& f = report(ref, sink, std::move(message));
        f.position = "$4";
        f.value = full_value(sf.value);
        f.fix = std::move(fix);
    }
}

} // namespace marcaudit::rules::vendor
