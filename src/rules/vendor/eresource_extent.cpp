#include "rules/vendor/eresource_extent.hpp"

#include "rules/vendor/eresource.hpp"

namespace marcaudit::rules::vendor {

void EResourceExtent::check(const record::RecordView& record, FindingSink& sink) const {
    const auto signals = eresource_signals(record);
    if (signals.extent_online || !signals.online_except(EResourceSignals::extent) || !is_rda(record)) {
        return;  // AACR2 described remote resources without an extent
    }
    const auto* f300 = record.first_field("300");
    if (f300 == nullptr) {
        report(record, nullptr, sink, "the online resource has no 300: its extent is not recorded")
            .fix = "add 300 $a1 online resource (with the pages in parentheses: 1 online resource (xii, 300 pages))";
        return;
    }
    Finding& f = report(record, f300, sink,
                        "300 describes a print or other carrier, not \"1 online resource\": patrons read the extent of "
                        "a book they cannot hold");
    f.value = full_value(f300->data());
    f.fix = "describe the extent as 1 online resource (xii, 300 pages)";
}

} // namespace marcaudit::rules::vendor
