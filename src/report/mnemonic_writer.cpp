#include <algorithm>

#include "marcaudit/record/encoding.hpp"
#include "marcaudit/report/reports.hpp"

namespace marcaudit::report {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";

/// Appends `text`, replacing bytes that are not valid UTF-8 by U+FFFD and escaping what the
/// mnemonic syntax gives a meaning to.
void append_text(std::string_view text, bool blank_as_backslash, bool escape_dollar, std::string& out,
                 bool delimiter_as_dollar = false) {
    while (!text.empty()) {
        const auto bad = record::find_invalid_utf8(text);
        const auto good = text.substr(0, bad);
        for (const char c : good) {
            if (c == ' ' && blank_as_backslash) {
                out.push_back('\\');
            } else if (c == '$' && escape_dollar) {
                out.append("{dollar}");
            } else if (c == record::subfield_delimiter && delimiter_as_dollar) {
                out.push_back('$');
            } else if (c == '\n' || c == '\r') {
                out.push_back(' ');  // a line break would end the field
            } else {
                out.push_back(c);
            }
        }
        if (bad == std::string_view::npos) {
            break;
        }
        out.append(k_replacement);
        text.remove_prefix(bad + 1);
    }
}

} // namespace

void append_mnemonic(const record::RecordView& record, std::string& out) {
    out.append("=LDR  ");
    append_text(record.leader().bytes(), true, false, out);
    out.push_back('\n');
    for (const auto& field : record.fields()) {
        out.push_back('=');
        append_text(field.tag(), false, false, out);
        out.append("  ");
        if (field.is_control()) {
            append_text(field.data(), true, true, out, true);
        } else {
            const auto data = field.data();
            const auto area = data.find(record::subfield_delimiter);
            const auto before = data.substr(0, area);  // the indicators, and stray text if any
            append_text(before.substr(0, 2), true, false, out);
            append_text(before.substr(std::min<std::size_t>(2, before.size())), false, true, out);
            if (area != std::string_view::npos) {
                auto rest = data.substr(area);
                while (!rest.empty()) {
                    // rest starts with a delimiter
                    out.push_back('$');
                    rest.remove_prefix(1);
                    const auto next = rest.find(record::subfield_delimiter);
                    append_text(rest.substr(0, next), false, true, out);
                    rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next);
                }
            }
        }
        out.push_back('\n');
    }
    out.push_back('\n');
}

} // namespace marcaudit::report
