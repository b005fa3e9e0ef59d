#include "rules/marc21/linkage_880.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace marcaudit::rules::marc21 {

namespace {

/// A parsed $6: "245-01/(N/r" → tag 245, occurrence "01".
struct Link {
    std::string_view tag;
    std::string_view occurrence;
    bool valid = false;
};

Link parse_link(std::string_view six) {
    Link l;
    if (six.size() < 6 || six[3] != '-') {
        return l;
    }
    auto digits = [](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    l.tag = six.substr(0, 3);
    l.occurrence = six.substr(4, 2);
    l.valid = digits(l.tag) && digits(l.occurrence);
    return l;
}

} // namespace

void Linkage880::check(const record::RecordView& record, FindingSink& sink) const {
    // Cheap first: most records have no $6 at all.
    bool any = false;
    for (const auto& field : record.fields()) {
        // $6 is the first subfield of a field (MARC 21 Appendix A): look only there.
        const auto data = field.data();
        if (field.tag() == "880" ||
            (!field.is_control() && data.size() > 3 && data[2] == record::subfield_delimiter && data[3] == '6')) {
            any = true;
            break;
        }
    }
    if (!any) {
        return;
    }
    struct Linked {
        const record::FieldView* field;
        Link link;
    };
    std::vector<Linked> regular;  // non-880 fields with a $6 naming 880
    std::vector<Linked> others;   // 880 fields with a valid $6
    for (const auto& field : record.fields()) {
        if (field.is_control()) {
            continue;
        }
        const auto six = field.first('6');
        if (field.tag() == "880") {
            const Link link = parse_link(six);
            if (!link.valid) {
                auto& f = report(record, &field, sink,
                                 six.empty() ? std::string{"880 has no $6, so nothing says which field it is the "
                                                           "other-script form of; it displays unattached or not at all"}
                                             : fmt::format("880 $6 is '{}', which is not a linkage (tag-occurrence, "
                                                           "e.g. 245-01); the field cannot be paired",
                                                           display_value(six, 20)));
                f.position = "$6";
                f.value = full_value(field.data());
                f.fix = "give the 880 a $6 as its first subfield: the tag it stands for, a hyphen and the occurrence "
                        "number shared with that field (245-01), or 00 when it has no partner";
                continue;
            }
            others.push_back({&field, link});
        } else if (!six.empty()) {
            const Link link = parse_link(six);
            if (link.valid && link.tag == "880") {
                regular.push_back({&field, link});
            }
        }
    }
    // Each 880 with occurrence NN (not 00) needs exactly one partner TTT with $6 880-NN.
    for (const auto& o : others) {
        if (o.link.occurrence == "00") {
            continue;  // an 880 without a partner field, allowed
        }
        std::size_t partners = 0;
        for (const auto& r : regular) {
            partners += r.field->tag() == o.link.tag && r.link.occurrence == o.link.occurrence ? 1U : 0U;
        }
        std::size_t twins = 0;  // other 880s claiming the same partner
        for (const auto& o2 : others) {
            twins += o2.link.tag == o.link.tag && o2.link.occurrence == o.link.occurrence ? 1U : 0U;
        }
        if (partners == 1 && twins == 1) {
            continue;
        }
        std::string message = partners == 0
                                  ? fmt::format("880 $6 {}-{} points at a {} with $6 880-{}, but the record has none: "
                                                "the other-script form displays apart from its field",
                                                o.link.tag, o.link.occurrence, o.link.tag, o.link.occurrence)
                                  : fmt::format("880 $6 {}-{} is ambiguous: {} {} field{} and {} 880 fields share "
                                                "occurrence number {}, so systems may pair the wrong fields",
                                                o.link.tag, o.link.occurrence, partners, o.link.tag,
                                                partners == 1 ? "" : "s", twins, o.link.occurrence);
        auto& f = report(record, o.field, sink, std::move(message));
        f.position = "$6";
        f.value = full_value(o.field->data());
        f.fix = "make each pair share one occurrence number, unique in the record: TTT $6 880-NN and 880 $6 TTT-NN";
    }
    // And each field pointing at 880-NN needs its 880.
    for (const auto& r : regular) {
        std::size_t partners = 0;
        for (const auto& o : others) {
            partners += o.link.tag == r.field->tag() && o.link.occurrence == r.link.occurrence ? 1U : 0U;
        }
        if (partners != 0) {
            continue;  // several: reported from the 880 side
        }
        auto& f = report(record, r.field, sink,
                         fmt::format("{} $6 880-{} points at an 880 with $6 {}-{}, but the record has none: the "
                                     "other-script form is missing or numbered differently",
                                     r.field->tag(), r.link.occurrence, r.field->tag(), r.link.occurrence));
        f.position = "$6";
        f.value = full_value(r.field->data());
        f.fix = "correct the occurrence number so the two fields point at each other, or delete the $6 when the "
                "880 is gone";
    }
}

} // namespace marcaudit::rules::marc21
