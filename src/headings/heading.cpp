#include "marcaudit/headings/heading.hpp"

#include <array>

#include "marcaudit/headings/naco.hpp"

namespace marcaudit::headings {

namespace {

struct TagInfo {
    HeadingKind kind;
    bool subject;  ///< 6XX: the vocabulary comes from the second indicator and $2
};

/// The heading fields, by tag number; kind of heading and whether it is a subject field.
bool heading_tag(int n, TagInfo& info) noexcept {
    switch (n) {
        case 100: case 700: case 800: info = {HeadingKind::personal_name, false}; return true;
        case 110: case 710: case 810: info = {HeadingKind::corporate_name, false}; return true;
        case 111: case 711: case 811: info = {HeadingKind::meeting_name, false}; return true;
        case 130: case 240: case 730: case 830: info = {HeadingKind::uniform_title, false}; return true;
        case 440: case 740: info = {HeadingKind::title, false}; return true;
        case 600: info = {HeadingKind::personal_name, true}; return true;
        case 610: info = {HeadingKind::corporate_name, true}; return true;
        case 611: info = {HeadingKind::meeting_name, true}; return true;
        case 630: info = {HeadingKind::uniform_title, true}; return true;
        case 647: info = {HeadingKind::event, true}; return true;
        case 648: info = {HeadingKind::chronological, true}; return true;
        case 650: info = {HeadingKind::topical, true}; return true;
        case 651: info = {HeadingKind::geographic, true}; return true;
        case 655: info = {HeadingKind::genre, true}; return true;
        default: return false;
    }
}

/// Subfields that are part of a heading: letters, except relator terms ($e; $j in meeting
/// names, where $e is a subordinate unit), relationship information ($i), materials ($3 is
/// a digit anyway) and, in 740, nothing else is excluded.
bool part_of_heading(char code, HeadingKind kind) noexcept {
    if (code < 'a' || code > 'z') {
        return false;  // $0-$9: identifiers, sources, control subfields
    }
    if (code == 'i') {
        return false;
    }
    if (kind == HeadingKind::meeting_name) {
        return code != 'j';
    }
    return code != 'e';
}

std::string vocabulary_of(const record::FieldView& field, const TagInfo& info,
                          std::span<const record::SubfieldView> subfields) {
    if (!info.subject) {
        return "name";
    }
    switch (field.indicator(2)) {
        case '0': return "lcsh";
        case '1': return "lcac";
        case '2': return "mesh";
        case '3': return "nal";
        case '4': return "unspecified";
        case '5': return "cash";
        case '6': return "rvm";
        case '7':
            for (const auto& sf : subfields) {
                if (sf.code == '2') {
                    return std::string{sf.value};
                }
            }
            return "unspecified";
        default: return "unspecified";
    }
}

} // namespace

std::string_view to_string(HeadingKind kind) noexcept {
    switch (kind) {
        case HeadingKind::personal_name: return "personal name";
        case HeadingKind::corporate_name: return "corporate name";
        case HeadingKind::meeting_name: return "meeting name";
        case HeadingKind::uniform_title: return "uniform title";
        case HeadingKind::title: return "title";
        case HeadingKind::event: return "named event";
        case HeadingKind::chronological: return "chronological term";
        case HeadingKind::topical: return "topical term";
        case HeadingKind::geographic: return "geographic name";
        case HeadingKind::genre: return "genre/form term";
    }
    return "heading";
}

void extract_headings(const record::RecordView& record, std::vector<Heading>& out) {
    std::array<std::uint16_t, 1000> seen{};
    std::vector<record::SubfieldView> subfields;
    std::string codes;
    const auto fields = record.fields();
    for (std::uint32_t i = 0; i < fields.size(); ++i) {
        const auto& field = fields[i];
        int n = record::tag_number(field.tag());
        if (n < 0) {
            continue;
        }
        const std::uint32_t occurrence = ++seen[static_cast<std::size_t>(n)];
        std::string tag{field.tag()};
        if (n == 880) {
            // Paired with its field: that field is the heading. Unpaired (occurrence 00): it
            // stands for the field its $6 names.
            const auto six = field.first('6');
            if (six.size() < 6 || six.substr(4, 2) != "00") {
                continue;
            }
            n = record::tag_number(six.substr(0, 3));
            tag = std::string{six.substr(0, 3)};
        }
        TagInfo info{};
        if (n < 0 || !heading_tag(n, info)) {
            continue;
        }
        subfields.clear();
        record::split_subfields(field.data(), subfields);
        Heading h;
        h.tag = std::move(tag);
        h.field_index = i;
        h.occurrence = occurrence;
        h.kind = info.kind;
        codes.clear();
        for (const auto& sf : subfields) {
            if (sf.code == '0' || sf.code == '1') {
                h.identifiers.emplace_back(sf.value);
            }
            if (!part_of_heading(sf.code, info.kind) || (n == 740 && sf.code != 'a' && sf.code != 'n' && sf.code != 'p')) {
                continue;
            }
            if (codes.find(sf.code) == std::string::npos) {
                codes.push_back(sf.code);
            }
            if (!h.display.empty()) {
                h.display.push_back(' ');
            }
            h.display += sf.value;
        }
        if (h.display.empty()) {
            continue;  // no heading text: marc21-subfield-empty and friends report the field
        }
        h.key = naco_key(subfields, codes);
        h.vocabulary = vocabulary_of(field, info, subfields);
        out.push_back(std::move(h));
    }
}

} // namespace marcaudit::headings
