#include "rules/marc21/main_entry_repeated.hpp"

#include <fmt/format.h>

#include "rules/marc21/marc21_module.hpp"

namespace marcaudit::rules::marc21 {

void MainEntryRepeated::check(const record::RecordView& record, FindingSink& sink) const {
    // Bibliographic records only (see scope()): an authority record's 1XX is its heading.
    const record::FieldView* first = nullptr;
    std::string tags;
    std::size_t count = 0;
    const record::FieldView* second = nullptr;
    for (const auto& field : record.fields()) {
        const auto tag = field.tag();
        if (tag.size() == 3 && tag[0] == '1' && tag[1] >= '0' && tag[1] <= '9' && tag[2] >= '0' && tag[2] <= '9') {
            ++count;
            if (first == nullptr) {
                first = &field;
            } else if (second == nullptr) {
                second = &field;
            }
        }
    }
    if (count < 2) {
        return;
    }
    for (const auto& field : record.fields()) {  // the rare case: now list the tags
        const auto tag = field.tag();
        if (tag.size() == 3 && tag[0] == '1' && tag[1] >= '0' && tag[1] <= '9' && tag[2] >= '0' && tag[2] <= '9') {
            tags += tags.empty() ? std::string{tag} : ", " + std::string{tag};
        }
    }
    auto& f = report(record, second, sink,
                     fmt::format("the record has {} main entries ({}); a record has at most one 1XX, so "
                                 "author searches and the heading index may show the wrong name",
                                 count, tags));
    f.value = full_value(second->data());
    f.fix = "keep the main entry in one 1XX and move the other names to 7XX added entries";
}

} // namespace marcaudit::rules::marc21
