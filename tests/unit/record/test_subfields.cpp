// split_subfields() finds exactly the subfields FieldView::subfields() yields, on every data
// field of the real files in tests/data (and on the odd cases: "$$b", a delimiter at the end).

#include <atomic>

#include <gtest/gtest.h>

#include "marcaudit/engine/pipeline.hpp"
#include "marcaudit/io/input.hpp"
#include "marcaudit/record/record_view.hpp"
#include "test_support.hpp"

namespace marcaudit::test {
namespace {

bool same(const record::FieldView& field, std::vector<record::SubfieldView>& scratch) {
    scratch.clear();
    record::split_subfields(field.data(), scratch);
    std::size_t i = 0;
    for (const auto& sf : field.subfields()) {
        if (i >= scratch.size() || scratch[i].code != sf.code || scratch[i].value.data() != sf.value.data() ||
            scratch[i].value.size() != sf.value.size()) {
            return false;
        }
        ++i;
    }
    return i == scratch.size();
}

TEST(SubfieldSplitTest, OddCasesMatchTheIterator) {
    std::vector<record::SubfieldView> scratch;
    for (const std::string data : {"10\x1F" "aTitle\x1F" "\x1F" "bsub", "10\x1F" "aEnds with a delimiter\x1F",
                                   "10", "10junk\x1F" "aafter junk", "\x1F", "10\x1F" "a", "10\x1F" "a12345678\x1F" "b"
                                   "0123456789abcdef\x1F" "c"}) {
        const record::FieldView field{"245", data, 0};
        EXPECT_TRUE(same(field, scratch)) << data;
    }
}

TEST(SubfieldSplitTest, EveryDataFieldOfTheTestFilesMatchesTheIterator) {
    std::atomic<std::uint64_t> fields{0};
    std::atomic<std::uint64_t> mismatches{0};
    std::vector<engine::SourceInfo> sources;
    engine::run_pipeline(
        io::expand_inputs({test_data().string()}), {2, {}},
        [&](const record::RecordView& r, FindingSink&, std::string&) {
            thread_local std::vector<record::SubfieldView> scratch;
            for (const auto& f : r.fields()) {
                if (!f.is_control()) {
                    ++fields;
                    mismatches += same(f, scratch) ? 0 : 1;
                }
            }
        },
        [](engine::BatchResult&&) {}, sources);
    EXPECT_GT(fields.load(), 10000U);
    EXPECT_EQ(mismatches.load(), 0U);
}

} // namespace
} // namespace marcaudit::test
