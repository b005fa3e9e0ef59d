#include "marcaudit/findings/finding.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace marcaudit {

std::string_view to_string(Severity severity) noexcept {
    switch (severity) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "error";
}

void FindingSink::set_control_number(std::string_view control_number) {
    m_control_number.assign(control_number);
    for (std::size_t i = m_first_of_record; i < m_findings.size(); ++i) {
        m_findings[i].control_number = m_control_number;
    }
}

Finding& FindingSink::add(std::string_view rule_id, Severity severity, std::uint64_t byte_offset,
                          std::string message) {
    Finding& f = m_findings.emplace_back();
    f.rule_id = rule_id;
    f.severity = severity;
    f.source_index = m_source_index;
    f.record_number = m_record_number;
    f.byte_offset = byte_offset;
    f.control_number = m_control_number;
    f.message = std::move(message);
    return f;
}

namespace {

/// Length of the valid UTF-8 sequence at the start of `s` (2-4), or 0 when there is none.
std::size_t utf8_sequence_length(std::string_view s) noexcept {
    const auto b0 = static_cast<unsigned char>(s[0]);
    const std::size_t len = b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0;
    if (len == 0 || s.size() < len) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        if ((static_cast<unsigned char>(s[k]) & 0xC0U) != 0x80U) {
            return 0;
        }
    }
    const auto b1 = static_cast<unsigned char>(s[1]);
    if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F) || (b0 == 0xF0 && b1 < 0x90) ||
        (b0 == 0xF4 && b1 > 0x8F)) {
        return 0;  // overlong, surrogate, or above U+10FFFF
    }
    return len;
}

} // namespace

std::string_view trim_blanks(std::string_view value) noexcept {
    while (!value.empty() && value.front() == ' ') {
        value.remove_prefix(1);
    }
    while (!value.empty() && value.back() == ' ') {
        value.remove_suffix(1);
    }
    return value;
}

std::string full_value(std::string_view value) {
    return display_value(value, std::numeric_limits<std::size_t>::max());
}

std::string display_value(std::string_view value, std::size_t max_chars) {
    std::string out;
    out.reserve(std::min(value.size(), max_chars) + 8);
    std::size_t i = 0;
    for (; i < value.size() && out.size() < max_chars; ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        switch (c) {
            case 0x1D: out += "<RT>"; break;   // record terminator
            case 0x1E: out += "<FT>"; break;   // field terminator
            case 0x1F: out += '$'; break;      // subfield delimiter, as catalogers write it
            case 0x1B: out += "<ESC>"; break;
            case '\t': out += "<TAB>"; break;
            case '\r': out += "<CR>"; break;
            case '\n': out += "<LF>"; break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    out += fmt::format("<{:02X}>", c);
                } else if (c >= 0x80) {
                    // Keep whole UTF-8 sequences; show any other high byte in hex, so a
                    // report is always valid UTF-8 (MARC-8 bytes would not be).
                    const std::size_t len = utf8_sequence_length(value.substr(i));
                    if (len == 0) {
                        out += fmt::format("<{:02X}>", c);
                    } else {
                        out.append(value.substr(i, len));
                        i += len - 1;
                    }
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    if (i < value.size()) {
        // Do not leave half a UTF-8 sequence at the cut.
        std::size_t lead = out.size();
        while (lead > 0 && (static_cast<unsigned char>(out[lead - 1]) & 0xC0) == 0x80) {
            --lead;
        }
        if (lead > 0 && lead < out.size() + 1) {
            const auto b = static_cast<unsigned char>(out[lead - 1]);
            const std::size_t expected = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
            if (out.size() - lead < expected) {
                out.resize(lead - 1);
            }
        }
        out += "…";
    }
    return out;
}

} // namespace marcaudit
