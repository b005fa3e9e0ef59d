#include "rules/identifier/control_number.hpp"

#include <fmt/format.h>

namespace marcaudit::rules::identifier {

namespace {

/// LC's control numbers are LCCNs laid out in fixed positions ("   00012345 ", "n  79021164 ",
/// "sh 85029492 ", older ones with a revision after them: "   75577579 //r91"): their blanks
/// are structure, not padding. An LCCN here: three letters or blanks, then 8 or 10 digits,
/// then nothing, one blank, or a blank and a /-suffix.
bool is_lccn_layout(std::string_view v) noexcept {
    std::size_t i = 0;
    while (i < v.size() && i < 3 && (v[i] == ' ' || (v[i] >= 'a' && v[i] <= 'z'))) {
        ++i;
    }
    if (i != 3 && !(i == 2 && v.size() == 12)) {
        return false;
    }
    std::size_t digits = 0;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') {
        ++i;
        ++digits;
    }
    const auto rest = v.substr(i);
    return (digits == 8 || digits == 10) && (rest.empty() || rest == " " || rest.starts_with(" /"));
}

} // namespace

void ControlNumberMissing::check(const record::RecordView& record, FindingSink& sink) const {
    const auto* f001 = record.first_field("001");
    if (f001 == nullptr) {
        report(record, nullptr, sink,
               "the record has no 001 (control number): it cannot be matched, overlaid or deduplicated by number")
            .fix = "give the record its control number (the vendor's or the system's) in 001";
    } else if (f001->data().find_first_not_of(' ') == std::string_view::npos) {
        Finding& f = report(record, f001, sink, "001 (control number) is empty: the record cannot be matched by number");
        f.fix = "put the record's control number in 001";
    }
}

void ControlNumberPadded::check(const record::RecordView& record, FindingSink& sink) const {
    const auto* f001 = record.first_field("001");
    if (f001 == nullptr) {
        return;
    }
    const auto v = f001->data();
    const auto first = v.find_first_not_of(' ');
    if (first == std::string_view::npos || (first == 0 && !v.ends_with(' ')) || is_lccn_layout(v)) {
        return;
    }
    const auto last = v.find_last_not_of(' ');
    Finding& f = report(record, f001, sink,
                        fmt::format("001 '{}' has {} blank(s) before and {} after the number: a system that matches "
                                    "on 001 (overlays, deduplication, links from 773/776 $w) sees another number",
                                    display_value(v, 40), first, v.size() - 1 - last));
    f.value = full_value(v);
    f.fix = fmt::format("trim the 001 to '{}'", v.substr(first, last - first + 1));
}

void ControlNumberSourceMissing::check(const record::RecordView& record, FindingSink& sink) const {
    const auto* f001 = record.first_field("001");
    if (f001 == nullptr || f001->data().find_first_not_of(' ') == std::string_view::npos ||
        record.first_field("003") != nullptr) {
        return;
    }
    Finding& f = report(record, f001, sink,
                        "001 has no 003 beside it: the record does not say whose control number it is, so it can "
                        "clash with another source's number");
    f.value = full_value(f001->data());
    f.fix = "add 003 with the MARC code of the organization that assigned the 001 (e.g. OCoLC, DLC, the vendor's)";
}

} // namespace marcaudit::rules::identifier
