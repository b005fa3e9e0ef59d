#include "detail/block_spool.hpp"

#include <cerrno>
#include <cstdlib>  // mkstemp
#include <cstring>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "marcaudit/findings/finding_log.hpp"  // FindingLogError

namespace marcaudit::detail {

BlockSpool::BlockSpool(std::size_t memory_limit, std::filesystem::path dir, std::string what)
    : m_memory_limit(memory_limit), m_dir(std::move(dir)), m_what(std::move(what)) {}

BlockSpool::~BlockSpool() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

void BlockSpool::open_file() {
    if (m_dir.empty()) {
        std::error_code ec;
        m_dir = std::filesystem::temp_directory_path(ec);
        if (m_dir.empty()) {
            m_dir = "/tmp";
        }
    }
    std::string name = (m_dir / ("marcaudit-" + m_what + "-XXXXXX")).string();
    m_fd = ::mkstemp(name.data());
    if (m_fd < 0) {
        throw FindingLogError(fmt::format("cannot create a temporary file for the {} in {}: {} (set TMPDIR to a "
                                          "folder with room to write)",
                                          m_what, m_dir.string(), std::strerror(errno)));
    }
    ::unlink(name.c_str());  // no name to clean up: gone when closed
}

void BlockSpool::add(std::string&& bytes) {
    if (bytes.capacity() > bytes.size() + bytes.size() / 8) {
        bytes.shrink_to_fit();  // a block grown by doubling would hold up to twice its size
    }
    Block& block = m_blocks.emplace_back();
    if (m_memory_bytes + bytes.capacity() <= m_memory_limit) {
        m_memory_bytes += bytes.capacity();
        block.bytes = std::move(bytes);
        return;
    }
    if (m_fd < 0) {
        open_file();
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        const auto n = ::pwrite(m_fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(m_disk_bytes + done));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            throw FindingLogError(fmt::format("cannot write the {} to a temporary file in {}: {} (free some space "
                                              "there, or set TMPDIR to a folder with room for about {} MB more)",
                                              m_what, m_dir.string(), n < 0 ? std::strerror(errno) : "nothing written",
                                              (m_disk_bytes + bytes.size()) / 1000000 + 1));
        }
        done += static_cast<std::size_t>(n);
    }
    block.file_offset = m_disk_bytes;
    block.file_size = bytes.size();
    block.on_disk = true;
    m_disk_bytes += bytes.size();
}

std::string_view BlockSpool::view(std::size_t b, std::string& buffer) const {
    const Block& block = m_blocks.at(b);
    if (!block.on_disk) {
        return block.bytes;
    }
    buffer.resize(block.file_size);
    std::size_t done = 0;
    while (done < buffer.size()) {
        const auto n = ::pread(m_fd, buffer.data() + done, buffer.size() - done,
                               static_cast<off_t>(block.file_offset + done));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            throw FindingLogError(fmt::format("cannot read back the {} from the temporary file in {}: {}", m_what,
                                              m_dir.string(), n < 0 ? std::strerror(errno) : "end of file"));
        }
        done += static_cast<std::size_t>(n);
    }
    return buffer;
}

} // namespace marcaudit::detail
