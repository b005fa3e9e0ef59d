#pragma once

/// @file
/// Non-owning views of one MARC record: leader, fields and subfields.
///
/// Every view is a trivially copyable wrapper around `std::string_view`s into bytes owned by
/// the batch the record came from (or, for a MARC-8 record, by the worker's decode buffer).
/// A view is valid while the record it came from is being processed; copy what must outlive it.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace marcaudit::record {

inline constexpr char subfield_delimiter = '\x1F';
inline constexpr char field_terminator = '\x1E';
inline constexpr char record_terminator = '\x1D';

/// The 24-byte leader. Positions are as in MARC 21 (0-based).
class LeaderView {
public:
    LeaderView() = default;
    explicit LeaderView(std::string_view bytes) noexcept : m_bytes(bytes) {}

    /// The leader bytes (24 in a well-formed record; fewer or more when damaged).
    [[nodiscard]] std::string_view bytes() const noexcept { return m_bytes; }
    /// The byte at `pos`, or a blank when the leader is too short.
    [[nodiscard]] char at(std::size_t pos) const noexcept {
        return pos < m_bytes.size() ? m_bytes[pos] : ' ';
    }
    [[nodiscard]] char record_status() const noexcept { return at(5); }
    [[nodiscard]] char type_of_record() const noexcept { return at(6); }
    [[nodiscard]] char bibliographic_level() const noexcept { return at(7); }
    /// Leader/09: blank = MARC-8, `a` = UCS/Unicode (UTF-8).
    [[nodiscard]] char character_coding() const noexcept { return at(9); }
    [[nodiscard]] char encoding_level() const noexcept { return at(17); }

private:
    std::string_view m_bytes;
};

/// The MARC 21 format a record belongs to, from Leader/06 (type of record).
enum class RecordKind : std::uint8_t {
    bibliographic = 0,  ///< a c d e f g i j k m o p r t (and the obsolete b h n); also unknown codes
    authority = 1,      ///< z
    holdings = 2,       ///< u v x y
    classification = 3, ///< w
    community = 4,      ///< q
};
inline constexpr int record_kind_count = 5;

/// The format of a record with this leader. An invalid Leader/06 counts as bibliographic, the
/// format nearly every batch is in; the leader check reports the code itself.
[[nodiscard]] inline RecordKind kind_of(LeaderView leader) noexcept {
    switch (leader.type_of_record()) {
        case 'z': return RecordKind::authority;
        case 'u': case 'v': case 'x': case 'y': return RecordKind::holdings;
        case 'w': return RecordKind::classification;
        case 'q': return RecordKind::community;
        default: return RecordKind::bibliographic;
    }
}

/// The numeric value of a three-digit tag ("245" → 245), or -1 for anything else.
[[nodiscard]] constexpr int tag_number(std::string_view tag) noexcept {
    if (tag.size() != 3) {
        return -1;
    }
    int n = 0;
    for (char c : tag) {
        if (c < '0' || c > '9') {
            return -1;
        }
        n = n * 10 + (c - '0');
    }
    return n;
}

/// One subfield: its code and its value (without delimiter and code).
struct SubfieldView {
    char code = 0;
    std::string_view value;
};

/// Iterates the subfields of a data field's subfield area.
class SubfieldRange {
public:
    class iterator {
    public:
        using value_type = SubfieldView;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        explicit iterator(std::string_view rest) noexcept : m_rest(rest) { load(); }
        [[nodiscard]] const SubfieldView& operator*() const noexcept { return m_current; }
        [[nodiscard]] const SubfieldView* operator->() const noexcept { return &m_current; }
        iterator& operator++() noexcept { load(); return *this; }
        iterator operator++(int) noexcept { auto copy = *this; load(); return copy; }
        [[nodiscard]] bool operator==(const iterator& other) const noexcept {
            return m_done == other.m_done && (m_done || m_rest.data() == other.m_rest.data());
        }

    private:
        void load() noexcept;
        std::string_view m_rest;
        SubfieldView m_current;
        bool m_done = true;
    };

    explicit SubfieldRange(std::string_view area) noexcept : m_area(area) {}
    [[nodiscard]] iterator begin() const noexcept { return iterator{m_area}; }
    [[nodiscard]] iterator end() const noexcept { return iterator{}; }

private:
    std::string_view m_area;
};

/// Appends the subfields of a data field's `data` (indicators first, as FieldView::data()) to
/// `out`: the same subfields, in the same order, as FieldView::subfields() yields, found in
/// one pass eight bytes at a time. For callers that read a field's subfields several times.
void split_subfields(std::string_view data, std::vector<SubfieldView>& out);

/// One variable field: a control field (00X: just data) or a data field (two indicators,
/// then subfields each introduced by the 0x1F delimiter and a one-byte code).
class FieldView {
public:
    FieldView() = default;
    FieldView(std::string_view tag, std::string_view data, std::uint64_t byte_offset) noexcept
        : m_tag(tag), m_data(data), m_byte_offset(byte_offset) {}

    /// The three-character tag as written in the record (may be damaged: not always digits).
    [[nodiscard]] std::string_view tag() const noexcept { return m_tag; }
    /// Everything between the directory's start position and the field terminator.
    [[nodiscard]] std::string_view data() const noexcept { return m_data; }
    /// Where the field's data starts in the input, for messages.
    [[nodiscard]] std::uint64_t byte_offset() const noexcept { return m_byte_offset; }

    /// Control fields are 001-009 (tags `00` followed by any character).
    [[nodiscard]] bool is_control() const noexcept {
        return m_tag.size() == 3 && m_tag[0] == '0' && m_tag[1] == '0';
    }
    /// The first or second indicator (`which` 1 or 2), blank when absent.
    [[nodiscard]] char indicator(int which) const noexcept;
    /// The subfield area: from the first delimiter to the end of the field.
    [[nodiscard]] std::string_view subfield_area() const noexcept;
    [[nodiscard]] SubfieldRange subfields() const noexcept { return SubfieldRange{subfield_area()}; }
    /// The value of the first subfield with `code`, or an empty view.
    [[nodiscard]] std::string_view first(char code) const noexcept;

    void set_data(std::string_view data) noexcept { m_data = data; }

private:
    std::string_view m_tag;
    std::string_view m_data;
    std::uint64_t m_byte_offset = 0;
};

/// What the record's bytes turned out to be, after looking at Leader/09 and the bytes.
enum class Encoding : std::uint8_t {
    ascii,         ///< only 7-bit bytes: MARC-8 and UTF-8 alike
    utf8,          ///< UTF-8 (valid, or with invalid bytes reported as a finding)
    marc8,         ///< MARC-8, decoded to UTF-8 for the views
};

/// One record: its leader, its fields in record order, and where it came from.
class RecordView {
public:
    RecordView() = default;
    RecordView(LeaderView leader, std::span<const FieldView> fields, std::uint32_t source_index,
               std::uint64_t record_number, std::uint64_t byte_offset, Encoding encoding) noexcept
        : m_leader(leader), m_fields(fields), m_source_index(source_index),
          m_record_number(record_number), m_byte_offset(byte_offset), m_encoding(encoding) {}

    [[nodiscard]] LeaderView leader() const noexcept { return m_leader; }
    [[nodiscard]] std::span<const FieldView> fields() const noexcept { return m_fields; }
    [[nodiscard]] std::uint32_t source_index() const noexcept { return m_source_index; }
    /// 1-based position of the record in its file.
    [[nodiscard]] std::uint64_t record_number() const noexcept { return m_record_number; }
    /// Where the record starts in the input (for MARCXML: the `<record>` start tag).
    [[nodiscard]] std::uint64_t byte_offset() const noexcept { return m_byte_offset; }
    /// The encoding the field data was read as. Field data is always UTF-8 (or ASCII) here.
    [[nodiscard]] Encoding encoding() const noexcept { return m_encoding; }

    /// The first field with `tag`, or nullptr.
    [[nodiscard]] const FieldView* first_field(std::string_view tag) const noexcept;
    /// The 001 control number, or an empty view.
    [[nodiscard]] std::string_view control_number() const noexcept;

private:
    LeaderView m_leader;
    std::span<const FieldView> m_fields;
    std::uint32_t m_source_index = 0;
    std::uint64_t m_record_number = 0;
    std::uint64_t m_byte_offset = 0;
    Encoding m_encoding = Encoding::ascii;
};

} // namespace marcaudit::record
