#pragma once

/// @file
/// The findings of a run, kept compact: a nightly export of millions of records has tens of
/// millions of findings, more than a `std::vector<Finding>` should hold in memory.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "marcaudit/error.hpp"
#include "marcaudit/findings/block_log_iterator.hpp"
#include "marcaudit/findings/finding.hpp"

namespace marcaudit {

/// The findings could not be kept: their temporary file could not be created, written or
/// read (a full disk, most often). The message names the folder and what to do.
class FindingLogError : public Error {
public:
    explicit FindingLogError(const std::string& message) : Error(ExitCode::usage, message) {}
};

/// An append-only list of findings, in the order they were added.
///
/// Findings are encoded as they are added (varints and length-prefixed strings: about 60%
/// of what the `Finding` objects take; the log keeps no Finding), in blocks of
/// `block_size`. A full block is kept in
/// memory until the encoded blocks reach `memory_limit` bytes; later blocks go to an
/// unnamed temporary file (in `TMPDIR`, or /tmp), which the system removes when the log is
/// destroyed or the process ends. Reading decodes one block at a time. Memory for the
/// findings therefore stays under the limit, whatever the size of the run.
///
/// Appending is for one thread. Once appending is over, any number of threads may read at
/// once (iterate, `operator[]`, `block()`).
class FindingLog {
public:
    /// Findings per block: also the unit of the report writers' parallel blocks.
    static constexpr std::size_t block_size = 4096;
    /// Default memory for encoded blocks before they go to the temporary file.
    static constexpr std::size_t default_memory_limit = std::size_t{64} << 20U;

    /// @param memory_limit  bytes of encoded blocks kept in memory (0: every full block
    ///                      goes to the temporary file)
    /// @param spill_dir     where the temporary file goes; empty: TMPDIR, or /tmp
    explicit FindingLog(std::size_t memory_limit, std::filesystem::path spill_dir = {});
    FindingLog() : FindingLog(default_memory_limit) {}
    ~FindingLog();
    FindingLog(FindingLog&&) noexcept;
    FindingLog& operator=(FindingLog&&) noexcept;
    FindingLog(const FindingLog&) = delete;
    FindingLog& operator=(const FindingLog&) = delete;

    /// Adds a finding at the end. `rule_id` must point to a static string (as every rule
    /// id does).
    /// @throws FindingLogError when the temporary file cannot be written (disk full).
    void push_back(const Finding& finding);

    [[nodiscard]] std::size_t size() const noexcept { return m_size; }
    [[nodiscard]] bool empty() const noexcept { return m_size == 0; }

    /// The number of blocks; block `b` holds findings `b * block_size` onwards.
    [[nodiscard]] std::size_t block_count() const noexcept { return (m_size + block_size - 1) / block_size; }

    /// Block `b`, decoded. Costs a decode (and a read, for a block in the file) per call.
    /// @throws FindingLogError when the temporary file cannot be read back.
    [[nodiscard]] std::shared_ptr<const std::vector<Finding>> block(std::size_t b) const;

    /// Finding `i`, by value. Decodes its block, so visit findings in order, or by block.
    [[nodiscard]] Finding operator[](std::size_t i) const;
    /// As operator[], with a bounds check. @throws std::out_of_range
    [[nodiscard]] Finding at(std::size_t i) const;

    /// Calls `visit(i, finding)` for each index `i` of `indexes`, which ascend, decoding
    /// each block that holds one of them once.
    template <typename Visit>
    void visit(const std::vector<std::size_t>& indexes, Visit&& visit) const {
        std::shared_ptr<const std::vector<Finding>> current;
        std::size_t current_block = 0;
        for (const std::size_t i : indexes) {
            if (current == nullptr || i / block_size != current_block) {
                current_block = i / block_size;
                current = block(current_block);
            }
            visit(i, (*current)[i % block_size]);
        }
    }

    /// Bytes of encoded findings in memory, and in the temporary file.
    [[nodiscard]] std::uint64_t bytes_in_memory() const noexcept;
    [[nodiscard]] std::uint64_t bytes_on_disk() const noexcept;

    /// Reads the findings in order, a block at a time (see BlockLogIterator).
    using const_iterator = BlockLogIterator<FindingLog, Finding>;

    [[nodiscard]] const_iterator begin() const { return {this, 0}; }
    [[nodiscard]] const_iterator end() const { return {this, m_size}; }

private:
    struct Store;
    void seal_open_block();

    std::size_t m_size = 0;
    std::unique_ptr<Store> m_store;
};

} // namespace marcaudit
