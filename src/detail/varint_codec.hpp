#pragma once

// The byte encoding of the result logs (FindingLog, TallyLog): unsigned varints (7 bits a
// byte, low first) and strings as a varint length and their bytes. A block that does not
// decode is a bug (the bytes are marcaudit's own): Reader throws std::logic_error.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace marcaudit::detail {

inline void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80U) {
        out.push_back(static_cast<char>((v & 0x7FU) | 0x80U));
        v >>= 7U;
    }
    out.push_back(static_cast<char>(v));
}

inline void put_string(std::string& out, std::string_view s) {
    put_varint(out, s.size());
    out.append(s);
}

/// Reads what put_varint and put_string wrote.
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
        throw std::logic_error("result log: a varint longer than 64 bits");
    }

    char byte() {
        if (m_pos >= m_bytes.size()) {
            throw std::logic_error("result log: a block ends inside a finding");
        }
        return m_bytes[m_pos++];
    }

    void string(std::string& out) {
        const auto n = varint();
        if (n > m_bytes.size() - m_pos) {
            throw std::logic_error("result log: a string runs past its block");
        }
        out.assign(m_bytes.substr(m_pos, n));
        m_pos += n;
    }

    [[nodiscard]] bool done() const noexcept { return m_pos == m_bytes.size(); }

private:
    std::string_view m_bytes;
    std::size_t m_pos = 0;
};


} // namespace marcaudit::detail
