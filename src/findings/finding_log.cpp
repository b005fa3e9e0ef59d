#include "marcaudit/findings/finding_log.hpp"

#include <cerrno>
#include <cstdlib>  // mkstemp
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

namespace marcaudit {

// ---- the block codec -------------------------------------------------------------------------
// Per finding: varint rule (an index into the log's rule table), one byte of severity and
// flags, varints source, record, byte offset and occurrence, then the strings, each as a
// varint length and its bytes. A control number equal to the previous finding's in the same
// block (the usual case: a record's findings come together) is a flag instead of a string.
// Blocks decode on their own: nothing refers across a block boundary.

namespace {

constexpr unsigned k_same_control_number = 0x80U;

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80U) {
        out.push_back(static_cast<char>((v & 0x7FU) | 0x80U));
        v >>= 7U;
    }
    out.push_back(static_cast<char>(v));
}

void put_string(std::string& out, std::string_view s) {
    put_varint(out, s.size());
    out.append(s);
}

/// Reads what put_varint and put_string wrote; a block that does not decode is a bug (the
/// bytes are ours), reported as such.
class Reader {
public:
    explicit Reader(std::string_view bytes) : m_bytes(bytes) {}

    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (unsigned shift = 0; shift < 64; shift += 7) {
            const auto c = static_cast<unsigned char>(byte());
            v |= static_cast<std::uint64_t>(c & 0x7FU) << shift;
            if ((c & 0x80U) == 0) {
                return v;
            }
        }
        throw std::logic_error("finding log: a varint longer than 64 bits");
    }

    char byte() {
        if (m_pos >= m_bytes.size()) {
            throw std::logic_error("finding log: a block ends inside a finding");
        }
        return m_bytes[m_pos++];
    }

    void string(std::string& out) {
        const auto n = varint();
        if (n > m_bytes.size() - m_pos) {
            throw std::logic_error("finding log: a string runs past its block");
        }
        out.assign(m_bytes.substr(m_pos, n));
        m_pos += n;
    }

    [[nodiscard]] bool done() const noexcept { return m_pos == m_bytes.size(); }

private:
    std::string_view m_bytes;
    std::size_t m_pos = 0;
};

} // namespace

struct FindingLog::Store {
    struct Block {
        std::string bytes;             ///< the encoded block, when in memory
        std::uint64_t file_offset = 0;  ///< where it is in the file, when not
        std::uint64_t file_size = 0;
        bool on_disk = false;
    };

    std::vector<std::string_view> rule_ids;  ///< static strings, indexed by the codec
    std::vector<Block> blocks;               ///< sealed blocks, in order
    std::uint64_t memory_bytes = 0;
    std::uint64_t disk_bytes = 0;
    int fd = -1;
    std::filesystem::path file_dir;

    ~Store() {
        if (fd >= 0) {
            ::close(fd);
        }
    }

    std::uint64_t rule_index(std::string_view id) {
        for (std::size_t i = 0; i < rule_ids.size(); ++i) {
            if (rule_ids[i].data() == id.data() && rule_ids[i].size() == id.size()) {
                return i;
            }
        }
        rule_ids.push_back(id);
        return rule_ids.size() - 1;
    }

    /// The block being filled, encoded as it grows: its bytes, its findings, and the last
    /// control number written in it.
    std::string open;
    std::size_t open_count = 0;
    std::string open_control;
    std::size_t typical_block_bytes = 0;  ///< the size of the last sealed block, to reserve

    void encode(const Finding& f) {
        if (open.capacity() == 0 && typical_block_bytes > 0) {
            open.reserve(typical_block_bytes + typical_block_bytes / 8);
        }
        put_varint(open, rule_index(f.rule_id));
        const bool same = open_count > 0 && open_control == f.control_number;
        open.push_back(static_cast<char>(static_cast<unsigned>(f.severity) | (same ? k_same_control_number : 0U)));
        put_varint(open, f.source_index);
        put_varint(open, f.record_number);
        put_varint(open, f.byte_offset);
        put_varint(open, f.occurrence);
        if (!same) {
            put_string(open, f.control_number);
            open_control = f.control_number;
        }
        put_string(open, f.tag);
        put_string(open, f.position);
        put_string(open, f.message);
        put_string(open, f.value);
        put_string(open, f.fix);
        ++open_count;
    }

    [[nodiscard]] std::vector<Finding> decode(std::string_view bytes, std::size_t expected) const {
        std::vector<Finding> findings;
        findings.reserve(expected);
        Reader in{bytes};
        while (!in.done()) {
            Finding& f = findings.emplace_back();
            const auto rule = in.varint();
            if (rule >= rule_ids.size()) {
                throw std::logic_error("finding log: an unknown rule index");
            }
            f.rule_id = rule_ids[rule];
            const auto flags = static_cast<unsigned char>(in.byte());
            f.severity = static_cast<Severity>(flags & 0x03U);
            f.source_index = static_cast<std::uint32_t>(in.varint());
            f.record_number = in.varint();
            f.byte_offset = in.varint();
            f.occurrence = static_cast<std::uint32_t>(in.varint());
            if ((flags & k_same_control_number) != 0 && findings.size() > 1) {
                f.control_number = findings[findings.size() - 2].control_number;
            } else {
                in.string(f.control_number);
            }
            in.string(f.tag);
            in.string(f.position);
            in.string(f.message);
            in.string(f.value);
            in.string(f.fix);
        }
        if (findings.size() != expected) {
            throw std::logic_error("finding log: a block holds the wrong number of findings");
        }
        return findings;
    }

    /// Opens the temporary file: created and unlinked at once, so it has no name to clean up.
    void open_file(const std::filesystem::path& dir_asked) {
        std::error_code ec;
        file_dir = dir_asked.empty() ? std::filesystem::temp_directory_path(ec) : dir_asked;
        if (file_dir.empty()) {
            file_dir = "/tmp";
        }
        std::string name = (file_dir / "marcaudit-findings-XXXXXX").string();
        fd = ::mkstemp(name.data());
        if (fd < 0) {
            throw FindingLogError(fmt::format(
                "cannot create a temporary file for the findings in {}: {} (set TMPDIR to a "
                "folder with room to write)", file_dir.string(), std::strerror(errno)));
        }
        ::unlink(name.c_str());
    }

    void write_block(Block& block) {
        const std::string_view bytes = block.bytes;
        std::size_t done = 0;
        while (done < bytes.size()) {
            const auto n = ::pwrite(fd, bytes.data() + done, bytes.size() - done,
                                    static_cast<off_t>(disk_bytes + done));
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                throw FindingLogError(fmt::format(
                    "cannot write the findings to a temporary file in {}: {} (free some space "
                    "there, or set TMPDIR to a folder with room for about {} MB more)",
                    file_dir.string(), n < 0 ? std::strerror(errno) : "nothing written",
                    (disk_bytes + bytes.size()) / 1000000 + 1));
            }
            done += static_cast<std::size_t>(n);
        }
        block.file_offset = disk_bytes;
        block.file_size = bytes.size();
        block.on_disk = true;
        disk_bytes += bytes.size();
        std::string{}.swap(block.bytes);
    }

    [[nodiscard]] std::string read_block(const Block& block) const {
        std::string bytes(block.file_size, '\0');
        std::size_t done = 0;
        while (done < bytes.size()) {
            const auto n = ::pread(fd, bytes.data() + done, bytes.size() - done,
                                   static_cast<off_t>(block.file_offset + done));
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                throw FindingLogError(fmt::format("cannot read back the findings from the temporary file in {}: {}",
                                                  file_dir.string(), n < 0 ? std::strerror(errno) : "end of file"));
            }
            done += static_cast<std::size_t>(n);
        }
        return bytes;
    }
};

FindingLog::FindingLog(std::size_t memory_limit, std::filesystem::path spill_dir)
    : m_memory_limit(memory_limit), m_spill_dir(std::move(spill_dir)), m_store(std::make_unique<Store>()) {}

FindingLog::~FindingLog() = default;
FindingLog::FindingLog(FindingLog&&) noexcept = default;
FindingLog& FindingLog::operator=(FindingLog&&) noexcept = default;

void FindingLog::push_back(const Finding& finding) {
    if (m_store->open_count == block_size) {
        seal_open_block();
    }
    m_store->encode(finding);
    ++m_size;
}

void FindingLog::seal_open_block() {
    Store& store = *m_store;
    Store::Block& block = store.blocks.emplace_back();
    block.bytes = std::move(store.open);
    if (block.bytes.capacity() > block.bytes.size() + block.bytes.size() / 8) {
        block.bytes.shrink_to_fit();  // a block grown by doubling would hold up to twice its size
    }
    store.typical_block_bytes = block.bytes.size();
    store.open = std::string{};
    store.open_count = 0;
    if (store.memory_bytes + block.bytes.capacity() > m_memory_limit) {
        if (store.fd < 0) {
            store.open_file(m_spill_dir);
        }
        store.write_block(block);
    } else {
        store.memory_bytes += block.bytes.capacity();
    }
}

std::shared_ptr<const std::vector<Finding>> FindingLog::block(std::size_t b) const {
    if (b >= block_count()) {
        throw std::out_of_range(fmt::format("finding log: block {} of {}", b, block_count()));
    }
    if (b == m_store->blocks.size()) {  // the block being filled
        return std::make_shared<const std::vector<Finding>>(m_store->decode(m_store->open, m_store->open_count));
    }
    const Store::Block& block = m_store->blocks[b];
    if (!block.on_disk) {
        return std::make_shared<const std::vector<Finding>>(m_store->decode(block.bytes, block_size));
    }
    return std::make_shared<const std::vector<Finding>>(m_store->decode(m_store->read_block(block), block_size));
}

Finding FindingLog::operator[](std::size_t i) const { return (*block(i / block_size))[i % block_size]; }

Finding FindingLog::at(std::size_t i) const {
    if (i >= m_size) {
        throw std::out_of_range(fmt::format("finding log: finding {} of {}", i, m_size));
    }
    return (*this)[i];
}

std::uint64_t FindingLog::bytes_in_memory() const noexcept { return m_store->memory_bytes; }
std::uint64_t FindingLog::bytes_on_disk() const noexcept { return m_store->disk_bytes; }

FindingLog::const_iterator::const_iterator(const FindingLog* log, std::size_t index) : m_log(log), m_index(index) {
    if (m_index < m_log->size()) {
        m_block = m_log->block(m_index / block_size);
    }
}

FindingLog::const_iterator& FindingLog::const_iterator::operator++() {
    ++m_index;
    if (m_index % block_size == 0) {
        m_block = m_index < m_log->size() ? m_log->block(m_index / block_size) : nullptr;
    }
    return *this;
}

} // namespace marcaudit
