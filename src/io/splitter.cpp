#include "marcaudit/io/splitter.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "detail/digits.hpp"
#include "marcaudit/record/record_view.hpp"
#include "marcaudit/findings/checks.hpp"

namespace marcaudit::io {

namespace {

constexpr char k_rt = record::record_terminator;

/// Bytes that real files carry between ISO 2709 records: line ends, NUL and blank padding,
/// DOS end-of-file (0x1A), stray terminators.
[[nodiscard]] bool is_filler(char c) noexcept {
    switch (c) {
        case '\n': case '\r': case '\0': case ' ': case '\t': case '\x1A': case '\x1D': case '\x1E':
            return true;
        default:
            return false;
    }
}

[[nodiscard]] bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

using detail::digits;

/// A cheap test that a leader starts at `pos`: record length and base address are numbers.
[[nodiscard]] bool looks_like_leader(std::string_view s, std::size_t pos) noexcept {
    return pos + 24 <= s.size() && digits(s, pos, 5) >= 24 && digits(s, pos + 12, 5) >= 24;
}

[[nodiscard]] bool is_blank_text(std::string_view s) noexcept {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

/// Where scanning for a record terminator gives up on streamed input (a record is at most
/// 99,999 bytes by its leader; real oversize records reach a few hundred KiB).
constexpr std::size_t k_scan_limit = 16U << 20U;

} // namespace

class Splitter::Impl {
public:
    Impl(std::string name, std::uint32_t source_index, BatchLimits limits)
        : m_name(std::move(name)), m_source_index(source_index), m_limits(limits),
          m_source(ByteSource::open(m_name, limits.stream_chunk)) {
        m_chunk = m_source->next({}, 0, 0);
    }

    Format detect() {
        // Streamed input: make sure enough bytes are there to decide.
        m_format = detect_format(m_chunk.bytes.substr(0, 64U * 1024U));
        if (m_format == Format::not_marc) {
            m_kind = std::string{not_marc_kind(m_chunk.bytes.substr(0, 64U * 1024U))};
        }
        if (m_chunk.bytes.starts_with("\xEF\xBB\xBF") && m_format != Format::iso2709) {
            m_pos = 3;  // byte-order mark
            m_line_offset = 3;
        }
        return m_format;
    }

    std::optional<Batch> next() {
        // Nothing of a file that is not MARC is read past its first bytes: no record can come
        // of it, and a large PDF or archive costs no more than its first chunk.
        if (m_done || m_format == Format::not_marc) {
            m_done = true;
            return std::nullopt;
        }
        Batch batch;
        batch.source_index = m_source_index;
        batch.format = m_format;
        batch.owner = m_chunk.owner;
        batch.mapped = m_chunk.mapped;
        for (;;) {
            bool need_more = false;
            const std::string_view rest = m_chunk.bytes.substr(m_pos);
            std::size_t consumed = 0;
            switch (m_format) {
                case Format::iso2709: consumed = cut_iso(rest, batch, need_more); break;
                case Format::marcxml: consumed = cut_xml(rest, batch, need_more); break;
                case Format::mnemonic: consumed = cut_mnemonic(rest, batch, need_more); break;
                case Format::empty:
                case Format::unreadable:
                case Format::not_marc: consumed = rest.size(); break;
            }
            if (m_format == Format::marcxml || m_format == Format::mnemonic) {
                // Count the lines of everything consumed before its bytes can go.
                line_at(rest, m_chunk.offset + m_pos, m_chunk.offset + m_pos + consumed);
            }
            m_pos += consumed;
            batch.bytes_end = m_chunk.offset + m_pos;
            const bool exhausted = m_chunk.at_end && m_pos >= m_chunk.bytes.size();
            if (exhausted && !need_more && !m_chunk.damage.empty()) {
                batch.file_findings.push_back(file_finding(checks::input_damaged,
                                                           m_chunk.offset + m_chunk.bytes.size(),
                                                           std::move(m_chunk.damage)));
                m_chunk.damage.clear();
            }
            if (!batch.records.empty() || !batch.file_findings.empty()) {
                if (exhausted && !need_more) {
                    m_done = true;
                }
                return batch;
            }
            if (exhausted) {
                m_done = true;
                return std::nullopt;
            }
            if (m_chunk.at_end && consumed > 0) {
                // Bytes went by that hold no record and no finding (a long comment or run of
                // markup filled the batch's byte limit): cut on from where they end. Found
                // by tests/fuzz/fuzz_marcxml, where this was taken for a stall.
                continue;
            }
            if (m_chunk.at_end) {
                // Cannot happen: every cut either consumes bytes or asks for more. Guard
                // against a silent endless loop all the same.
                throw std::logic_error(fmt::format("{}: the reader stopped at byte {}",
                                                   display_name(m_name), m_chunk.offset + m_pos));
            }
            refill();
            batch.owner = m_chunk.owner;
            batch.mapped = m_chunk.mapped;
        }
    }

    [[nodiscard]] bool gzip() const noexcept { return m_source->gzip(); }
    [[nodiscard]] std::uint64_t size_on_disk() const noexcept { return m_source->size_on_disk(); }

private:
    void refill() {
        const auto carry = m_chunk.bytes.substr(m_pos);
        const auto carry_offset = m_chunk.offset + m_pos;
        m_chunk = m_source->next(carry, carry_offset, std::max<std::size_t>(carry.size(), m_limits.stream_chunk));
        m_pos = 0;
    }

    Finding file_finding(const RuleInfo& check, std::uint64_t offset, std::string message) const {
        Finding f;
        f.rule_id = check.id;
        f.severity = check.severity;
        f.source_index = m_source_index;
        f.record_number = 0;
        f.byte_offset = offset;
        f.message = std::move(message);
        return f;
    }

    /// Skipped bytes of a memory-mapped input: their pages need not stay resident (a file
    /// with gigabytes of padding would otherwise hold them all in memory).
    void forget(std::string_view skipped) const noexcept {
        if (m_chunk.mapped && skipped.size() >= (1U << 20U)) {
            release_pages(skipped);
        }
    }

    [[nodiscard]] bool batch_full(const Batch& batch, std::size_t bytes) const noexcept {
        return batch.records.size() >= m_limits.max_records || bytes >= m_limits.max_bytes;
    }

    void add_record(Batch& batch, std::string_view bytes, std::uint64_t offset, RecordEnd end,
                    std::uint32_t line) {
        RawRecord& r = batch.records.emplace_back();
        r.bytes = bytes;
        r.byte_offset = offset;
        r.record_number = ++m_record_number;
        r.end = end;
        r.line = line;
        r.skipped_before = m_pending_skip;
        r.skipped_offset = m_pending_skip_offset;
        m_pending_skip = 0;
    }

    // ---- ISO 2709 ------------------------------------------------------------------------
    std::size_t cut_iso(std::string_view s, Batch& batch, bool& need_more) {
        const bool at_end = m_chunk.at_end;
        const std::uint64_t base = m_chunk.offset + m_pos;
        const std::size_t n = s.size();
        std::size_t p = 0;
        while (!batch_full(batch, p)) {
            std::size_t q = p;
            // Padding, 64 MiB at a time: what is behind is let go as the scan goes on.
            for (bool more = true; more && q < n;) {
                const std::size_t stop = std::min(n, q + (std::size_t{64} << 20U));
                const std::size_t from = q;
                while (q < stop && is_filler(s[q])) {
                    ++q;
                }
                more = q == stop;
                forget(s.substr(from, q - from));
            }
            if (q > p) {
                if (m_pending_skip == 0) {
                    m_pending_skip_offset = base + p;
                }
                m_pending_skip += q - p;
                p = q;
            }
            if (p == n) {
                if (at_end && m_pending_skip > 0) {
                    batch.file_findings.push_back(file_finding(
                        checks::bytes_between_records, m_pending_skip_offset,
                        fmt::format("{} byte(s) of padding or line ends after the last record; "
                                    "they are ignored", m_pending_skip)));
                    m_pending_skip = 0;
                }
                need_more = !at_end;
                break;
            }
            const long declared = digits(s, p, 5);
            if (declared < 0 && p + 5 > n && !at_end) {
                need_more = true;
                break;
            }
            const auto rt = declared >= 24 && p + static_cast<std::size_t>(declared) <= n &&
                                    s[p + static_cast<std::size_t>(declared) - 1] == k_rt
                                ? p + static_cast<std::size_t>(declared) - 1
                                : std::string_view::npos;
            if (rt != std::string_view::npos) {
                add_record(batch, s.substr(p, rt + 1 - p), base + p, RecordEnd::as_declared, 0);
                p = rt + 1;
                continue;
            }
            if (declared >= 24 && p + static_cast<std::size_t>(declared) > n && !at_end) {
                need_more = true;
                break;
            }
            const auto found = s.find(k_rt, p);
            if (declared < 0 && !looks_like_leader(s, p)) {
                // Not a leader: junk. Skip to the next byte where a leader plausibly starts.
                const std::size_t limit = found == std::string_view::npos ? n : found;
                std::size_t r = p + 1;
                while (r < limit && !(is_digit(s[r]) && looks_like_leader(s, r))) {
                    ++r;
                }
                if (r < limit) {
                    if (m_pending_skip == 0) {
                        m_pending_skip_offset = base + p;
                    }
                    m_pending_skip += r - p;
                    forget(s.substr(p, r - p));
                    p = r;
                    continue;
                }
            }
            const auto udeclared = static_cast<std::size_t>(std::max(declared, 0L));
            if (found == std::string_view::npos) {
                if (!at_end) {
                    if (n - p <= k_scan_limit) {
                        need_more = true;
                        break;
                    }
                    add_record(batch, s.substr(p, k_scan_limit), base + p, RecordEnd::too_long, 0);
                    p += k_scan_limit;
                    continue;
                }
                if (declared >= 24 && p + udeclared < n && looks_like_leader(s, p + udeclared)) {
                    add_record(batch, s.substr(p, udeclared), base + p, RecordEnd::next_leader, 0);
                    p += udeclared;
                    continue;
                }
                if (n - p < 24) {
                    // Too short to be even a leader: stray bytes after the last record.
                    batch.file_findings.push_back(file_finding(
                        checks::bytes_between_records, base + p,
                        fmt::format("{} byte(s) after the last record that are not a record (\"{}\"); "
                                    "they are ignored",
                                    n - p, display_value(s.substr(p), 30))));
                    p = n;
                    continue;
                }
                add_record(batch, s.substr(p), base + p, RecordEnd::end_of_input, 0);
                p = n;
                continue;
            }
            if (declared >= 24 && p + udeclared <= found && looks_like_leader(s, p + udeclared)) {
                add_record(batch, s.substr(p, udeclared), base + p, RecordEnd::next_leader, 0);
                p += udeclared;
                continue;
            }
            add_record(batch, s.substr(p, found + 1 - p), base + p, RecordEnd::terminator_elsewhere, 0);
            p = found + 1;
        }
        return p;
    }

    // ---- line numbers for the text formats ------------------------------------------------
    /// The 1-based line of input offset `abs`; offsets must not go backwards.
    std::uint32_t line_at(std::string_view s, std::uint64_t base, std::uint64_t abs) {
        if (abs > m_line_offset) {
            const auto from = static_cast<std::size_t>(m_line_offset - base);
            const auto to = static_cast<std::size_t>(abs - base);
            m_line += static_cast<std::uint32_t>(std::count(s.begin() + static_cast<std::ptrdiff_t>(from),
                                                            s.begin() + static_cast<std::ptrdiff_t>(to), '\n'));
            m_line_offset = abs;
        }
        return m_line;
    }

    // ---- MARCXML -----------------------------------------------------------------------
    std::size_t cut_xml(std::string_view s, Batch& batch, bool& need_more) {
        const bool at_end = m_chunk.at_end;
        const std::uint64_t base = m_chunk.offset + m_pos;
        const std::size_t n = s.size();
        std::size_t p = 0;
        auto junk = [&](std::size_t from, std::size_t to, std::string_view what) {
            const auto text = s.substr(from, to - from);
            const auto first = text.find_first_not_of(" \t\r\n");
            const auto line = line_at(s, base, base + from + first);
            batch.file_findings.push_back(file_finding(
                checks::xml_invalid, base + from + first,
                fmt::format("line {}: {} outside any <record> element: \"{}\"; it is ignored "
                            "(an XML parser would reject the file: remove it)",
                            line, what, display_value(text.substr(first), 40))));
        };
        while (!batch_full(batch, p)) {
            const auto lt = s.find('<', p);
            const auto text_end = lt == std::string_view::npos ? n : lt;
            if (lt == std::string_view::npos && !at_end) {
                // Keep a partial text run for the next chunk unless it is blank.
                if (is_blank_text(s.substr(p))) {
                    p = n;
                }
                need_more = true;
                break;
            }
            if (!is_blank_text(s.substr(p, text_end - p))) {
                junk(p, text_end, "text");
            }
            if (lt == std::string_view::npos) {
                p = n;
                break;
            }
            const auto tail = s.substr(lt);
            auto skip_to = [&](std::string_view close, std::size_t from) -> bool {
                const auto e = s.find(close, from);
                if (e == std::string_view::npos) {
                    if (!at_end) {
                        need_more = true;
                        p = lt;
                        return false;
                    }
                    junk(lt, n, "an unfinished markup declaration");
                    p = n;
                    return false;
                }
                p = e + close.size();
                return true;
            };
            if (tail.starts_with("<!--")) {
                if (!skip_to("-->", lt + 4)) break;
                continue;
            }
            if (tail.starts_with("<?")) {
                if (!skip_to("?>", lt + 2)) break;
                continue;
            }
            if (tail.starts_with("<![CDATA[")) {
                if (!skip_to("]]>", lt + 9)) break;
                junk(lt, p, "character data");
                continue;
            }
            if (tail.starts_with("<!")) {
                // DOCTYPE, possibly with an internal subset. Entities declared there are never
                // expanded (records are parsed on their own), which also defuses entity bombs.
                const auto gt = s.find('>', lt);
                const auto bracket = s.find('[', lt);
                const bool subset = bracket != std::string_view::npos && bracket < gt;
                if (!skip_to(subset ? "]>" : ">", lt + 2)) break;
                if (subset) {
                    batch.file_findings.push_back(file_finding(
                        checks::xml_invalid, base + lt,
                        fmt::format("line {}: a DOCTYPE with its own declarations; entities it "
                                    "defines are not expanded", line_at(s, base, base + lt))));
                }
                continue;
            }
            const auto gt = s.find('>', lt);
            if (gt == std::string_view::npos) {
                if (!at_end) {
                    need_more = true;
                    p = lt;
                    break;
                }
                junk(lt, n, "an unfinished tag");
                p = n;
                break;
            }
            if (tail.starts_with("</")) {
                p = gt + 1;  // the end of <collection> or another wrapper
                continue;
            }
            const auto name_end = s.find_first_of(" \t\r\n/>", lt + 1);
            const auto qname = s.substr(lt + 1, name_end - lt - 1);
            const auto colon = qname.find(':');
            const auto local = colon == std::string_view::npos ? qname : qname.substr(colon + 1);
            if (local != "record") {
                p = gt + 1;  // <collection>, or a wrapper such as OAI-PMH's <metadata>
                continue;
            }
            std::size_t end = 0;
            RecordEnd how = RecordEnd::as_declared;
            if (s[gt - 1] == '/') {
                end = gt + 1;  // <record/>: an empty record
            } else {
                const std::string close = fmt::format("</{}", qname);
                auto e = s.find(close, gt);
                while (e != std::string_view::npos && e + close.size() < n &&
                       s.find_first_not_of(" \t\r\n", e + close.size()) != std::string_view::npos &&
                       s[s.find_first_not_of(" \t\r\n", e + close.size())] != '>') {
                    e = s.find(close, e + 1);  // "</recordX": not our end tag
                }
                // A record whose end tag is missing must not swallow the next record: stop at
                // the next record's start tag if it comes first.
                const std::string open = fmt::format("<{}", qname);
                auto next_start = s.find(open, gt);
                while (next_start != std::string_view::npos && next_start + open.size() < n &&
                       std::string_view{" \t\r\n/>"}.find(s[next_start + open.size()]) == std::string_view::npos) {
                    next_start = s.find(open, next_start + 1);
                }
                if (next_start != std::string_view::npos && (e == std::string_view::npos || next_start < e)) {
                    const auto line = line_at(s, base, base + lt);
                    add_record(batch, s.substr(lt, next_start - lt), base + lt, RecordEnd::next_leader, line);
                    const auto nl = s.rfind('\n', lt);
                    batch.records.back().column = static_cast<std::uint32_t>(
                        nl == std::string_view::npos ? (base + lt + 1) : (lt - nl));
                    line_at(s, base, base + next_start);
                    p = next_start;
                    continue;
                }
                const auto close_gt = e == std::string_view::npos ? e : s.find('>', e);
                if (close_gt == std::string_view::npos) {
                    if (!at_end) {
                        need_more = true;
                        p = lt;
                        break;
                    }
                    end = n;
                    how = RecordEnd::end_of_input;
                } else {
                    end = close_gt + 1;
                }
            }
            const auto line = line_at(s, base, base + lt);
            add_record(batch, s.substr(lt, end - lt), base + lt, how, line);
            line_at(s, base, base + end);  // count the record's lines before its bytes are gone
            const auto nl = s.rfind('\n', lt);
            batch.records.back().column = static_cast<std::uint32_t>(
                nl == std::string_view::npos ? (base + lt + 1) : (lt - nl));
            p = end;
        }
        return p;
    }

    // ---- MarcEdit mnemonic text ------------------------------------------------------------
    std::size_t cut_mnemonic(std::string_view s, Batch& batch, bool& need_more) {
        const bool at_end = m_chunk.at_end;
        const std::uint64_t base = m_chunk.offset + m_pos;
        const std::size_t n = s.size();
        std::size_t p = 0;
        while (!batch_full(batch, p)) {
            std::size_t q = s.substr(p).starts_with("=LDR") ? p : s.find("\n=LDR", p);
            if (q != std::string_view::npos && q != p) {
                ++q;  // past the newline
            }
            const std::size_t start = q == std::string_view::npos ? n : q;
            if (q == std::string_view::npos && !at_end) {
                need_more = true;
                break;
            }
            if (!is_blank_text(s.substr(p, start - p))) {
                const auto first = s.find_first_not_of(" \t\r\n", p);
                batch.file_findings.push_back(file_finding(
                    checks::mnemonic_line_invalid, base + first,
                    fmt::format("line {}: text outside any record (a record starts with an =LDR "
                                "line): \"{}\"; it is ignored",
                                line_at(s, base, base + first), display_value(s.substr(first, start - first), 40))));
            }
            if (q == std::string_view::npos) {
                p = n;
                break;
            }
            const auto next = s.find("\n=LDR", q + 4);
            if (next == std::string_view::npos && !at_end) {
                need_more = true;
                p = q;
                break;
            }
            const std::size_t end = next == std::string_view::npos ? n : next + 1;
            const auto line = line_at(s, base, base + q);
            add_record(batch, s.substr(q, end - q), base + q, RecordEnd::as_declared, line);
            line_at(s, base, base + end);
            p = end;
        }
        return p;
    }

    std::string m_name;
    std::uint32_t m_source_index;
    BatchLimits m_limits;
    std::unique_ptr<ByteSource> m_source;
    Chunk m_chunk;
    std::size_t m_pos = 0;
    Format m_format = Format::empty;
public:
    std::string m_kind;  ///< what a not_marc input is
private:
    bool m_done = false;
    std::uint64_t m_record_number = 0;
    std::uint64_t m_pending_skip = 0;  // 64 bits: gigabytes of padding happen
    std::uint64_t m_pending_skip_offset = 0;
    std::uint32_t m_line = 1;
    std::uint64_t m_line_offset = 0;
};

Splitter::Splitter(std::string name, std::uint32_t source_index, BatchLimits limits)
    : m_impl(std::make_unique<Impl>(std::move(name), source_index, limits)) {
    m_format = m_impl->detect();
}

Splitter::~Splitter() = default;

bool Splitter::gzip() const noexcept { return m_impl->gzip(); }
std::uint64_t Splitter::size_on_disk() const noexcept { return m_impl->size_on_disk(); }
std::optional<Batch> Splitter::next() { return m_impl->next(); }
const std::string& Splitter::content_kind() const noexcept { return m_impl->m_kind; }

} // namespace marcaudit::io
