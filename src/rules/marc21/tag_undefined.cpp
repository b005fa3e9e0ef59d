#include "rules/marc21/tag_undefined.hpp"

#include <fmt/format.h>

namespace marcaudit::rules::marc21 {

void TagUndefined::check_field(const record::RecordView& /*record*/, const FieldRef& ref, FindingSink& sink) const {
    const auto& field = ref.field;
    const Lookup l = lookup(ref);
    if (l.table == nullptr || l.ignored || l.spec != nullptr) {
        return;
    }
    if (field.tag() == "880" && (field.first('6').size() < 3 || tag_number(field.first('6').substr(0, 3)) < 0)) {
        return;  // no usable $6: marc21-linkage-880's finding
    }
    const std::string_view tag = l.linked ? field.first('6').substr(0, 3) : field.tag();
    std::string message;
    if (tag_number(tag) < 0) {
        message = fmt::format("'{}' is not a MARC 21 tag (tags are three digits); systems loading MARC 21 drop "
                              "or reject the field, and its data is lost to searches",
                              display_value(tag, 10));
    } else if (l.linked) {
        message = fmt::format("880 is the other-script form of a {} ($6 {}), but MARC 21 does not define {} "
                              "in {} records", tag, display_value(field.first('6'), 20), tag, l.table->name());
    } else {
        message = fmt::format("{} is not a field MARC 21 defines in {} records; systems drop it or show it "
                              "unlabeled, so its data is lost to searches",
                              tag, l.table->name());
    }
    auto& f = report(ref, sink, std::move(message));
    f.value = full_value(field.data());
    f.fix = tag_number(tag) < 0
                ? std::string{"map the field to a MARC 21 tag, or remove it when exporting: letter tags (Aleph's CAT, "
                              "SYS) are a system's own fields"}
                : std::string{"move the data to the field it belongs in; if the tag is one your library or network "
                              "uses on purpose, list it in the profile's ignore_tags option"};
}

} // namespace marcaudit::rules::marc21
