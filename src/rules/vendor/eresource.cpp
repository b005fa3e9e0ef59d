#include "rules/vendor/eresource.hpp"

#include <array>
#include <cctype>
#include <string>

#include "rules/vendor/text.hpp"

namespace marcaudit::rules::vendor {

namespace {

/// Words in an ISBN's qualifier that name a printed binding.
constexpr std::array<std::string_view, 9> k_print_words{"print", "pbk", "paperback", "paper", "hardcover",
                                                        "hardback", "hbk", "cloth", "hc"};

/// Whether an 020's qualifier ($q, or text after the number in $a) names a print binding.
bool says_print(std::string_view qualifier) {
    // "e-book : print replica" is the e-book.
    for (const std::string_view e : {"ebook", "e-book", "electronic", "online", "pdf", "epub"}) {
        if (contains_ci(qualifier, e)) {
            return false;
        }
    }
    for (const auto w : k_print_words) {
        // Whole words only: "hc" is not "chc", "print" is not "reprint".
        std::size_t at = 0;
        const auto low = to_lower(qualifier);
        while ((at = low.find(w, at)) != std::string::npos) {
            const bool start = at == 0 || std::isalpha(static_cast<unsigned char>(low[at - 1])) == 0;
            const bool end = at + w.size() >= low.size() || std::isalpha(static_cast<unsigned char>(low[at + w.size()])) == 0;
            if (start && end) {
                return true;
            }
            at += w.size();
        }
    }
    return false;
}

} // namespace

bool print_qualifier(const record::FieldView& f020, std::string_view* number) {
    std::string_view a;
    bool print = false;
    for (const auto& sf : f020.subfields()) {
        if (sf.code == 'a' && a.empty()) {
            a = sf.value;
            // A qualifier written into $a after the number (vendor-isbn-qualifier's finding).
            const auto paren = sf.value.find('(');
            print = print || (paren != std::string_view::npos && says_print(sf.value.substr(paren)));
        } else if (sf.code == 'q') {
            print = print || says_print(sf.value);
        }
    }
    if (number != nullptr) {
        *number = a;
    }
    return print && !a.empty();
}

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
            s.has_007_cr = s.has_007_cr || (data.size() > 1 && data[1] == 'r');
        } else if ((tag == "300" || tag == "337" || tag == "338") && !field.first('3').empty()) {
            // $3 (materials specified): the extent or carrier of a part or of a digital
            // surrogate (a photograph's "1 online resource" beside its negative), not the
            // resource the record describes.
            continue;
        } else if (tag == "300") {
            const bool online = contains_ci(field.first('a'), "online resource");
            s.extent_online = s.extent_online || online;
            // Dimensions ("21 cm", "4 3/4 in.") are a physical carrier's.
            const auto size = field.first('c');
            s.carrier_print = s.carrier_print || (!online && (contains_ci(size, "cm") || contains_ci(size, " in.")));
        } else if (tag == "337") {
            for (const auto& sf : field.subfields()) {
                s.carrier_print = s.carrier_print || (sf.code == 'b' && sf.value.starts_with("n")) ||
                                  (sf.code == 'a' && contains_ci(sf.value, "unmediated"));
            }
        } else if (tag == "338") {
            for (const auto& sf : field.subfields()) {
                s.carrier_print = s.carrier_print || (sf.code == 'b' && sf.value.starts_with("nc")) ||
                                  (sf.code == 'a' && contains_ci(sf.value, "volume"));
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

} // namespace marcaudit::rules::vendor
