#include "marcaudit/record/builder.hpp"

#include <fmt/format.h>

namespace marcaudit::record {

void RecordBuilder::set_leader(std::string_view leader) {
    m_arena.assign(leader);
    m_leader_len = static_cast<std::uint32_t>(leader.size());
}

void RecordBuilder::begin_field(std::string_view tag, std::uint64_t byte_offset) {
    const auto tag_offset = static_cast<std::uint32_t>(m_arena.size());
    m_arena.append(tag);
    m_fields.push_back(Pending{tag_offset, static_cast<std::uint32_t>(m_arena.size()), 0, byte_offset});
}

void RecordBuilder::end_field() {
    auto& f = m_fields.back();
    f.data_length = static_cast<std::uint32_t>(m_arena.size()) - f.data_offset;
}

void RecordBuilder::views(std::vector<FieldView>& out) const {
    out.clear();
    out.reserve(m_fields.size());
    const std::string_view arena{m_arena};
    for (const auto& f : m_fields) {
        out.emplace_back(arena.substr(f.tag_offset, f.data_offset - f.tag_offset),
                         arena.substr(f.data_offset, f.data_length), f.byte_offset);
    }
}

std::string to_iso2709(const RecordView& record) {
    std::string directory;
    std::string data;
    for (const auto& f : record.fields()) {
        const auto start = data.size();
        data.append(f.data());
        data.push_back(field_terminator);
        std::string tag{f.tag().substr(0, 3)};
        tag.resize(3, ' ');
        directory += fmt::format("{}{:04d}{:05d}", tag, (data.size() - start) % 10000, start % 100000);
    }
    directory.push_back(field_terminator);
    std::string leader{record.leader().bytes().substr(0, 24)};
    leader.resize(24, ' ');
    const auto base = 24 + directory.size();
    const auto length = base + data.size() + 1;
    leader.replace(0, 5, fmt::format("{:05d}", length % 100000));
    leader.replace(12, 5, fmt::format("{:05d}", base % 100000));
    std::string out;
    out.reserve(length);
    out += leader;
    out += directory;
    out += data;
    out.push_back(record_terminator);
    return out;
}

} // namespace marcaudit::record
