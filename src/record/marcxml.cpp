// MARCXML (MARC 21 XML schema) records, one <record> element at a time, with pugixml.
// Element names are matched by local name, so any namespace prefix (or none) is accepted.

#include <algorithm>
#include <cstring>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "marcaudit/record/encoding.hpp"
#include "marcaudit/record/readers.hpp"
#include "marcaudit/findings/checks.hpp"

namespace marcaudit::record {

namespace {

[[nodiscard]] std::string_view local_name(const char* name) noexcept {
    const std::string_view s{name};
    const auto colon = s.find(':');
    return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

/// Line and column (1-based) of `pos` in the record text, counting from the record's line.
struct Position {
    std::uint32_t line;
    std::size_t column;
};
Position position_of(const io::RawRecord& raw, std::ptrdiff_t pos) {
    const auto upto = raw.bytes.substr(0, static_cast<std::size_t>(std::max<std::ptrdiff_t>(pos, 0)));
    const auto lines = static_cast<std::uint32_t>(std::count(upto.begin(), upto.end(), '\n'));
    const auto last_nl = upto.rfind('\n');
    const std::size_t column = last_nl == std::string_view::npos ? raw.column + upto.size() : upto.size() - last_nl;
    return Position{raw.line + lines, column};
}

thread_local pugi::xml_document t_document;

} // namespace

ParseResult parse_marcxml(const io::RawRecord& raw, RecordBuilder& builder, std::vector<FieldView>& fields,
                          FindingSink& sink) {
    fields.clear();
    builder.reset();
    ParseResult result;
    pugi::xml_document& doc = t_document;
    const auto parsed = doc.load_buffer(raw.bytes.data(), raw.bytes.size(),
                                        pugi::parse_default | pugi::parse_ws_pcdata_single,
                                        pugi::encoding_utf8);
    if (!parsed) {
        const auto pos = position_of(raw, parsed.offset);
        result.rejected = true;
        result.reject_offset = raw.byte_offset + static_cast<std::uint64_t>(std::max<std::ptrdiff_t>(parsed.offset, 0));
        result.reason = fmt::format("XML not well-formed at line {}, column {}: {}{}. Fix the XML "
                                    "(or ask the sender for a corrected file); the other records "
                                    "were read",
                                    pos.line, pos.column, parsed.description(),
                                    raw.end == io::RecordEnd::end_of_input ? " (the file ends before this record's end tag)"
                                    : raw.end == io::RecordEnd::next_leader
                                        ? " (the record has no end tag: the next <record> starts before it ends)"
                                        : "");
        return result;
    }
    // pugixml accepts what XML forbids: control characters and invalid UTF-8. Report them
    // (other tools reject the whole file) and read on.
    std::size_t reported = 0;
    for (std::size_t i = 0; i < raw.bytes.size() && reported < 10; ++i) {
        const auto c = static_cast<unsigned char>(raw.bytes[i]);
        if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            if (c < 0x80) {
                continue;
            }
            if (find_invalid_utf8(raw.bytes.substr(i, 4)) != 0) {
                i += c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;  // a whole valid sequence
                continue;
            }
        }
        const auto pos = position_of(raw, static_cast<std::ptrdiff_t>(i));
        ++reported;
        checks::report(sink, checks::xml_invalid, raw.byte_offset + i,
                 fmt::format("line {}, column {}: {} 0x{:02X} is not allowed in XML; XML parsers will "
                             "reject the whole file",
                             pos.line, pos.column, c < 0x80 ? "the control character" : "the byte (not UTF-8)", c))
            .fix = c < 0x80 ? "remove the character (or replace it with what was meant)" : "save the file as UTF-8";
    }
    const pugi::xml_node record = doc.document_element();
    auto where = [&](const pugi::xml_node& node) {
        return raw.byte_offset + static_cast<std::uint64_t>(std::max<std::ptrdiff_t>(node.offset_debug(), 0));
    };
    auto problem = [&](const pugi::xml_node& node, std::string what) -> Finding& {
        const auto pos = position_of(raw, node.offset_debug());
        return checks::report(sink, checks::xml_invalid,
                        where(node), fmt::format("line {}: {}", pos.line, what));
    };

    // The leader comes first in a MARC record whatever its place in the XML.
    pugi::xml_node leader;
    for (const pugi::xml_node& n : record.children()) {
        if (n.type() == pugi::node_element && local_name(n.name()) == "leader") {
            leader = n;
            break;
        }
    }
    const std::string_view leader_text = leader ? leader.child_value() : "";
    builder.set_leader(leader_text);
    if (!leader) {
        problem(record, "the record has no <leader>; a blank one was assumed").fix = "add the leader";
    } else if (leader_text.size() != 24) {
        auto& f = checks::report(sink, checks::leader_invalid,
                           where(leader),
                           fmt::format("the leader has {} characters; it must have exactly 24", leader_text.size()));
        f.tag = "LDR";
        f.value = display_value(leader_text);
        f.fix = "correct the leader to 24 characters";
    }

    for (const pugi::xml_node& node : record.children()) {
        if (node.type() != pugi::node_element) {
            if (node.type() == pugi::node_pcdata && !std::all_of(node.value(), node.value() + std::strlen(node.value()),
                                                                 [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; })) {
                problem(node, fmt::format("text directly inside <record>: \"{}\"; it is ignored",
                                          display_value(node.value(), 40)));
            }
            continue;
        }
        const auto name = local_name(node.name());
        if (name == "leader") {
            continue;
        }
        if (name == "controlfield") {
            const pugi::xml_attribute tag = node.attribute("tag");
            if (!tag) {
                problem(node, fmt::format("<controlfield> without a tag attribute (value \"{}\"); kept "
                                          "with an empty tag",
                                          display_value(node.child_value(), 40)))
                    .fix = "add the tag";
            }
            builder.begin_field(tag.value(), where(node));
            builder.append(node.child_value());
            builder.end_field();
            continue;
        }
        if (name == "datafield") {
            const pugi::xml_attribute tag = node.attribute("tag");
            if (!tag) {
                problem(node, "<datafield> without a tag attribute; kept with an empty tag").fix = "add the tag";
            }
            builder.begin_field(tag.value(), where(node));
            for (const char* ind : {"ind1", "ind2"}) {
                const std::string_view v = node.attribute(ind).value();
                if (!node.attribute(ind)) {
                    problem(node, fmt::format("<datafield tag=\"{}\"> without an {} attribute; blank assumed",
                                              tag.value(), ind));
                }
                if (v.size() > 1) {
                    problem(node, fmt::format("<datafield tag=\"{}\"> has {}=\"{}\": an indicator is one "
                                              "character; the first was kept",
                                              tag.value(), ind, display_value(v)))
                        .fix = "give the indicator one character (a blank when undefined)";
                }
                builder.append(v.empty() ? ' ' : v.front());
            }
            for (const pugi::xml_node& sf : node.children()) {
                if (sf.type() != pugi::node_element) {
                    continue;
                }
                if (local_name(sf.name()) != "subfield") {
                    problem(sf, fmt::format("unexpected element <{}> in <datafield tag=\"{}\"> (only "
                                            "<subfield> belongs there); its text \"{}\" is ignored",
                                            sf.name(), tag.value(), display_value(sf.child_value(), 40)))
                        .fix = "rename it to <subfield> with a code attribute";
                    continue;
                }
                const pugi::xml_attribute code = sf.attribute("code");
                const std::string_view c = code.value();
                if (c.empty()) {
                    problem(sf, fmt::format("<subfield> in field {} without a code attribute (value \"{}\"); "
                                            "kept with a blank code",
                                            tag.value(), display_value(sf.child_value(), 40)))
                        .fix = "add the subfield code";
                }
                if (c.size() > 1) {
                    problem(sf, fmt::format("<subfield code=\"{}\"> in field {}: a subfield code is one "
                                            "character; the first was kept",
                                            display_value(c), tag.value()))
                        .fix = "give the subfield a one-character code";
                }
                builder.append(subfield_delimiter);
                builder.append(c.empty() ? ' ' : c.front());
                builder.append(sf.child_value());
            }
            builder.end_field();
            continue;
        }
        problem(node, fmt::format("unexpected element <{}> in <record>; it is ignored", node.name()));
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
