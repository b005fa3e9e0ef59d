#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "marcaudit/rules/catalog.hpp"
#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules {
namespace {

TEST(CatalogTest, IdsAreSortedUniqueAndNamedByModule) {
    const auto all = builtin_rules();
    ASSERT_FALSE(all.empty());
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (i > 0) {
            EXPECT_LT(all[i - 1].id, all[i].id);
        }
        EXPECT_TRUE(all[i].id.starts_with(std::string{all[i].module} + "-")) << all[i].id;
        EXPECT_EQ(find_rule(all[i].id), &all[i]);
    }
    EXPECT_EQ(find_rule("no-such-rule"), nullptr);
}

TEST(CatalogTest, EveryRegisteredRuleHasItsDocPage) {
    for (const auto& e : builtin_registry().entries()) {
        const auto& r = e.info;
        const auto page = std::filesystem::path{MARCAUDIT_DOCS_DIR} / "rules" / (std::string{r.id} + ".md");
        ASSERT_TRUE(std::filesystem::exists(page)) << "missing doc page " << page;
        std::ifstream in{page};
        std::string first;
        std::getline(in, first);
        EXPECT_EQ(first, "# " + std::string{r.id}) << page;
    }
}

} // namespace
} // namespace marcaudit::rules
