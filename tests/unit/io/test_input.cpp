#include <fstream>

#include <gtest/gtest.h>

#include "marcaudit/io/input.hpp"
#include "test_support.hpp"

namespace marcaudit::io {
namespace {

namespace fs = std::filesystem;

TEST(DetectFormatTest, ContentDecidesNotTheName) {
    EXPECT_EQ(detect_format(""), Format::empty);
    EXPECT_EQ(detect_format("01201nam  2200253 a 4500001"), Format::iso2709);
    EXPECT_EQ(detect_format("<?xml version=\"1.0\"?><collection>"), Format::marcxml);
    EXPECT_EQ(detect_format("\xEF\xBB\xBF  <marc:collection xmlns:marc=\"x\">"), Format::marcxml);
    EXPECT_EQ(detect_format("=LDR  01201nam\\\\2200253\\a\\4500\n=001  x\n"), Format::mnemonic);
    EXPECT_EQ(detect_format("foo<?xml version=\"1.0\"?>"), Format::marcxml);
    EXPECT_EQ(detect_format(std::string_view{"\x00\x01garbage", 9}), Format::iso2709);
}

TEST(ExpandInputsTest, DirectoriesAreReadRecursivelyInSortedOrder) {
    const auto files = expand_inputs({(test::test_data() / "vendor").string()});
    ASSERT_EQ(files.size(), 3U);
    EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
    EXPECT_TRUE(files[0].ends_with("data-planet-records-54-56-5.utf8.mrc"));
}

TEST(ExpandInputsTest, MissingFileIsAnInputErrorNamingIt) {
    try {
        (void)expand_inputs({"/nonexistent/catalog.mrc"});
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_NE(std::string{e.what()}.find("/nonexistent/catalog.mrc"), std::string::npos);
    }
}

TEST(ExpandInputsTest, StdinIsKept) { EXPECT_EQ(expand_inputs({"-"}), std::vector<std::string>{"-"}); }

} // namespace
} // namespace marcaudit::io
