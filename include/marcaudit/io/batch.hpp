#pragma once

/// @file
/// A batch: a run of whole records cut from one input, not yet parsed.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "marcaudit/findings/finding.hpp"
#include "marcaudit/io/input.hpp"

namespace marcaudit::io {

/// What the splitter noticed about where a record ends.
enum class RecordEnd : std::uint8_t {
    as_declared,           ///< leader length and record terminator agree
    terminator_elsewhere,  ///< the terminator is not where the leader length says
    next_leader,           ///< no terminator; the next record's leader starts where declared
    end_of_input,          ///< the input ended before any terminator (truncated record)
    too_long,              ///< no terminator within the scan limit: cut at the limit
};

/// One record's bytes, as cut by the splitter. For ISO 2709 the bytes include the record
/// terminator when there is one; for MARCXML they are the `<record>` element; for mnemonic
/// text the record's lines.
struct RawRecord {
    std::string_view bytes;
    std::uint64_t byte_offset = 0;     ///< where the record starts in the input
    std::uint64_t record_number = 0;   ///< 1-based position in its input
    std::uint64_t skipped_offset = 0;  ///< where the filler bytes before it start
    std::uint64_t skipped_before = 0;  ///< filler bytes skipped just before the record
    std::uint32_t line = 0;            ///< text formats: line of the first byte (1-based)
    std::uint32_t column = 1;          ///< text formats: column of the first byte (1-based)
    RecordEnd end = RecordEnd::as_declared;
};

/// A move-only run of whole records from one input. It keeps the bytes alive.
struct Batch {
    std::shared_ptr<const void> owner;
    std::uint32_t source_index = 0;
    Format format = Format::iso2709;
    std::vector<RawRecord> records;
    /// Findings about the input between records (junk text, trailing bytes): record number 0.
    std::vector<Finding> file_findings;
    std::uint64_t bytes_end = 0;  ///< input offset just past this batch, for progress
    bool mapped = false;          ///< the bytes are a memory mapping (see io::release_pages)

    Batch() = default;
    Batch(Batch&&) = default;
    Batch& operator=(Batch&&) = default;
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;
};

} // namespace marcaudit::io
