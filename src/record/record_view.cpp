#include "marcaudit/record/record_view.hpp"

#include "detail/swar.hpp"

namespace marcaudit::record {

void SubfieldRange::iterator::load() noexcept {
    // m_rest starts at a delimiter (or is empty); bytes before the first delimiter are skipped.
    while (!m_rest.empty() && m_rest.front() != subfield_delimiter) {
        m_rest.remove_prefix(1);  // bytes before the first delimiter are not a subfield
    }
    if (m_rest.empty()) {
        m_done = true;
        m_current = {};
        return;
    }
    m_done = false;
    m_rest.remove_prefix(1);  // the delimiter
    if (m_rest.empty()) {
        m_current = SubfieldView{0, {}};  // a delimiter at the very end: empty, codeless
        return;
    }
    if (m_rest.front() == subfield_delimiter) {
        // "$$b": a delimiter with no code. Yield it as an empty, codeless subfield and leave
        // the second delimiter to start the next one, so $b is not swallowed.
        m_current = SubfieldView{0, {}};
        return;
    }
    const char code = m_rest.front();
    m_rest.remove_prefix(1);
    const auto end = m_rest.find(subfield_delimiter);
    const auto value = m_rest.substr(0, end);
    m_rest.remove_prefix(value.size());
    m_current = SubfieldView{code, value};
}

namespace {

/// Offset of the first subfield delimiter in `s` at or after `from`, or s.size().
std::size_t next_delimiter(std::string_view s, std::size_t from) noexcept {
    std::size_t i = from;
    for (; i + 8 <= s.size(); i += 8) {
        if (detail::has_byte(detail::load8(s.data() + i), static_cast<unsigned char>(subfield_delimiter))) {
            break;
        }
    }
    for (; i < s.size(); ++i) {
        if (s[i] == subfield_delimiter) {
            return i;
        }
    }
    return s.size();
}

} // namespace

void split_subfields(std::string_view data, std::vector<SubfieldView>& out) {
    std::size_t at = next_delimiter(data, 0);  // bytes before the first delimiter are not a subfield
    while (at < data.size()) {
        // data[at] is a delimiter.
        if (at + 1 == data.size() || data[at + 1] == subfield_delimiter) {
            out.push_back(SubfieldView{0, {}});  // at the very end, or "$$b": empty and codeless
            ++at;
            continue;
        }
        const std::size_t end = next_delimiter(data, at + 2);
        out.push_back(SubfieldView{data[at + 1], data.substr(at + 2, end - at - 2)});
        at = end;
    }
}

char FieldView::indicator(int which) const noexcept {
    const auto pos = static_cast<std::size_t>(which - 1);
    const auto area_start = m_data.find(subfield_delimiter);
    const auto limit = area_start == std::string_view::npos ? m_data.size() : area_start;
    return pos < limit && pos < 2 ? m_data[pos] : ' ';
}

std::string_view FieldView::subfield_area() const noexcept {
    const auto start = m_data.find(subfield_delimiter);
    return start == std::string_view::npos ? std::string_view{} : m_data.substr(start);
}

std::string_view FieldView::first(char code) const noexcept {
    for (const auto& sf : subfields()) {
        if (sf.code == code) {
            return sf.value;
        }
    }
    return {};
}

const FieldView* RecordView::first_field(std::string_view tag) const noexcept {
    for (const auto& f : m_fields) {
        if (f.tag() == tag) {
            return &f;
        }
    }
    return nullptr;
}

std::string_view RecordView::control_number() const noexcept {
    const FieldView* f = first_field("001");
    return f != nullptr ? f->data() : std::string_view{};
}

} // namespace marcaudit::record
