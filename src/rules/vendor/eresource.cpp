#include "rules/vendor/eresource.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace marcaudit::rules::vendor {

namespace {

bool contains_ci(std::string_view text, std::string_view word) {
    auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    const auto it = std::search(text.begin(), text.end(), word.begin(), word.end(),
                                [&](char a, char b) { return lower(a) == lower(b); });
    return it != text.end();
}

} // namespace

std::size_t form_of_item_position(const record::RecordView& record) noexcept {
    switch (record.leader().type_of_record()) {
        case 'e': case 'f': case 'g': case 'k': case 'o': case 'r': return 29;
        default: return 23;
    }
}

EResourceSignals eresource_signals(const record::RecordView& record) {
    EResourceSignals s;
    if (record::kind_of(record.leader()) != record::RecordKind::bibliographic) {
        return s;
    }
    const auto form_at = form_of_item_position(record);
    for (const auto& field : record.fields()) {
        const auto tag = field.tag();
        const auto data = field.data();
        if (tag == "008" && data.size() > form_at) {
            s.form_online = data[form_at] == 'o';
        } else if (tag == "006" && data.size() > 6 && data[0] == 'm' && data[6] == 'o') {
            s.has_006_m = true;
        } else if (tag == "007" && !data.empty() && data[0] == 'c') {
            s.has_007_c = true;
        } else if (tag == "300") {
            s.extent_online = s.extent_online || contains_ci(field.first('a'), "online resource");
        } else if (tag == "338") {
            for (const auto& sf : field.subfields()) {
                s.carrier_online = s.carrier_online || (sf.code == 'b' && sf.value.starts_with("cr")) ||
                                   (sf.code == 'a' && contains_ci(sf.value, "online resource"));
            }
        }
    }
    return s;
}

bool is_rda(const record::RecordView& record) {
    // 040 $e rda: Leader/18 i only says ISBD punctuation is included, which AACR2 records say too.
    if (const auto* f040 = record.first_field("040"); f040 != nullptr) {
        for (const auto& sf : f040->subfields()) {
            if (sf.code == 'e' && sf.value.starts_with("rda")) {
                return true;
            }
        }
    }
    return false;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) noexcept {
    while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
    }
    if (text.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) {
            return false;
        }
    }
    return true;
}

} // namespace marcaudit::rules::vendor
