#pragma once

/// @file
/// Duplicate records across the batch (and against the catalog it joins): records that share
/// a control number, an OCLC number, an ISBN, or that are near-identical (same title, date,
/// publisher, edition and form). Gathered per thread, merged after the last record.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "marcaudit/record/record_view.hpp"
#include "marcaudit/rules/rule.hpp"

namespace marcaudit::identifiers {

/// What duplicate records share.
enum class DuplicateKind : std::uint8_t {
    control_number,  ///< the same 001 (with the same 003, or none)
    oclc_number,     ///< the same OCLC number (035 $a "(OCoLC)...", or 001 with 003 OCoLC)
    isbn,            ///< the same ISBN (020 $a, compared as ISBN-13)
    near_identical,  ///< the same title, date, publisher, edition, type and form of item
};

/// "control-number", "oclc-number", "isbn", "near-identical" (the JSON report's `kind`).
[[nodiscard]] std::string_view to_string(DuplicateKind kind) noexcept;

/// Gathers the duplicate keys of records on one thread (one collector per thread).
class DuplicateCollector {
public:
    /// Gathers the kinds in `kinds` (a bit per DuplicateKind; all by default).
    explicit DuplicateCollector(unsigned kinds = 0xF) noexcept : m_kinds(kinds) {}
    /// Adds a bibliographic record's keys; `in_batch` false for catalog records.
    void add(const record::RecordView& record, bool in_batch);

private:
    friend class DuplicateAnalysis;
    struct Key {
        DuplicateKind kind;
        std::uint32_t record;  ///< index into m_records
        std::string value;
    };
    unsigned m_kinds;
    std::vector<rules::RecordRef> m_records;
    std::vector<bool> m_in_batch;
    std::vector<Key> m_keys;
};

/// A set of records that share a key: at least one of them in the batch.
struct DuplicateGroup {
    DuplicateKind kind = DuplicateKind::control_number;
    std::string value;                  ///< the shared number, or the near-identical key shown
    std::vector<std::uint32_t> records; ///< indexes into DuplicateAnalysis::records(), in input order
};

/// The duplicate groups of a run. Deterministic: the same for any thread count.
class DuplicateAnalysis {
public:
    DuplicateAnalysis() = default;
    /// Merges the collectors (in any order) and finds the groups.
    explicit DuplicateAnalysis(std::span<DuplicateCollector* const> collectors);

    /// The records in some group, in input order (file, record number).
    [[nodiscard]] std::span<const rules::RecordRef> records() const noexcept { return m_records; }
    /// Whether record `i` is in the batch (false: the catalog's).
    [[nodiscard]] bool in_batch(std::uint32_t i) const noexcept { return m_in_batch[i]; }
    /// The groups, by kind, then by their first record.
    [[nodiscard]] std::span<const DuplicateGroup> groups() const noexcept { return m_groups; }

private:
    std::vector<rules::RecordRef> m_records;
    std::vector<bool> m_in_batch;
    std::vector<DuplicateGroup> m_groups;
};

} // namespace marcaudit::identifiers
