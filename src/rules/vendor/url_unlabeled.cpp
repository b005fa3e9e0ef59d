#include "rules/vendor/url_unlabeled.hpp"

#include <vector>

#include <fmt/format.h>

namespace marcaudit::rules::vendor {

void UrlUnlabeled::check(const record::RecordView& record, FindingSink& sink) const {
    std::vector<const record::FieldView*> links;
    for (const auto& field : record.fields()) {
        if (field.tag() == "856" && field.indicator(2) == '0' &&
            field.first('u').find_first_not_of(' ') != std::string_view::npos) {
            links.push_back(&field);
        }
    }
    if (links.size() < 2) {
        return;
    }
    for (const auto* field : links) {
        bool labeled = false;
        for (const auto& sf : field->subfields()) {
            labeled = labeled || sf.code == '3' || sf.code == 'z' || sf.code == 'y';
        }
        if (labeled) {
            continue;
        }
        Finding& f = report(record, field, sink,
                            fmt::format("one of {} links to the resource (856, second indicator 0) says nothing about itself: patrons see "
                                        "identical links and cannot tell which provider or part each opens",
                                        links.size()));
        f.value = full_value(field->first('u'));
        f.fix = "label each link: $3 for the part or provider, $z for a note, or $y for the link text";
    }
}

} // namespace marcaudit::rules::vendor
