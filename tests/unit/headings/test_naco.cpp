// NACO normalization, case by case from the PCC Authority File Comparison Rules (2009
// revision, Appendix A): case, diacritics, special letters, punctuation, the first comma in
// $a, digits, blanks; Latin, Cyrillic, Greek, Hebrew, Arabic romanization, CJK.

#include <gtest/gtest.h>

#include "marcaudit/headings/naco.hpp"

namespace marcaudit::headings {
namespace {

struct Case {
    const char* input;
    bool in_a;  ///< the value is a $a: its first comma is kept
    const char* expected;
};

// clang-format off
const Case k_cases[] = {
    // Case: letters to upper case, full case mapping.
    {"Twain, Mark", true, "TWAIN, MARK"},
    {"twain, mark", true, "TWAIN, MARK"},
    {"Straße", false, "STRASSE"},                       // ß -> SS
    {"İstanbul", false, "ISTANBUL"},                    // dotted capital I keeps no dot
    {"ıstanbul", false, "ISTANBUL"},                    // dotless i
    // Diacritics removed.
    {"Dvořák, Antonín", true, "DVORAK, ANTONIN"},
    {"Brontë, Charlotte", true, "BRONTE, CHARLOTTE"},
    {"Gödel, Kurt", true, "GODEL, KURT"},
    {"Françoise", false, "FRANCOISE"},
    {"Havel, Václav", true, "HAVEL, VACLAV"},
    {"Ch'ün", false, "CHUN"},                           // apostrophe deleted, umlaut removed
    {"Nguyễn, Du", true, "NGUYEN, DU"},                 // stacked diacritics
    {"Łódź (Poland)", false, "LODZ POLAND"},             // Ł special letter, ó and ź diacritics
    {"Ångström", false, "ANGSTROM"},
    {"Cañón", false, "CANON"},
    {"Dvor\xCC\x8C" "a\xCC\x81k", false, "DVORAK"},  // decomposed input (r + combining caron, a + acute)
    {"e\xCC\x81te\xCC\x81", false, "ETE"},              // combining acute after e
    // Special letters.
    {"Æthelred", false, "AETHELRED"},
    {"æsthetics", false, "AESTHETICS"},
    {"Œuvres", false, "OEUVRES"},
    {"œuvre", false, "OEUVRE"},
    {"Þórr", false, "THORR"},
    {"þorn", false, "THORN"},
    {"Đorđević", false, "DORDEVIC"},
    {"Ðoàn", false, "DOAN"},
    {"Søren Kierkegaard", false, "SOREN KIERKEGAARD"},
    {"øre", false, "ORE"},
    {"Wałęsa, Lech", true, "WALESA, LECH"},
    // Modifier letters (alif, ayn, soft signs) removed.
    {"ʻAbd Allāh", false, "ABD ALLAH"},
    {"Qurʼān", false, "QURAN"},
    {"Solzhenit͡syn", false, "SOLZHENITSYN"},           // ligature tie (combining double inverted breve)
    {"Mikhaĭl Gorbachev", false, "MIKHAIL GORBACHEV"},
    {"Ilʹich", false, "ILICH"},                         // soft sign (modifier prime)
    // Compatibility forms: ligatures, superscripts, full-width letters.
    {"ﬁnance", false, "FINANCE"},
    {"ﬂute", false, "FLUTE"},
    {"H₂O", false, "H2O"},
    {"E = mc²", false, "E MC2"},
    {"ＦＵＬＬ", false, "FULL"},
    // Apostrophes and square brackets deleted, not blanked.
    {"O'Brien, Flann", true, "OBRIEN, FLANN"},
    {"O’Brien", false, "OBRIEN"},                       // right single quotation mark as apostrophe
    {"[Untitled]", false, "UNTITLED"},
    {"Mark [pseud.]", false, "MARK PSEUD"},
    // Other punctuation and symbols to blanks.
    {"Large-Scale Computer Analysis", false, "LARGE SCALE COMPUTER ANALYSIS"},
    {"Twain, Mark, 1835-1910", true, "TWAIN, MARK 1835 1910"},   // only the first comma kept
    {"1835-1910.", false, "1835 1910"},
    {"Smith, John, Jr.", true, "SMITH, JOHN JR"},
    {"Smith, John", false, "SMITH JOHN"},               // not $a: no comma kept
    {"Alexander Gray Associates,", true, "ALEXANDER GRAY ASSOCIATES"},  // a comma ending $a is not kept
    {"United States. Congress.", false, "UNITED STATES CONGRESS"},
    {"What? Why!", false, "WHAT WHY"},
    {"(Firm)", false, "FIRM"},
    {"\"Quoted\"", false, "QUOTED"},
    {"a/b\\c", false, "A B C"},
    {"50% off", false, "50 OFF"},
    {"¿Qué?", false, "QUE"},
    {"«Война»", false, "ВОИНА"},                        // guillemets blank; й -> И (breve removed)
    // Kept symbols: + & @ # ♭ ♯.
    {"Johnson & Johnson", false, "JOHNSON & JOHNSON"},
    {"C++ programming", false, "C++ PROGRAMMING"},
    {"@home", false, "@HOME"},
    {"C#", false, "C#"},
    {"Sonata in B♭ major", false, "SONATA IN B♭ MAJOR"},
    {"Prelude in C♯ minor", false, "PRELUDE IN C♯ MINOR"},
    // Blanks collapsed and trimmed.
    {"  Smith ,   John  ", true, "SMITH, JOHN"},
    {"A  --  B", false, "A B"},
    {"", false, ""},
    {"...", false, ""},
    // Digits of any script to ASCII.
    {"١٩٨٤", false, "1984"},                            // Arabic-Indic
    {"२०२४", false, "2024"},                            // Devanagari
    {"Ⅻ", false, "XII"},                                // Roman numeral: NFKD gives letters
    // Other scripts: letters kept, upper-cased where the script has case, marks removed.
    {"Толстой, Лев", true, "ТОЛСТОИ, ЛЕВ"},
    {"Достоевский, Фёдор Михайлович", true, "ДОСТОЕВСКИИ, ФЕДОР МИХАИЛОВИЧ"},
    {"Ἀριστοτέλης", false, "ΑΡΙΣΤΟΤΕΛΗΣ"},               // Greek breathing and accent removed
    {"Ωμέγα", false, "ΩΜΕΓΑ"},
    {"שָׁלוֹם", false, "שלום"},                           // Hebrew points removed
    {"毛泽东", false, "毛泽东"},                          // CJK unchanged
    {"東京 (日本)", false, "東京 日本"},
    {"ソニー株式会社", false, "ソニー株式会社"},          // the prolonged sound mark ー is a letter: kept
};
// clang-format on

TEST(NacoTest, ConformanceTable) {
    for (const auto& c : k_cases) {
        EXPECT_EQ(naco_normalize(c.input, c.in_a), c.expected) << "input: " << c.input;
    }
    EXPECT_GE(std::size(k_cases), 60U);
}

TEST(NacoTest, AsciiFastPathAgreesWithTheUnicodePath) {
    // The same ASCII text with one non-ASCII character appended takes the ICU path.
    const char* samples[] = {"Twain, Mark, 1835-1910.", "O'Brien [pseud.]", "Johnson & Johnson, Inc.", "  a  b  ",
                             "C++ (Computer program language)", "50% off!"};
    for (const char* s : samples) {
        for (const bool in_a : {false, true}) {
            const std::string ascii = naco_normalize(s, in_a);
            const std::string unicode = naco_normalize(std::string{s} + " \xC3\xA9", in_a);  // + " é"
            EXPECT_EQ(unicode, ascii.empty() ? "E" : ascii + " E") << s;
        }
    }
}

TEST(NacoTest, NormalizingANormalizedKeyChangesNothing) {
    // Found by tests/fuzz/fuzz_naco: a modifier letter (ˡ, U+02E1) decomposes to a
    // lower-case l, which upper-casing before decomposition missed; invalid bytes around it.
    const std::string fuzzed = "1ks\x19nvo\xC5\x99\xCB\xA1$c\xFF\x80\x80\x80\x80\x80\x80\x80$\xFF" "6.K+$\x80\x80vC";
    const auto once = naco_normalize(fuzzed);
    EXPECT_EQ(once, "1KS NVORL C 6 K+ VC");
    EXPECT_EQ(naco_normalize(once), once);
    for (const char* s : {"Ca\xCB\xA1le", "\xEF\xAC\x81n", "Stra\xC3\x9F" "e", "\xC3\x85ngstr\xC3\xB6m"}) {  // caˡle, ﬁn, Straße, Ångström
        const auto key = naco_normalize(s);
        EXPECT_EQ(naco_normalize(key), key) << s;
    }
}

TEST(NacoTest, KeyKeepsSubfieldBoundariesAndLeavesOutOtherCodes) {
    const record::SubfieldView twain[] = {{'a', "Twain, Mark,"}, {'d', "1835-1910."}, {'e', "author."}, {'0', "n79021164"}};
    EXPECT_EQ(naco_key(twain, "abcdq"), "\x1F" "aTWAIN, MARK\x1F" "d1835 1910");
    const record::SubfieldView run_together[] = {{'a', "Twain, Mark, 1835-1910."}};
    EXPECT_NE(naco_key(run_together, "abcdq"), naco_key(twain, "abcdq"));
    // Forms that differ only in case, diacritics and punctuation share a key.
    const record::SubfieldView a[] = {{'a', "Dostoevsky, Fyodor,"}, {'d', "1821-1881"}};
    const record::SubfieldView b[] = {{'a', "DOSTOEVSKY, FYODOR"}, {'d', "1821-1881."}};
    EXPECT_EQ(naco_key(a, "abcdq"), naco_key(b, "abcdq"));
}

} // namespace
} // namespace marcaudit::headings
