#pragma once

/// @file
/// Builds records whose bytes are not a ready ISO 2709 record: MARCXML and mnemonic records,
/// and MARC-8 records decoded to UTF-8. Also serializes a record back to ISO 2709.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "marcaudit/record/record_view.hpp"

namespace marcaudit::record {

/// Accumulates one record's leader and fields in one arena, then hands out views into it.
/// Reused from record to record by one thread: `reset()` keeps the capacity.
class RecordBuilder {
public:
    void reset() {
        m_arena.clear();
        m_fields.clear();
        m_leader_len = 0;
    }
    /// Must be called first, before any field.
    void set_leader(std::string_view leader);
    void begin_field(std::string_view tag, std::uint64_t byte_offset);
    void append(std::string_view bytes) { m_arena.append(bytes); }
    void append(char c) { m_arena.push_back(c); }
    std::string& arena() noexcept { return m_arena; }
    void end_field();

    /// The leader as set.
    [[nodiscard]] std::string_view leader() const noexcept {
        return std::string_view{m_arena}.substr(0, m_leader_len);
    }
    /// Writes views of the built fields into `out` (cleared first). They stay valid until
    /// the next change to this builder.
    void views(std::vector<FieldView>& out) const;

private:
    struct Pending {
        std::uint32_t tag_offset;
        std::uint32_t data_offset;
        std::uint32_t data_length;
        std::uint64_t byte_offset;
    };
    std::string m_arena;
    std::vector<Pending> m_fields;
    std::uint32_t m_leader_len = 0;
};

/// Serializes a record as ISO 2709, recomputing the record length, base address and
/// directory. Used for tests and for exporting repaired records.
[[nodiscard]] std::string to_iso2709(const RecordView& record);

} // namespace marcaudit::record
