#include "marcaudit/record/encoding.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>
#include <yaz/yaz-iconv.h>

#include "detail/swar.hpp"
#include "marcaudit/error.hpp"
#include "marcaudit/findings/checks.hpp"

namespace marcaudit::record {

std::size_t find_invalid_utf8(std::string_view s) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        // ASCII fast path, eight bytes at a time.
        while (i + 8 <= n) {
            if (detail::has_high_byte(detail::load8(s.data() + i))) {
                break;
            }
            i += 8;
        }
        if (i >= n) {
            break;
        }
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1FU;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0FU;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07U;
        } else {
            return i;
        }
        if (i + len > n) {
            return i;
        }
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0U) != 0x80U) {
                return i;
            }
            cp = (cp << 6U) | (p[i + k] & 0x3FU);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
            return i;
        }
        i += len;
    }
    return std::string_view::npos;
}

namespace {

/// What one pass over some text found.
struct TextScan {
    bool high = false;     ///< a byte above 0x7F
    bool escape = false;   ///< an ESC (0x1B)
    bool invalid = false;  ///< bytes that are not UTF-8
};

/// One pass: ESC and high bytes eight bytes at a time; UTF-8 validity only where high bytes are.
void scan_text(std::string_view s, TextScan& scan) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        if (i + 8 <= s.size()) {
            const std::uint64_t word = detail::load8(s.data() + i);
            scan.escape = scan.escape || detail::has_byte(word, 0x1B);
            if (!detail::has_high_byte(word)) {
                i += 8;
                continue;
            }
        }
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            scan.escape = scan.escape || c == 0x1B;
            ++i;
            continue;
        }
        scan.high = true;
        // Validate from here to the next ASCII run in one call.
        std::size_t j = i;
        while (j < s.size() && static_cast<unsigned char>(s[j]) >= 0x80) {
            ++j;
        }
        if (!scan.invalid && find_invalid_utf8(s.substr(i, j - i)) != std::string_view::npos) {
            scan.invalid = true;
        }
        i = j;
    }
}

} // namespace

bool needs_decoding(std::string_view s) noexcept {
    // Eight bytes at a time: any byte with the high bit set, or any byte equal to ESC.
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        const std::uint64_t word = detail::load8(s.data() + i);
        if (detail::has_high_byte(word) || detail::has_byte(word, 0x1B)) {
            return true;
        }
    }
    for (const char ch : s.substr(i)) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80 || c == 0x1B) {
            return true;
        }
    }
    return false;
}

namespace {
constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

/// The graphic sets in force: G0 for bytes below 0x80, G1 for those above, each named by
/// its final character (B ASCII, E ANSEL, 2 Hebrew, N Cyrillic...).
struct Marc8Sets {
    char g0 = 'B';
    char g1 = 'E';
};

/// The length of the MARC-8 escape sequence `s` starts with, or 0 when MARC 21 does not
/// define it (MARC 21 Specifications, Character Sets, Part 2: MARC-8 environment); a
/// defined one is applied to `sets`.
/// Technique 1: ESC g, b, p or s (Greek symbols, subscripts, superscripts, ASCII) as G0.
/// Technique 2: ESC, an intermediate ( , for G0 or ) - for G1, and a final: B (ASCII),
/// 2 (Hebrew), 3 and 4 (Arabic), N and Q (Cyrillic), S (Greek), or !E (ANSEL); and for
/// the multibyte East Asian set, ESC $ 1, or ESC $ with , ) or - and then 1.
std::size_t apply_marc8_escape(std::string_view s, Marc8Sets& sets) noexcept {
    if (s.size() < 2 || s[0] != '\x1B') {
        return 0;
    }
    if (std::string_view{"gbps"}.find(s[1]) != std::string_view::npos) {
        sets.g0 = s[1];
        return 2;
    }
    auto designate = [&](char intermediate, char final_char, std::size_t length) {
        (intermediate == '(' || intermediate == ',' ? sets.g0 : sets.g1) = final_char;
        return length;
    };
    if (s[1] == '$') {
        if (s.size() >= 3 && s[2] == '1') {
            return designate('(', '1', 3);
        }
        if (s.size() >= 4 && std::string_view{",)-"}.find(s[2]) != std::string_view::npos && s[3] == '1') {
            return designate(s[2], '1', 4);
        }
        return 0;
    }
    if (std::string_view{"(,)-"}.find(s[1]) == std::string_view::npos || s.size() < 3) {
        return 0;
    }
    if (std::string_view{"B234NQS"}.find(s[2]) != std::string_view::npos) {
        return designate(s[1], s[2], 3);
    }
    return s.size() >= 4 && s[2] == '!' && s[3] == 'E' ? designate(s[1], 'E', 4) : 0;
}

/// True when `byte`, in the set that `sets` give it, is one of the combining characters
/// YAZ's tables hold: ANSEL's diacritics (0xE0-0xFE), Hebrew points (0x40-0x4E), Arabic
/// harakat (0x6B-0x72; extended: 0x7D-0x7E) and Greek accents (0x21-0x27), each at the
/// same place in G1 (+0x80). Found by decoding every byte of every set.
bool is_marc8_combining(unsigned char byte, const Marc8Sets& sets) noexcept {
    const char set = byte < 0x80 ? sets.g0 : sets.g1;
    const unsigned code = byte & 0x7FU;
    switch (set) {
        case 'E': return code >= 0x60 && code <= 0x7E;
        case '2': return code >= 0x40 && code <= 0x4E;
        case '3': return code >= 0x6B && code <= 0x72;
        case '4': return code >= 0x7D && code <= 0x7E;
        case 'S': return code >= 0x21 && code <= 0x27;
        default: return false;
    }
}

/// The escape sequences that designate `sets` to a converter in its default state (ASCII
/// as G0, ANSEL as G1); empty for the default sets. Valid until the next call on the same
/// thread.
std::string_view marc8_designations(const Marc8Sets& sets) {
    if (sets.g0 == 'B' && sets.g1 == 'E') {
        return {};
    }
    thread_local std::string text;
    text.clear();
    if (std::string_view{"gbps"}.find(sets.g0) != std::string_view::npos) {
        text += '\x1B';
        text += sets.g0;
    } else if (sets.g0 == 'E') {
        text += "\x1B(!E";
    } else if (sets.g0 == '1') {
        text += "\x1B$1";
    } else if (sets.g0 != 'B') {
        text += "\x1B(";
        text += sets.g0;
    }
    if (sets.g1 == '1') {
        text += "\x1B$)1";
    } else if (sets.g1 != 'E') {
        text += "\x1B)";
        text += sets.g1;
    }
    return text;
}

yaz_iconv_t handle(void* cd) { return static_cast<yaz_iconv_t>(cd); }
} // namespace

Marc8Decoder::Marc8Decoder() : m_cd(yaz_iconv_open("UTF-8", "MARC8")) {
    if (m_cd == nullptr) {
        throw EnvironmentError("YAZ cannot convert MARC-8 (yaz_iconv_open failed): install the YAZ library "
                               "completely (Debian: apt install libyaz5 yaz), or run scripts/bootstrap");
    }
}

Marc8Decoder::~Marc8Decoder() { yaz_iconv_close(handle(m_cd)); }

std::size_t Marc8Decoder::decode_run(std::string_view in, std::string& out, std::size_t& bad_offset) {
    std::size_t problems = 0;
    char buffer[4096];
    auto* inbuf = const_cast<char*>(in.data());  // yaz's iconv does not write to its input
    std::size_t inleft = in.size();
    while (inleft > 0) {
        char* outbuf = buffer;
        std::size_t outleft = sizeof buffer;
        const std::size_t r = yaz_iconv(handle(m_cd), &inbuf, &inleft, &outbuf, &outleft);
        out.append(buffer, static_cast<std::size_t>(outbuf - buffer));
        if (r != static_cast<std::size_t>(-1)) {
            break;
        }
        const int err = yaz_iconv_error(handle(m_cd));
        if (err == YAZ_ICONV_E2BIG) {
            continue;
        }
        // An undefined byte (EILSEQ) or an unfinished sequence at the end (EINVAL): mark the
        // place, skip one byte and go on.
        if (problems == 0) {
            bad_offset = in.size() - inleft;
        }
        ++problems;
        out.append(k_replacement);
        ++inbuf;
        --inleft;
    }
    return problems;
}

Marc8Decoder::Problem Marc8Decoder::decode_field(std::string_view data, bool control_field,
                                                 std::string& out) {
    Problem problem{0, 0};
    std::size_t bad = 0;
    // YAZ (5.34) reads past its input on some byte strings (found by tests/fuzz/fuzz_marc8):
    // a run of text that ends in a combining character (YAZ keeps the mark for the letter to
    // come, and the next run starts from that stale state), escape sequences MARC-8 does not
    // have ("\x1B2N"), and some runs of escapes and text in a row. So YAZ is given one run of
    // text at a time, from a fresh state, in a form it handles:
    // - the escapes are read here: each defined one switches the sets in force (followed
    //   here as MARC-8 defines them, from the field's start); an undefined one's ESC becomes
    //   U+FFFD and counts as a problem, and the bytes after it are text in the sets in force;
    // - each run of text between escapes is given to a reset YAZ behind the designations of
    //   the sets in force (none for the default ASCII and ANSEL);
    // - combining characters that end a run have no letter to go on (MARC-8 puts a mark
    //   before its letter): each becomes U+FFFD and counts as a problem.
    Marc8Sets sets;
    std::string prefixed;
    auto note = [&](std::size_t offset, std::size_t count) {
        if (count > 0 && problem.count == 0) {
            problem.offset = offset;
        }
        problem.count += count;
    };
    auto decode_text = [&](std::string_view text, std::size_t base) {
        if (text.empty()) {
            return;
        }
        std::size_t dangling = 0;
        while (dangling < text.size() &&
               is_marc8_combining(static_cast<unsigned char>(text[text.size() - 1 - dangling]), sets)) {
            ++dangling;
        }
        const auto decodable = text.substr(0, text.size() - dangling);
        if (!decodable.empty()) {
            char dummy[16];
            char* outbuf = dummy;
            std::size_t outleft = sizeof dummy;
            yaz_iconv(handle(m_cd), nullptr, nullptr, &outbuf, &outleft);  // reset: ASCII and ANSEL
            const std::string_view designations = marc8_designations(sets);
            std::size_t n = 0;
            if (designations.empty()) {
                n = decode_run(decodable, out, bad);
            } else {
                prefixed.assign(designations);
                prefixed.append(decodable);
                n = decode_run(prefixed, out, bad);
                bad = bad >= designations.size() ? bad - designations.size() : 0;
            }
            note(base + bad, n);
        }
        note(base + decodable.size(), dangling);
        for (std::size_t i = 0; i < dangling; ++i) {
            out.append(k_replacement);
        }
    };
    auto run = [&](std::string_view piece, std::size_t base) {
        std::size_t from = 0;
        for (auto esc = piece.find('\x1B'); esc != std::string_view::npos; esc = piece.find('\x1B', from)) {
            decode_text(piece.substr(from, esc - from), base + from);
            const std::size_t length = apply_marc8_escape(piece.substr(esc), sets);
            if (length == 0) {
                out.append(k_replacement);
                note(base + esc, 1);
            }
            from = esc + std::max<std::size_t>(length, 1);
        }
        decode_text(piece.substr(from), base + from);
    };
    if (control_field) {
        run(data, 0);
        return problem;
    }
    std::size_t pos = data.find(subfield_delimiter);
    run(data.substr(0, pos), 0);  // indicators (and anything stray before the first subfield)
    while (pos != std::string_view::npos) {
        out.push_back(subfield_delimiter);
        ++pos;
        if (pos >= data.size()) {
            break;
        }
        const auto code = static_cast<unsigned char>(data[pos]);
        if (code < 0x80) {
            out.push_back(static_cast<char>(code));
        } else {
            out.append(k_replacement);
            note(pos, 1);
        }
        ++pos;
        const auto next = data.find(subfield_delimiter, pos);
        run(data.substr(pos, next == std::string_view::npos ? next : next - pos), pos);
        pos = next;
    }
    return problem;
}

std::string Marc8Decoder::decode(std::string_view data) {
    std::string out;
    decode_field(data, true, out);
    return out;
}

namespace {

void report(FindingSink& sink, const RuleInfo& check, std::uint64_t offset, std::string message,
            std::string_view tag, std::string value, std::string fix) {
    Finding& f = sink.add(check.id, check.severity, offset, std::move(message));
    f.tag = tag;
    f.value = std::move(value);
    f.fix = std::move(fix);
}

/// The bytes around `pos` with the bad byte shown in hex, for messages.
std::string bytes_around(std::string_view data, std::size_t pos) {
    const std::size_t from = pos > 12 ? pos - 12 : 0;
    // display_value shows every byte that is not UTF-8 as <XX>, the bad one included.
    std::string out = display_value(data.substr(from, pos - from + 13), 80);
    return out;
}

void report_invalid_utf8(const std::vector<FieldView>& fields, std::string_view why_utf8, FindingSink& sink) {
    for (const auto& f : fields) {
        const auto pos = find_invalid_utf8(f.data());
        if (pos == std::string_view::npos) {
            continue;
        }
        report(sink, checks::invalid_utf8, f.byte_offset() + pos,
               fmt::format("{}: byte 0x{:02X} (byte {} of the field) is not valid UTF-8, though {}; "
                           "searches and displays will show it as garbage",
                           f.tag(), static_cast<unsigned char>(f.data()[pos]), pos, why_utf8),
               f.tag(), bytes_around(f.data(), pos),
               "re-export the record as UTF-8 or correct the character by hand");
    }
}

/// U+FFFD in valid UTF-8 data: a converter upstream met a character it could not map and
/// replaced it. The original letter is lost; only a person can restore it.
void report_replacement_characters(const std::vector<FieldView>& fields, FindingSink& sink) {
    for (const auto& f : fields) {
        const auto pos = f.data().find(k_replacement);
        if (pos == std::string_view::npos) {
            continue;
        }
        report(sink, checks::replacement_character, f.byte_offset() + pos,
               fmt::format("{}: the replacement character � (U+FFFD) stands where a letter was lost "
                           "in an earlier character conversion",
                           f.tag()),
               f.tag(), display_value(f.data().substr(pos > 20 ? pos - 20 : 0, 60), 60),
               "restore the missing letter from the item or another copy of the record");
    }
}

} // namespace

void check_unicode_text(const std::vector<FieldView>& fields, bool report_invalid, FindingSink& sink) {
    bool any_8bit = false;
    for (const auto& f : fields) {
        if (needs_decoding(f.data())) {
            any_8bit = true;
            break;
        }
    }
    if (!any_8bit) {
        return;
    }
    if (report_invalid) {
        report_invalid_utf8(fields, "the file is read as UTF-8", sink);
    }
    report_replacement_characters(fields, sink);
}

Encoding resolve_encoding(LeaderView leader, std::uint64_t record_offset, std::vector<FieldView>& fields,
                          RecordBuilder& builder, Marc8Decoder& decoder, FindingSink& sink) {
    TextScan scan;
    for (const auto& f : fields) {
        scan_text(f.data(), scan);
    }
    const bool any_8bit = scan.high || scan.escape;
    const char coding = leader.character_coding();
    if (!any_8bit) {
        if (coding != ' ' && coding != 'a') {
            report(sink, checks::leader09_invalid, record_offset + 9,
                   fmt::format("Leader/09 (character coding) is '{}': it must be blank (MARC-8) or "
                               "'a' (UTF-8). The record holds only ASCII, so either is right",
                               display_value(std::string_view{&coding, 1})),
                   "LDR", display_value(std::string_view{&coding, 1}), "set Leader/09 to 'a'");
        }
        return Encoding::ascii;
    }
    // Valid UTF-8 with real multi-byte letters is UTF-8, even with a stray ESC byte in it;
    // only escapes in otherwise 7-bit or invalid data mean MARC-8.
    const bool utf8 = !scan.invalid && (!scan.escape || scan.high);

    bool decode_marc8 = false;
    if (coding == 'a') {
        if (utf8) {
            report_replacement_characters(fields, sink);
            return Encoding::utf8;
        }
        if (scan.escape) {
            report(sink, checks::leader_mismatch, record_offset + 9,
                   "Leader/09 is 'a' (UTF-8) but the record contains MARC-8 escape sequences: "
                   "it is MARC-8 data, and was read as MARC-8",
                   "LDR", "a", "convert the record to UTF-8 (or set Leader/09 to blank)");
            decode_marc8 = true;
        } else {
            // Report each field with bytes that are not UTF-8; keep the bytes as they are.
            report_invalid_utf8(fields, "Leader/09 says UTF-8", sink);
            return Encoding::utf8;
        }
    } else if (coding == ' ') {
        if (utf8) {
            report(sink, checks::leader_mismatch, record_offset + 9,
                   "Leader/09 is blank (MARC-8) but the data is UTF-8: it was read as UTF-8. "
                   "Systems that trust Leader/09 will show garbled diacritics",
                   "LDR", " ", "set Leader/09 to 'a'");
            report_replacement_characters(fields, sink);
            return Encoding::utf8;
        }
        decode_marc8 = true;
    } else {
        report(sink, checks::leader09_invalid, record_offset + 9,
               fmt::format("Leader/09 (character coding) is '{}': it must be blank (MARC-8) or 'a' "
                           "(UTF-8). The data looks like {}, and was read as such",
                           display_value(std::string_view{&coding, 1}), utf8 ? "UTF-8" : "MARC-8"),
               "LDR", display_value(std::string_view{&coding, 1}),
               utf8 ? "set Leader/09 to 'a'" : "set Leader/09 to blank");
        if (utf8) {
            report_replacement_characters(fields, sink);
            return Encoding::utf8;
        }
        decode_marc8 = true;
    }

    if (decode_marc8) {
        builder.reset();
        builder.set_leader(leader.bytes());
        for (const auto& f : fields) {
            builder.begin_field(f.tag(), f.byte_offset());
            if (needs_decoding(f.data())) {
                const auto problem = decoder.decode_field(f.data(), f.is_control(), builder.arena());
                if (problem.count > 0) {
                    report(sink, checks::marc8_invalid, f.byte_offset() + problem.offset,
                           fmt::format("{}: {} byte(s) that could not be decoded as MARC-8 (the first is byte {} "
                                       "of the field); shown as \uFFFD",
                                       f.tag(), problem.count, problem.offset),
                           f.tag(), bytes_around(f.data(), problem.offset),
                           "correct the character in the record (a broken escape sequence or a "
                           "byte from another character set)");
                }
            } else {
                builder.append(f.data());
            }
            builder.end_field();
        }
        builder.views(fields);
    }
    return Encoding::marc8;
}

} // namespace marcaudit::record
