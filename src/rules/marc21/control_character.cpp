#include "rules/marc21/control_character.hpp"

#include <fmt/format.h>

#include "detail/swar.hpp"

namespace marcaudit::rules::marc21 {

namespace {

std::string_view name_of(unsigned char c) {
    switch (c) {
        case '\t': return "a tab";
        case '\n': return "a line feed";
        case '\r': return "a carriage return";
        case 0x1B: return "an escape (ESC)";
        case 0x00: return "a NUL byte";
        case 0x1D: return "a record terminator";
        case 0x1E: return "a field terminator";
        default: return "a control character";
    }
}

/// Offset of the first byte below 0x20 (the subfield delimiter 0x1F aside) or equal to 0x7F,
/// or npos. Eight bytes at a time: most words hold none of them.
std::size_t find_control(std::string_view data) noexcept {
    std::size_t i = 0;
    for (; i + 8 <= data.size(); i += 8) {
        const std::uint64_t w = detail::load8(data.data() + i);
        // Bytes below 0x1F (every control but the delimiter), or equal to 0x7F.
        if (!detail::has_byte_below(w, 0x1F) && !detail::has_byte(w, 0x7F)) {
            continue;
        }
        for (std::size_t k = i; k < i + 8; ++k) {
            const auto c = static_cast<unsigned char>(data[k]);
            if ((c < 0x20 && c != 0x1F) || c == 0x7F) {
                return k;
            }
        }
    }
    for (; i < data.size(); ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if ((c < 0x20 && c != 0x1F) || c == 0x7F) {
            return i;
        }
    }
    return std::string_view::npos;
}

} // namespace

void ControlCharacter::check_field(const record::RecordView& /*record*/, const FieldRef& ref,
                                   FindingSink& sink) const {
    const auto& field = ref.field;
    {
        const auto data = field.data();
        const auto first = find_control(data);
        for (std::size_t i = first; i < data.size(); ++i) {
            const auto c = static_cast<unsigned char>(data[i]);
            // The subfield delimiter is structure in a data field, not a character.
            // The subfield delimiter is structure, not text (in a control field it is
            // marc21-control-field-subfields' finding).
            if ((c >= 0x20 && c != 0x7F) || c == 0x1F) {
                continue;
            }
            auto& f = report(ref, sink,
                             fmt::format("{} has {} (0x{:02X}) in its data; catalogs show it as a box or "
                                         "break the display there, and searches do not match across it",
                                         field.tag(), name_of(c), c));
            f.byte_offset += i;
            f.value = full_value(data.substr(i > 20 ? i - 20 : 0, 50));
            const bool fixed_length = field.tag() == "006" || field.tag() == "007" || field.tag() == "008";
            f.fix = fixed_length ? "replace it with the code it stands for, or a blank (| where no attempt to code "
                                   "is allowed): deleting it would shift every later position"
                    : c == '\t' || c == '\n' || c == '\r' ? "replace it (and any line break next to it) with one blank"
                                                           : "delete it";
            break;  // one finding per field
        }
    }
}

} // namespace marcaudit::rules::marc21
