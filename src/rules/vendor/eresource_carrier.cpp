#include "rules/vendor/eresource_carrier.hpp"

#include "rules/vendor/eresource.hpp"
#include "rules/vendor/text.hpp"

namespace marcaudit::rules::vendor {

namespace {

/// Whether a 337/338 says `term` ($a) or `code` ($b).
bool says(const record::FieldView& field, std::string_view term, std::string_view code) {
    for (const auto& sf : field.subfields()) {
        auto v = sf.value;
        while (!v.empty() && (v.back() == '.' || v.back() == ' ')) {
            v.remove_suffix(1);
        }
        if ((sf.code == 'a' && equals_ci(v, term)) || (sf.code == 'b' && v == code)) {
            return true;
        }
    }
    return false;
}

} // namespace

void EResourceCarrier::check(const record::RecordView& record, FindingSink& sink) const {
    if (!eresource_signals(record).online_except(EResourceSignals::carrier)) {
        return;
    }
    const record::FieldView* f336 = record.first_field("336");
    bool computer = false;
    bool online = false;
    const record::FieldView* f337 = nullptr;
    const record::FieldView* f338 = nullptr;
    for (const auto& field : record.fields()) {
        if (field.tag() == "337") {
            f337 = f337 != nullptr ? f337 : &field;
            computer = computer || says(field, "computer", "c");
        } else if (field.tag() == "338") {
            f338 = f338 != nullptr ? f338 : &field;
            online = online || says(field, "online resource", "cr");
        }
    }
    const bool rda = is_rda(record);  // 33X are RDA's; an AACR2 record lacks them by rule
    if (f336 == nullptr && rda) {
        report(record, nullptr, sink, "the online resource (an RDA record) has no 336 (content type)")
            .fix = "add 336 with the content (e.g. text $btxt $2rdacontent)";
    }
    if (f337 == nullptr) {
        if (rda) {
            report(record, nullptr, sink, "the online resource (an RDA record) has no 337 (media type)")
                .fix = "add 337 computer $bc $2rdamedia";
        }
    } else if (!computer) {
        Finding& f = report(record, f337, sink,
                            "337 (media type) does not say computer, though the record describes an online resource: "
                            "format facets built from 33X show it as print");
        f.value = full_value(f337->data());
        f.fix = "337 computer $bc $2rdamedia";
    }
    if (f338 == nullptr) {
        if (rda) {
            report(record, nullptr, sink, "the online resource (an RDA record) has no 338 (carrier type)")
                .fix = "add 338 online resource $bcr $2rdacarrier";
        }
    } else if (!online) {
        Finding& f = report(record, f338, sink,
                            "338 (carrier type) does not say online resource, though the record describes one");
        f.value = full_value(f338->data());
        f.fix = "338 online resource $bcr $2rdacarrier";
    }
}

} // namespace marcaudit::rules::vendor
