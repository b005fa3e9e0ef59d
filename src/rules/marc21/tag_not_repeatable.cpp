#include "rules/marc21/tag_not_repeatable.hpp"

#include <fmt/format.h>

namespace marcaudit::rules::marc21 {

namespace {

std::string fix_for(std::string_view tag) {
    if (tag == "245") {
        return "keep one 245; move other titles to 246 (varying form of title) or 740";
    }
    if (tag == "008") {
        return "keep the 008 that matches Leader/06-07; put other material characteristics in 006";
    }
    if (tag == "001" || tag == "003" || tag == "005") {
        return fmt::format("keep the current {} and delete the other; move an older control number to 035", tag);
    }
    return fmt::format("merge the {} fields into one, or move the extra data to the field it belongs in", tag);
}

} // namespace

void TagNotRepeatable::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    if (ref.occurrence != 2) {
        return;  // one finding per tag and record, at the second occurrence
    }
    const auto& field = ref.field;
    const Lookup l = judged(ref);
    if (l.spec == nullptr || l.linked || l.spec->repeatable) {
        return;
    }
    const auto tag = field.tag();
    if (tag[0] == '1' && record::kind_of(record.leader()) == record::RecordKind::bibliographic) {
        return;  // two main entries: marc21-main-entry-repeated's finding
    }
    std::size_t count = 0;
    for (const auto& other : record.fields()) {
        count += other.tag() == tag ? 1U : 0U;
    }
    auto& f = report(ref, sink,
                     fmt::format("the record has {} {} fields, but {} is not repeatable: systems keep one "
                                 "and drop or merge the others",
                                 count, label(l, field), tag));
    f.value = full_value(field.data());
    f.fix = fix_for(tag);
}

} // namespace marcaudit::rules::marc21
