#include "marcaudit/findings/finding_log.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "detail/block_spool.hpp"
#include "detail/varint_codec.hpp"

namespace marcaudit {

using detail::put_string;
using detail::put_varint;
using detail::Reader;

// ---- the block codec -------------------------------------------------------------------------
// Per finding: varint rule (an index into the log's rule table), one byte of severity and
// flags, varints source, record, byte offset and occurrence, then the strings, each as a
// varint length and its bytes. A control number equal to the previous finding's in the same
// block (the usual case: a record's findings come together) is a flag instead of a string.
// Blocks decode on their own: nothing refers across a block boundary.

namespace {

constexpr unsigned k_same_control_number = 0x80U;

} // namespace

struct FindingLog::Store {
    Store(std::size_t memory_limit, std::filesystem::path dir) : spool(memory_limit, std::move(dir), "findings") {}

    detail::BlockSpool spool;                ///< sealed blocks, in order
    std::vector<std::string_view> rule_ids;  ///< static strings, indexed by the codec

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

};

FindingLog::FindingLog(std::size_t memory_limit, std::filesystem::path spill_dir)
    : m_store(std::make_unique<Store>(memory_limit, std::move(spill_dir))) {}

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
    store.typical_block_bytes = store.open.size();
    store.spool.add(std::move(store.open));
    store.open = std::string{};
    store.open_count = 0;
}

std::shared_ptr<const std::vector<Finding>> FindingLog::block(std::size_t b) const {
    if (b >= block_count()) {
        throw std::out_of_range(fmt::format("finding log: block {} of {}", b, block_count()));
    }
    if (b == m_store->spool.size()) {  // the block being filled
        return std::make_shared<const std::vector<Finding>>(m_store->decode(m_store->open, m_store->open_count));
    }
    std::string buffer;
    return std::make_shared<const std::vector<Finding>>(m_store->decode(m_store->spool.view(b, buffer), block_size));
}

Finding FindingLog::operator[](std::size_t i) const { return (*block(i / block_size))[i % block_size]; }

Finding FindingLog::at(std::size_t i) const {
    if (i >= m_size) {
        throw std::out_of_range(fmt::format("finding log: finding {} of {}", i, m_size));
    }
    return (*this)[i];
}

std::uint64_t FindingLog::bytes_in_memory() const noexcept { return m_store->spool.bytes_in_memory(); }
std::uint64_t FindingLog::bytes_on_disk() const noexcept { return m_store->spool.bytes_on_disk(); }

} // namespace marcaudit
