#include "rules/marc21/fixed_field_missing.hpp"

#include <fmt/format.h>

namespace marcaudit::rules::marc21 {

void FixedFieldMissing::check(const record::RecordView& record, FindingSink& sink) const {
    if (record.fields().empty() || record.first_field("008") != nullptr) {
        return;  // a record without fields is structure-no-fields'
    }
    auto& f = report(record, nullptr, sink,
                     "the record has no 008: its dates, language, place of publication and form of item are not "
                     "coded, so date, language and format limits and facets leave it out, and loads that check "
                     "008 reject it");
    f.tag = "008";
    f.fix = "add the 008 for the record's type (from the item, or from another record of it)";
}

// The size ISO 2709 would give the record: the leader, a 12-byte directory entry per field,
// the directory's terminator, each field and its terminator, and the record terminator. A
// MARC-8 record is measured in the UTF-8 it was converted to, which is at least as long.
void RecordTooLong::check(const record::RecordView& record, FindingSink& sink) const {
    std::size_t length = 24 + 1 + 1;
    const record::FieldView* longest = nullptr;
    for (const auto& field : record.fields()) {
        length += 12 + field.data().size() + 1;
        if (longest == nullptr || field.data().size() > longest->data().size()) {
            longest = &field;
        }
    }
    const bool field_too_long = longest != nullptr && longest->data().size() + 1 > 9999;
    if (length <= 99999 && !field_too_long) {
        return;
    }
    std::string message;
    if (length > 99999) {
        message = fmt::format("the record would be {} bytes as ISO 2709 (.mrc), over the 99,999 its leader can count: "
                              "exported as MARC it is cut, split or refused",
                              length);
    } else {
        message = fmt::format("{} is {} bytes, over the 9,999 an ISO 2709 directory entry can count: exported as MARC "
                              "(.mrc) the record is refused or the field cut",
                              longest->tag(), longest->data().size() + 1);
    }
    auto& f = report(record, field_too_long ? longest : nullptr, sink, std::move(message));
    f.value = fmt::format("{} bytes", field_too_long ? longest->data().size() + 1 : length);
    f.fix = "split the long notes (505, 520) into several fields, or move the full text to a linked file (856); "
            "keep the record as MARCXML where it must stay whole";
}

} // namespace marcaudit::rules::marc21
