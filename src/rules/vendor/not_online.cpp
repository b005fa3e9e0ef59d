#include "rules/vendor/not_online.hpp"

#include <string>

#include <fmt/format.h>

#include "rules/vendor/eresource.hpp"

namespace marcaudit::rules::vendor {

// Online by any of the provider-neutral signals (008 form o, a 006 for an online file, 300
// "online resource", 338 cr); a 007 cr counts too, as the record then at least says it is
// remote. Only a record with none of them describes something else.
void NotOnline::check(const record::RecordView& record, FindingSink& sink) const {
    const auto s = eresource_signals(record);
    if (s.online_except(0) || s.has_007_cr) {
        return;
    }
    std::string what;
    if (const auto* f300 = record.first_field("300"); f300 != nullptr) {
        what = fmt::format(" (300: '{}')", display_value(f300->first('a'), 40));
    }
    const char level = record.leader().encoding_level();
    const std::string_view order = level == 'z' || level == '5' ? ", and its encoding level is an order record's" : "";
    std::string message;
    if (s.has_006_m) {
        // A print record that links its scan: the 006 is the online copy's.
        message = fmt::format("the record describes a printed resource{} whose 300, 337 or 338 give a physical "
                              "carrier; its 006 for an online file is the linked copy's: loaded with the e-books it "
                              "shows patrons the print edition, not the e-book{}",
                              what, order);
    } else {
        message = fmt::format("the record describes no online resource{}: no 008 form of item o, no 006 or 007 for an "
                              "online file, no '1 online resource' in 300 and no 338 cr{}; loaded with the e-books it "
                              "shows patrons a print book, or an order",
                              what, order);
    }
    Finding& f = report(record, nullptr, sink, std::move(message));
    f.fix = "leave the record out of the load and ask the vendor for the e-book's record";
}

} // namespace marcaudit::rules::vendor
