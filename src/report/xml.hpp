#pragma once

/// @file
/// Escaping text for XML and HTML (the MARCXML, JUnit and HTML writers).

#include <string>
#include <string_view>

namespace marcaudit::report::detail {

/// Appends `text` with & < > " escaped, fit for element text and double-quoted attributes.
/// With `replace_controls`, control characters XML 1.0 cannot carry (all below U+0020 but
/// tab, line feed and carriage return) become U+FFFD; without, they are written as they are.
inline void append_xml_escaped(std::string_view text, std::string& out, bool replace_controls = false) {
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default:
                if (replace_controls && static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    out += "\xEF\xBF\xBD";
                } else {
                    out.push_back(c);
                }
        }
    }
}

/// `text` escaped as append_xml_escaped() does.
[[nodiscard]] inline std::string xml_escaped(std::string_view text, bool replace_controls = false) {
    std::string out;
    out.reserve(text.size() + 8);
    append_xml_escaped(text, out, replace_controls);
    return out;
}

} // namespace marcaudit::report::detail
