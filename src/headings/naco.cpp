#include "marcaudit/headings/naco.hpp"

#include <algorithm>

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace marcaudit::headings {

namespace {

/// What happens to a character that is not a letter, digit or blank.
enum class Fate { keep, blank, remove };

/// The ASCII punctuation rules: apostrophe and square brackets go; + & @ # stay; the rest
/// (and the comma, unless it is the first in $a) becomes a blank.
Fate ascii_fate(char c) noexcept {
    switch (c) {
        case '\'': case '[': case ']': return Fate::remove;
        case '+': case '&': case '@': case '#': return Fate::keep;
        default: return Fate::blank;
    }
}

/// Appends `c` unless it would double a blank or start the value with one.
void put(std::string& out, char c) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) {
        return;
    }
    out.push_back(c);
}

void trim_end(std::string& out) {
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
}

/// The fast path: every byte is ASCII.
std::string normalize_ascii(std::string_view value, bool keep_first_comma) {
    std::string out;
    out.reserve(value.size());
    bool comma_kept = !keep_first_comma;
    for (char c : value) {
        if (c >= 'a' && c <= 'z') {
            out.push_back(static_cast<char>(c - 'a' + 'A'));
        } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            out.push_back(c);
        } else if (c == ',' && !comma_kept) {
            comma_kept = true;
            trim_end(out);  // "Smith , John" and "Smith, John" compare alike
            out.push_back(',');
        } else if (c == ' ' || c == ',') {
            put(out, ' ');
        } else {
            switch (ascii_fate(c)) {
                case Fate::keep: out.push_back(c); break;
                case Fate::blank: put(out, ' '); break;
                case Fate::remove: break;
            }
        }
    }
    trim_end(out);
    return out;
}

/// Letters NFKD leaves whole that the rules spell out, upper case: Æ Œ Þ Đ Ð Ø Ł.
const char* special_letter(UChar32 c) noexcept {
    switch (c) {
        case 0x00C6: return "AE";  // Æ
        case 0x0152: return "OE";  // Œ
        case 0x00DE: return "TH";  // Þ
        case 0x0110: return "D";   // Đ
        case 0x00D0: return "D";   // Ð
        case 0x00D8: return "O";   // Ø
        case 0x0141: return "L";   // Ł
        case 0x0131: return "I";   // ı (dotless i, should case mapping leave it)
        default: return nullptr;
    }
}

bool is_apostrophe_like(UChar32 c) noexcept {
    // Apostrophes and quotation-mark apostrophes, and the square brackets: deleted.
    return c == 0x0027 || c == 0x2019 || c == 0x2018 || c == 0x005B || c == 0x005D;
}

/// Modifier letters the romanization tables use (alif ʼ, ayn ʻ, soft sign ʹ, hard sign ʺ, and
/// the other spacing modifiers): removed. Modifier letters that are letters of their script,
/// such as the Japanese prolonged sound mark ー, stay.
bool is_latin_modifier(UChar32 c) noexcept {
    return (c >= 0x02B0 && c <= 0x02FF) || (c >= 0xA700 && c <= 0xA721) || c == 0xA788 || (c >= 0x1D2C && c <= 0x1DBF);
}

bool kept_symbol(UChar32 c) noexcept {
    return c == '+' || c == '&' || c == '@' || c == '#' || c == 0x266D /* ♭ */ || c == 0x266F /* ♯ */;
}

std::string normalize_unicode(std::string_view value, bool keep_first_comma) {
    UErrorCode status = U_ZERO_ERROR;
    // Invalid bytes become U+FFFD here, a symbol: a blank below.
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(value.data(), static_cast<int32_t>(value.size())));
    // Decompose (compatibility forms too: the modifier letter ˡ is l), upper-case (full case
    // mapping: ß -> SS), and decompose again what upper-casing composed. Upper-casing first
    // would leave the l of ˡ lower-case, and normalizing the result again would change it:
    // a key must be its own normal form.
    const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    icu::UnicodeString decomposed = U_SUCCESS(status) ? nfkd->normalize(text, status) : text;
    if (U_FAILURE(status)) {
        decomposed = text;
        status = U_ZERO_ERROR;
    }
    decomposed.toUpper(icu::Locale::getRoot());
    if (nfkd != nullptr) {
        icu::UnicodeString again = nfkd->normalize(decomposed, status);
        if (U_SUCCESS(status)) {
            decomposed = std::move(again);
        }
    }
    std::string out;
    out.reserve(value.size());
    bool comma_kept = !keep_first_comma;
    char utf8[4];
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        if (const char* s = special_letter(c)) {
            out += s;
            continue;
        }
        const int8_t category = static_cast<int8_t>(u_charType(c));
        if (category == U_NON_SPACING_MARK || category == U_COMBINING_SPACING_MARK || category == U_ENCLOSING_MARK ||
            category == U_MODIFIER_SYMBOL || (category == U_MODIFIER_LETTER && is_latin_modifier(c))) {
            continue;  // diacritics, and modifier letters such as ʻ ʼ ʹ: removed
        }
        if (category == U_DECIMAL_DIGIT_NUMBER) {
            out.push_back(static_cast<char>('0' + u_charDigitValue(c)));  // digits of any script
            continue;
        }
        // Letters of any script stay; so do numbers NFKD leaves without a digit value (⅓'s parts
        // are digits after NFKD; a Roman numeral letter or an Ethiopic number stays as it is).
        if (u_isalpha(c) || category == U_OTHER_NUMBER || category == U_LETTER_NUMBER) {
            int32_t n = 0;
            U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(utf8), n, c);
            out.append(utf8, static_cast<std::size_t>(n));
            continue;
        }
        if (c == ',' && !comma_kept) {
            comma_kept = true;
            trim_end(out);
            out.push_back(',');
            continue;
        }
        if (is_apostrophe_like(c)) {
            continue;
        }
        if (kept_symbol(c)) {
            int32_t n = 0;
            U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(utf8), n, c);
            out.append(utf8, static_cast<std::size_t>(n));
            continue;
        }
        put(out, ' ');  // blanks, other punctuation and symbols, controls
    }
    trim_end(out);
    return out;
}

} // namespace

std::string naco_normalize(std::string_view value, bool keep_first_comma) {
    const bool ascii = std::all_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    std::string out = ascii ? normalize_ascii(value, keep_first_comma) : normalize_unicode(value, keep_first_comma);
    if (!out.empty() && out.back() == ',') {
        // A comma that ends $a only separates it from the next subfield ("Gray Associates,$e
        // publisher"): it is not the comma the rules keep.
        out.pop_back();
        trim_end(out);
    }
    return out;
}

std::string naco_key(std::span<const record::SubfieldView> subfields, std::string_view codes) {
    std::string key;
    for (const auto& sf : subfields) {
        if (sf.code == 0 || codes.find(sf.code) == std::string_view::npos) {
            continue;
        }
        key.push_back(record::subfield_delimiter);
        key.push_back(sf.code);
        key += naco_normalize(sf.value, sf.code == 'a');
    }
    return key;
}

void prepare_unicode() {
    UErrorCode status = U_ZERO_ERROR;
    (void)icu::Normalizer2::getNFCInstance(status);
    (void)icu::Normalizer2::getNFDInstance(status);
    (void)icu::Normalizer2::getNFKDInstance(status);
    (void)naco_normalize("\xC3\x87" "a \xC3\x9F");  // Ça ß: decomposition and full case mapping
}

} // namespace marcaudit::headings
