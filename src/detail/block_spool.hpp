#pragma once

// Sealed blocks of encoded items (findings, record tallies) for the logs that keep a run's
// results without holding them all in memory: blocks stay in memory up to a limit, later
// ones go to an unnamed temporary file (in TMPDIR, or /tmp) that the system removes when
// the spool is destroyed or the process ends. Added to by one thread; read by any number
// once adding is over.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace marcaudit::detail {

class BlockSpool {
public:
    /// @param memory_limit  bytes of blocks (by capacity) kept in memory
    /// @param dir           where the file goes; empty: TMPDIR, or /tmp
    /// @param what          what the blocks hold, for messages ("findings")
    BlockSpool(std::size_t memory_limit, std::filesystem::path dir, std::string what);
    ~BlockSpool();
    BlockSpool(const BlockSpool&) = delete;
    BlockSpool& operator=(const BlockSpool&) = delete;

    /// Adds a block. @throws FindingLogError when the file cannot be created or written.
    void add(std::string&& bytes);

    [[nodiscard]] std::size_t size() const noexcept { return m_blocks.size(); }

    /// Block `b`: a view into memory, or into `buffer` once read from the file.
    /// @throws FindingLogError when the file cannot be read.
    [[nodiscard]] std::string_view view(std::size_t b, std::string& buffer) const;

    [[nodiscard]] std::uint64_t bytes_in_memory() const noexcept { return m_memory_bytes; }
    [[nodiscard]] std::uint64_t bytes_on_disk() const noexcept { return m_disk_bytes; }

private:
    struct Block {
        std::string bytes;              ///< the block, when in memory
        std::uint64_t file_offset = 0;  ///< where it is in the file, when not
        std::uint64_t file_size = 0;
        bool on_disk = false;
    };
    void open_file();

    std::size_t m_memory_limit;
    std::filesystem::path m_dir;
    std::string m_what;
    std::vector<Block> m_blocks;
    std::uint64_t m_memory_bytes = 0;
    std::uint64_t m_disk_bytes = 0;
    int m_fd = -1;
};

} // namespace marcaudit::detail
