#include <gtest/gtest.h>

#include "marcaudit/record/encoding.hpp"

namespace marcaudit::record {
namespace {

TEST(Utf8Test, ValidTextHasNoInvalidByte) {
    EXPECT_EQ(find_invalid_utf8(""), std::string_view::npos);
    EXPECT_EQ(find_invalid_utf8("plain ASCII text, longer than eight bytes"), std::string_view::npos);
    EXPECT_EQ(find_invalid_utf8("Brontë, Charlotte, 1816-1855"), std::string_view::npos);
    EXPECT_EQ(find_invalid_utf8("Дорогой 北京 עברית 𝄞"), std::string_view::npos);
}

TEST(Utf8Test, InvalidSequencesAreFoundAtTheirFirstByte) {
    EXPECT_EQ(find_invalid_utf8("abc\xE9"
                                "def"),
              3U);                                          // Latin-1 é
    EXPECT_EQ(find_invalid_utf8("ab\xC0\xAF"), 2U);         // overlong '/'
    EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0U);       // UTF-16 surrogate
    EXPECT_EQ(find_invalid_utf8("x\xF4\x90\x80\x80"), 1U);  // above U+10FFFF
    EXPECT_EQ(find_invalid_utf8("12345678\xE2\x82"), 8U);   // cut short, after the fast path
    EXPECT_EQ(find_invalid_utf8("\x80"), 0U);               // lone continuation byte
}

TEST(Marc8Test, CombiningMarkBeforeBaseLetterBecomesUnicodeOrder) {
    Marc8Decoder decoder;
    // MARC-8: acute (0xE2) precedes the letter; Unicode: e + U+0301.
    EXPECT_EQ(decoder.decode("Caf\xE2"
                             "e"),
              "Cafe\xCC\x81");
    EXPECT_EQ(decoder.decode("\xA5"
                             "sop"),
              "Æsop");  // ANSEL Æ
}

TEST(Marc8Test, EscapeSequencesSwitchScriptsAndResetPerField) {
    Marc8Decoder decoder;
    // ESC ( N: basic Cyrillic as G0 (small letters at 0x40-0x5F, capitals at 0x60-0x7E).
    EXPECT_EQ(decoder.decode("\x1B(NaBW\x1B(B ok"), "Абв ok");
    std::string out;
    decoder.decode_field("\x1B(Nab", true, out);
    out.clear();
    decoder.decode_field("ab", true, out);
    EXPECT_EQ(out, "ab");  // a new field starts in ASCII again
}

TEST(Marc8Test, SubfieldCodesAreNotDecodedAsTheCurrentScript) {
    Marc8Decoder decoder;
    std::string out;
    const auto problem = decoder.decode_field("10\x1F" "a\x1B(NaB\x1F" "bW", false, out);
    EXPECT_EQ(problem.count, 0U);
    EXPECT_EQ(out, "10\x1F" "aАб\x1F" "bв");  // the escape holds across subfields of the field
}

TEST(Marc8Test, BrokenSequencesBecomeReplacementCharactersAndAreCounted) {
    Marc8Decoder decoder;
    std::string out;
    const auto problem = decoder.decode_field("ab\x1B(", true, out);  // escape cut short
    EXPECT_GE(problem.count, 1U);
    EXPECT_EQ(problem.offset, 2U);
    EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos);
    EXPECT_TRUE(out.starts_with("ab"));
}

TEST(Marc8Test, CombiningMarksEndingASubfieldAfterAnEscapeAreReplacedNotPassedToYaz) {
    // Found by tests/fuzz/fuzz_marc8: YAZ read past its input on these (a crash).
    Marc8Decoder decoder;
    std::string out;
    auto problem = decoder.decode_field("10\x1F" "aAb\x1Bs\xE1", false, out);
    EXPECT_EQ(out, "10\x1F" "aAb\xEF\xBF\xBD");
    EXPECT_EQ(problem.count, 1U);
    EXPECT_EQ(problem.offset, 8U);  // the grave accent (0xE1) with no letter after it
    out.clear();
    problem = decoder.decode_field("\x1B(B\xE1\xE2", true, out);
    EXPECT_EQ(out, "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(problem.count, 2U);
    EXPECT_EQ(problem.offset, 3U);
    // An escape MARC 21 does not define: its ESC is replaced, the rest read as text.
    out.clear();
    problem = decoder.decode_field("ab\x1B" "2N", true, out);
    EXPECT_EQ(out, "ab\xEF\xBF\xBD" "2N");
    EXPECT_EQ(problem.count, 1U);
    EXPECT_EQ(problem.offset, 2U);
    // Defined ones still switch sets: Basic Hebrew as G0 (ESC ( 2), alef is 0x60.
    out.clear();
    problem = decoder.decode_field("\x1B(2`\x1B(B", true, out);
    EXPECT_EQ(out, "\xD7\x90");
    EXPECT_EQ(problem.count, 0U);
    // A mark before its letter, after an escape, still decodes (e, then U+0300).
    out.clear();
    problem = decoder.decode_field("\x1Bs\xE1" "e", true, out);
    EXPECT_EQ(out, "e\xCC\x80");  // decomposed, as YAZ writes it
    EXPECT_EQ(problem.count, 0U);
}

TEST(Marc8Test, EveryByteOfEverySetDecodesWithoutCrashingInAnyPlace) {
    // YAZ read past its input on combining characters ending a run of text, in several
    // sets (found by tests/fuzz/fuzz_marc8). Every byte, in every set MARC-8 designates,
    // alone, before a letter, an escape, an undefined byte or itself, and after an escape:
    // the decoder must not crash (ASan, in the asan preset, sees any read past a buffer),
    // must write UTF-8, and must account for what it could not decode.
    const std::string designations[] = {"", "\x1Bg", "\x1B" "b", "\x1Bp", "\x1Bs", "\x1B(B", "\x1B(2", "\x1B(N",
                                        "\x1B(Q", "\x1B(3", "\x1B(4", "\x1B(S", "\x1B(!E", "\x1B)2", "\x1B)N",
                                        "\x1B)3", "\x1B)4", "\x1B)S", "\x1B)B", "\x1B$1", "\x1B$)1"};
    Marc8Decoder decoder;
    std::size_t decoded = 0;
    for (const auto& set : designations) {
        for (int b = 1; b < 256; ++b) {
            const std::string c(1, static_cast<char>(b));
            for (const auto& text : {set + c, set + c + "a", set + c + "\x1Bs", set + c + "\x80", set + c + c,
                                     "\x1Bs" + set + c, set + "a" + c}) {
                for (const bool control : {true, false}) {
                    std::string out;
                    const auto problem = decoder.decode_field(control ? text : "10\x1F" "a" + text, control, out);
                    ASSERT_EQ(find_invalid_utf8(out), std::string_view::npos);
                    if (out.find("\xEF\xBF\xBD") != std::string::npos) {
                        ASSERT_GT(problem.count, 0U);
                    }
                    ++decoded;
                }
            }
        }
    }
    EXPECT_EQ(decoded, 21U * 255U * 7U * 2U);
}

} // namespace
} // namespace marcaudit::record
