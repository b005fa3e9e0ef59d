// engine::TallyLog: the records' tallies, encoded (varints; the penalty as its 8 bytes) in
// blocks of 4,096 held by a BlockSpool.

#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "detail/block_spool.hpp"
#include "detail/varint_codec.hpp"
#include "marcaudit/engine/audit.hpp"

namespace marcaudit::engine {

struct TallyLog::Store {
    explicit Store(std::size_t memory_limit) : spool(memory_limit, {}, "tallies") {}

    detail::BlockSpool spool;
    std::string open;  ///< the block being filled, encoded
    std::size_t open_count = 0;

    static void encode(const RecordTally& t, std::string& out) {
        detail::put_varint(out, t.source_index);
        detail::put_varint(out, t.record_number);
        detail::put_string(out, t.control_number);
        detail::put_varint(out, t.findings);
        for (const auto n : t.by_severity) {
            detail::put_varint(out, n);
        }
        char penalty[sizeof(double)];
        std::memcpy(penalty, &t.penalty, sizeof penalty);
        out.append(penalty, sizeof penalty);
        out.push_back(t.rejected ? '\1' : '\0');
    }

    static std::vector<RecordTally> decode(std::string_view bytes, std::size_t expected) {
        std::vector<RecordTally> tallies;
        tallies.reserve(expected);
        detail::Reader in{bytes};
        while (!in.done()) {
            RecordTally& t = tallies.emplace_back();
            t.source_index = static_cast<std::uint32_t>(in.varint());
            t.record_number = in.varint();
            in.string(t.control_number);
            t.findings = static_cast<std::uint32_t>(in.varint());
            for (auto& n : t.by_severity) {
                n = static_cast<std::uint32_t>(in.varint());
            }
            char penalty[sizeof(double)];
            for (char& c : penalty) {
                c = in.byte();
            }
            std::memcpy(&t.penalty, penalty, sizeof penalty);
            t.rejected = in.byte() != '\0';
        }
        if (tallies.size() != expected) {
            throw std::logic_error("tally log: a block holds the wrong number of tallies");
        }
        return tallies;
    }
};

TallyLog::TallyLog(std::size_t memory_limit) : m_store(std::make_unique<Store>(memory_limit)) {}
TallyLog::~TallyLog() = default;
TallyLog::TallyLog(TallyLog&&) noexcept = default;
TallyLog& TallyLog::operator=(TallyLog&&) noexcept = default;

void TallyLog::push_back(const RecordTally& tally) {
    Store& store = *m_store;
    if (store.open_count == block_size) {
        store.spool.add(std::move(store.open));
        store.open = std::string{};
        store.open_count = 0;
    }
    Store::encode(tally, store.open);
    ++store.open_count;
    ++m_size;
}

std::shared_ptr<const std::vector<RecordTally>> TallyLog::block(std::size_t b) const {
    if (b * block_size >= m_size) {
        throw std::out_of_range(fmt::format("tally log: block {} of {} tallies", b, m_size));
    }
    if (b == m_store->spool.size()) {
        return std::make_shared<const std::vector<RecordTally>>(Store::decode(m_store->open, m_store->open_count));
    }
    std::string buffer;
    return std::make_shared<const std::vector<RecordTally>>(Store::decode(m_store->spool.view(b, buffer), block_size));
}

RecordTally TallyLog::operator[](std::size_t i) const { return (*block(i / block_size))[i % block_size]; }

} // namespace marcaudit::engine
