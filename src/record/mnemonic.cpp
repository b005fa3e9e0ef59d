// MarcEdit mnemonic text: one field a line, `=TAG  data`; `\` stands for a blank in the
// leader, control fields and indicators; `$` introduces a subfield; `{dollar}` is a literal $.

#include <algorithm>

#include <fmt/format.h>

#include "marcaudit/record/readers.hpp"
#include "marcaudit/findings/checks.hpp"

namespace marcaudit::record {

namespace {

void append_unescaped(RecordBuilder& builder, std::string_view text, bool backslash_is_blank,
                      bool dollar_is_delimiter = false) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' && backslash_is_blank) {
            builder.append(' ');
        } else if (c == '$' && dollar_is_delimiter) {
            builder.append(subfield_delimiter);  // a delimiter where none belongs: kept, for the rules
        } else if (c == '{' && text.substr(i).starts_with("{dollar}")) {
            builder.append('$');
            i += 7;
        } else {
            builder.append(c);
        }
    }
}

} // namespace

ParseResult parse_mnemonic(const io::RawRecord& raw, RecordBuilder& builder, std::vector<FieldView>& fields,
                           FindingSink& sink) {
    fields.clear();
    builder.reset();
    ParseResult result;
    std::string_view text = raw.bytes;
    std::uint32_t line_number = raw.line;
    bool first = true;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto nl = text.find('\n', pos);
        const auto end = nl == std::string_view::npos ? text.size() : nl;
        std::string_view line = text.substr(pos, end - pos);
        const std::uint64_t line_offset = raw.byte_offset + pos;
        pos = end + 1;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        const auto this_line = line_number++;
        if (first) {
            first = false;
            // The splitter guarantees the record starts with "=LDR".
            std::string_view leader = line.size() > 6 ? line.substr(6) : std::string_view{};
            std::string ldr;
            for (const char c : leader) {
                ldr.push_back(c == '\\' ? ' ' : c);
            }
            builder.set_leader(ldr);
            if (ldr.size() != 24) {
                auto& f = checks::report(sink, checks::leader_invalid,
                                   line_offset,
                                   fmt::format("line {}: the leader has {} characters; it must have exactly 24",
                                               this_line, ldr.size()));
                f.tag = "LDR";
                f.value = display_value(ldr);
                f.fix = "correct the leader to 24 characters (\\ for each blank)";
            }
            continue;
        }
        if (line.find_first_not_of(" \t") == std::string_view::npos) {
            continue;  // blank lines separate records
        }
        if (line.size() < 4 || line[0] != '=') {
            auto& f = checks::report(sink, checks::mnemonic_line_invalid, line_offset,
                               fmt::format("line {} is not a field (=TAG  data); it is ignored", this_line));
            f.value = display_value(line, 60);
            f.fix = "start the line with = and a three-character tag, or join it to the line above";
            continue;
        }
        const std::string_view tag = line.substr(1, 3);
        std::string_view data = line.substr(4);
        if (data.starts_with("  ")) {
            data.remove_prefix(2);
        } else if (!data.empty()) {
            auto& f = checks::report(sink, checks::mnemonic_line_invalid, line_offset,
                               fmt::format("line {}: the tag {} must be followed by two blanks", this_line, tag));
            f.tag = tag;
            f.value = display_value(line, 60);
            f.fix = "put two blanks between the tag and the data: =TAG  data";
            data = data.substr(data.find_first_not_of(' ') == std::string_view::npos ? data.size()
                                                                                     : data.find_first_not_of(' '));
        }
        builder.begin_field(tag, line_offset);
        const bool control = tag.size() == 3 && tag[0] == '0' && tag[1] == '0';
        if (control) {
            append_unescaped(builder, data, true, true);
        } else {
            const auto first_sf = data.find('$');
            const auto indicators = data.substr(0, std::min<std::size_t>(2, first_sf));
            for (std::size_t i = 0; i < 2; ++i) {
                builder.append(i < indicators.size() ? (indicators[i] == '\\' ? ' ' : indicators[i]) : ' ');
            }
            // Text between the indicators and the first $ is no subfield; keep it in the
            // field (as a MARC record would hold it) rather than lose it, and say so.
            const auto stray = data.substr(indicators.size(), first_sf == std::string_view::npos
                                                                  ? std::string_view::npos
                                                                  : first_sf - indicators.size());
            append_unescaped(builder, stray, false);
            if (indicators.size() != 2 || !stray.empty()) {
                auto& f = checks::report(sink, checks::mnemonic_line_invalid, line_offset,
                                   fmt::format("line {}: field {} must have exactly two indicators (\\ for a "
                                               "blank) and then subfields, each starting with $; {}",
                                               this_line, tag,
                                               stray.empty() ? std::string{"the missing indicators were taken as blank"}
                                                             : fmt::format("the text \"{}\" before the first $ "
                                                                           "was kept, outside any subfield",
                                                                           display_value(stray, 30))));
                f.tag = tag;
                f.value = display_value(line, 60);
                f.fix = "write the line as =TAG  12$aText";
            }
            if (first_sf != std::string_view::npos) {
                std::size_t p = first_sf;
                while (p != std::string_view::npos) {
                    const auto next = data.find('$', p + 1);
                    const auto piece = data.substr(p + 1, next == std::string_view::npos ? next : next - p - 1);
                    builder.append(subfield_delimiter);
                    append_unescaped(builder, piece, false);
                    p = next;
                }
            }
        }
        builder.end_field();
    }
    builder.views(fields);
    result.leader = LeaderView{builder.leader()};
    if (fields.empty()) {
        checks::report(sink, checks::no_fields, raw.byte_offset,
                 "the record has no fields")
            .fix = "delete the record or replace it with a complete copy";
    }
    return result;
}

} // namespace marcaudit::record
