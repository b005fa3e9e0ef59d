// The same records through different readers and encodings come out the same: ISO 2709 vs
// MARCXML twins, MARC-8 vs UTF-8 twins, and ISO 2709 → mnemonic text → mnemonic reader.

#include <algorithm>
#include <fstream>

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "test_support.hpp"

namespace marcaudit::test {
namespace {

namespace fs = std::filesystem;

/// The mnemonic text without the leader's record length (00-04) and base address (12-16),
/// which legitimately differ between serializations, nor Leader/09 when asked.
std::string without_leader_lengths(const std::string& record, bool ignore_coding) {
    std::string s = record;
    if (s.starts_with("=LDR  ") && s.size() >= 6 + 24) {
        s.replace(6, 5, "#####");
        s.replace(6 + 12, 5, "#####");
        if (ignore_coding) {
            s[6 + 9] = '#';
        }
    }
    return s;
}

std::string nfc(const std::string& s) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    std::string out;
    n->normalize(icu::UnicodeString::fromUTF8(s), status).toUTF8String(out);
    EXPECT_TRUE(U_SUCCESS(status));
    return out;
}

void expect_same_records(const std::vector<std::string>& a, const std::vector<std::string>& b,
                         bool ignore_coding, const std::function<std::string(const std::string&)>& prepare) {
    ASSERT_EQ(a.size(), b.size());
    ASSERT_FALSE(a.empty());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(prepare(without_leader_lengths(a[i], ignore_coding)),
                  prepare(without_leader_lengths(b[i], ignore_coding)))
            << "record " << i + 1;
    }
}

std::string identity(const std::string& s) { return s; }

TEST(ReadersAgreeTest, IsoAndMarcxmlTwinsGiveIdenticalRecords) {
    for (const auto& name : {"loc-catalog-z3950-perl-query-50", "traject-test-data-30"}) {
        SCOPED_TRACE(name);
        const auto iso = dump_records((test_data() / "bib" / (std::string{name} + ".utf8.mrc")).string());
        const auto xml = dump_records((test_data() / "marcxml" / (std::string{name} + ".xml")).string());
        expect_same_records(iso, xml, false, identity);
    }
}

TEST(ReadersAgreeTest, Marc8DecodesToTheTextOfItsUtf8Twin) {
    // MARC-8 has no en dash: the exporter of the Watson set wrote "-" where the UTF-8 twin
    // has "–", so the comparison maps en dashes to hyphens. Everything else must match
    // exactly after NFC (MARC-8 decodes to decomposed letters + combining marks).
    auto prepare = [](const std::string& s) {
        std::string out = nfc(s);
        for (std::size_t p = out.find("\u2013"); p != std::string::npos; p = out.find("\u2013", p)) {
            out.replace(p, 3, "-");
        }
        return out;
    };
    for (const auto& name : {"marc4j-brkrtest-8", "watson-met-aaap-pdf-records-2024-03-133"}) {
        SCOPED_TRACE(name);
        const auto utf8 = dump_records((test_data() / "bib" / (std::string{name} + ".utf8.mrc")).string());
        const auto marc8 = dump_records((test_data() / "marc8" / (std::string{name} + ".marc8.mrc")).string());
        expect_same_records(utf8, marc8, true, prepare);
    }
}

TEST(ReadersAgreeTest, Marc8DecodingProducesRealDiacriticsAndScripts) {
    const auto records = dump_records((test_data() / "marc8" / "marc4j-brkrtest-8.marc8.mrc").string());
    ASSERT_EQ(records.size(), 8U);
    std::string all;
    for (const auto& r : records) {
        all += nfc(r);
    }
    EXPECT_NE(all.find("ℓ"), std::string::npos);  // script small l, from ANSEL 0xC1
    const auto scripts = dump_records((test_data() / "marc8" / "perl-marc-charset-nonlatin-scripts-9.marc8.mrc").string());
    std::string text;
    for (const auto& r : scripts) {
        text += r;
    }
    // CJK (EACC), Cyrillic and Hebrew come out as their Unicode blocks.
    auto has_range = [&](char32_t lo, char32_t hi) {
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
        for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
            const auto c = static_cast<char32_t>(u.char32At(i));
            if (c >= lo && c <= hi) {
                return true;
            }
        }
        return false;
    };
    EXPECT_TRUE(has_range(0x4E00, 0x9FFF)) << "no CJK ideographs";
    EXPECT_TRUE(has_range(0x0400, 0x04FF)) << "no Cyrillic";
    EXPECT_TRUE(has_range(0x0590, 0x05FF)) << "no Hebrew";
    EXPECT_EQ(text.find("\xEF\xBF\xBD"), std::string::npos) << "replacement characters in clean MARC-8";
}

TEST(ReadersAgreeTest, MnemonicTextRoundTripsEveryField) {
    const auto dir = test_temp_dir("mnemonic");
    fs::create_directories(dir);
    for (const auto& name : {"bib/loc-catalog-z3950-perl-query-50.utf8.mrc", "bib/evergreen-rda-records-10.utf8.mrc",
                             "marc8/evergreen-hebrew-20.marc8.mrc", "vendor/data-planet-statistical-datasets-40.utf8.mrc"}) {
        SCOPED_TRACE(name);
        const auto original = dump_records((test_data() / name).string());
        const auto mrk = dir / "records.mrk";
        {
            std::ofstream out{mrk, std::ios::binary};
            for (const auto& r : original) {
                out << r;
            }
        }
        const auto again = dump_records(mrk.string());
        expect_same_records(original, again, true, identity);
    }
    fs::remove_all(dir);
}

TEST(ReadersAgreeTest, PrefixedAndDefaultNamespaceMarcxmlAgree) {
    const auto plain = dump_records((test_data() / "marcxml" / "perl-marc-xml-batch-10.xml").string());
    const auto prefixed = dump_records((test_data() / "marcxml" / "perl-marc-xml-batch-prefixed-ns-10.xml").string());
    expect_same_records(plain, prefixed, false, identity);
}

} // namespace
} // namespace marcaudit::test

namespace marcaudit::test {
namespace {

TEST(ReadersAgreeTest, WholeCorpusMarc8IsoAndUtf8MarcxmlTwinsAgree) {
    const auto root = corpus_root();
    if (!root) {
        GTEST_SKIP() << "SKIPPED: the whole corpus (../shared/corpus or $MARCAUDIT_CORPUS) is not here";
    }
    // SOURCES.tsv: the Evergreen "Concerto" French MARCXML set is the UTF-8 twin of the
    // Laurentian University MARC-8 file (same 001s).
    const auto marc8 = dump_records((*root / "marc8" / "evergreen-lul-french-pre1923-100.marc8.mrc").string());
    const auto xml = dump_records((*root / "marcxml" / "evergreen-concerto-french-bibs-100.xml").string());
    expect_same_records(marc8, xml, true, nfc);
    ASSERT_EQ(marc8.size(), 100U);
}

} // namespace
} // namespace marcaudit::test

namespace marcaudit::test {
namespace {

/// Pairs of files that SOURCES.tsv says hold the same records: "twin of X" (MARC-8/UTF-8)
/// and "same records as X" (ISO 2709/MARCXML). "repaired twin" pairs differ on purpose.
std::vector<std::pair<std::string, std::string>> twins_in_sources(const fs::path& root) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& row : read_sources(root)) {
        for (const std::string marker : {"twin of ", "same records as "}) {
            const auto at = row.notes.find(marker);
            if (at == std::string::npos || row.notes.rfind("repaired", at) != std::string::npos) {
                continue;
            }
            const auto start = at + marker.size();
            const auto end = row.notes.find_first_of(" ;)", start);
            const auto other = row.notes.substr(start, end - start);
            if (fs::exists(root / other) && row.file < other) {  // each pair once
                pairs.emplace_back(row.file, other);
            } else if (fs::exists(root / other) && other < row.file) {
                pairs.emplace_back(other, row.file);
            }
        }
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    return pairs;
}

void check_twins(const fs::path& root, std::size_t at_least) {
    auto prepare = [](const std::string& s) {
        std::string out = nfc(s);
        for (std::size_t p = out.find("\u2013"); p != std::string::npos; p = out.find("\u2013", p)) {
            out.replace(p, 3, "-");  // MARC-8 has no en dash (see above)
        }
        return out;
    };
    const auto pairs = twins_in_sources(root);
    EXPECT_GE(pairs.size(), at_least);
    for (const auto& [a, b] : pairs) {
        SCOPED_TRACE(a + " vs " + b);
        expect_same_records(dump_records((root / a).string()), dump_records((root / b).string()), true, prepare);
    }
}

TEST(ReadersAgreeTest, TwinsNamedInSourcesAgree) { check_twins(test_data(), 4); }

TEST(ReadersAgreeTest, WholeCorpusTwinsNamedInSourcesAgree) {
    const auto root = corpus_root();
    if (!root) {
        GTEST_SKIP() << "SKIPPED: the whole corpus (../shared/corpus or $MARCAUDIT_CORPUS) is not here";
    }
    check_twins(*root, 4);
}

} // namespace
} // namespace marcaudit::test
