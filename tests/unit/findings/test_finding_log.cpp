// The finding log keeps a run's findings compact and, past its memory limit, in a temporary
// file. Whatever it keeps where, it must give back exactly what it was given, in order, and
// the reports must not change.

#include <sstream>
#include <vector>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "marcaudit/findings/finding_log.hpp"
#include "marcaudit/report/reports.hpp"
#include "test_support.hpp"

namespace marcaudit {
namespace {

/// Every field of a finding, for comparing.
std::string fields_of(const Finding& f) {
    std::ostringstream s;
    s << f.rule_id << '|' << static_cast<int>(f.severity) << '|' << f.source_index << '|' << f.record_number << '|'
      << f.byte_offset << '|' << f.control_number << '|' << f.tag << '|' << f.occurrence << '|' << f.position << '|'
      << f.message << '|' << f.value << '|' << f.fix;
    return s.str();
}

/// The bibliographic and vendor test files, five times over (five copies: a file named twice
/// is audited once): real records with several blocks' worth of findings.
std::vector<std::string> real_batch() {
    namespace fs = std::filesystem;
    static std::vector<std::string> inputs = [] {
        std::vector<std::string> out;
        for (int i = 0; i < 5; ++i) {
            for (const char* dir : {"bib", "vendor"}) {
                const auto copy = test::test_temp_dir("finding-log") / fmt::format("{}-{}", dir, i);
                fs::remove_all(copy);
                fs::create_directories(copy);
                fs::copy(test::test_data() / dir, copy, fs::copy_options::recursive);
                out.push_back(copy.string());
            }
        }
        return out;
    }();
    return inputs;
}

engine::AuditResult audit_keeping(std::size_t findings_memory, unsigned threads = 1) {
    engine::AuditOptions options;
    options.inputs = real_batch();
    options.threads = threads;
    options.findings_memory = findings_memory;
    return engine::run_audit(options);
}

TEST(FindingLogTest, GivesBackEveryFindingInOrderFromMemoryAndFromTheFile) {
    const auto reference = audit_keeping(FindingLog::default_memory_limit);
    ASSERT_GT(reference.findings.size(), 3 * FindingLog::block_size);  // several sealed blocks
    std::vector<std::string> expected;
    for (const auto& f : reference.findings) {
        expected.push_back(fields_of(f));
    }
    ASSERT_EQ(expected.size(), reference.findings.size());
    EXPECT_EQ(reference.findings.bytes_on_disk(), 0U);

    // The same findings through logs that keep nothing, and one block, in memory.
    for (const std::size_t limit : {std::size_t{0}, std::size_t{200000}}) {
        FindingLog log{limit};
        for (const auto& f : reference.findings) {
            log.push_back(f);
        }
        ASSERT_EQ(log.size(), expected.size());
        EXPECT_GT(log.bytes_on_disk(), 0U) << limit;
        EXPECT_LE(log.bytes_in_memory(), limit);
        std::size_t i = 0;
        for (const auto& f : log) {
            ASSERT_EQ(fields_of(f), expected[i]) << "finding " << i << ", memory limit " << limit;
            ++i;
        }
        EXPECT_EQ(i, expected.size());
        // Random access and block access agree with iteration.
        const std::size_t last = expected.size() - 1;
        EXPECT_EQ(fields_of(log[last]), expected[last]);
        EXPECT_EQ(fields_of(log.at(FindingLog::block_size)), expected[FindingLog::block_size]);
        EXPECT_THROW((void)log.at(expected.size()), std::out_of_range);
        std::vector<std::size_t> some{1, FindingLog::block_size + 7, last};
        std::vector<std::string> visited;
        log.visit(some, [&](std::size_t k, const Finding& f) { visited.push_back(std::to_string(k) + fields_of(f)); });
        ASSERT_EQ(visited.size(), 3U);
        EXPECT_EQ(visited[2], std::to_string(last) + expected[last]);
    }
}

TEST(FindingLogTest, EncodedFindingsTakeAFractionOfTheirSizeInMemory) {
    const auto result = audit_keeping(FindingLog::default_memory_limit);
    const auto sealed = (result.findings.size() / FindingLog::block_size) * FindingLog::block_size;
    ASSERT_GT(sealed, 0U);
    std::uint64_t heap = 0;  // what the same findings take as Finding objects
    std::size_t i = 0;
    for (const auto& f : result.findings) {
        if (i++ == sealed) {
            break;
        }
        heap += sizeof(Finding);
        for (const auto* s : {&f.control_number, &f.tag, &f.position, &f.message, &f.value, &f.fix}) {
            if (s->capacity() > 15) {  // beyond the small-string buffer: a heap block (glibc)
                heap += (s->capacity() + 1 + 8 + 15) / 16 * 16;
            }
        }
    }
    // Text is most of it (messages of a few hundred bytes), so no more than 2/3 is to be had.
    EXPECT_LT(result.findings.bytes_in_memory() * 3, heap * 2)
        << result.findings.bytes_in_memory() << " bytes encoded, " << heap << " as objects";
}

TEST(FindingLogTest, ReportsAreTheSameWhenTheFindingsGoToTheTemporaryFile) {
    const auto in_memory = audit_keeping(FindingLog::default_memory_limit, 2);
    const auto on_disk = audit_keeping(0, 2);
    EXPECT_GT(on_disk.findings.bytes_on_disk(), 0U);
    EXPECT_EQ(test::json_report(in_memory), test::json_report(on_disk));
    std::ostringstream a;
    std::ostringstream b;
    report::write_text(in_memory, a);
    report::write_text(on_disk, b);
    EXPECT_EQ(a.str(), b.str());
    std::ostringstream csv_a;
    std::ostringstream csv_b;
    report::write_findings_csv(in_memory, csv_a, false);
    report::write_findings_csv(on_disk, csv_b, false);
    EXPECT_EQ(csv_a.str(), csv_b.str());
    EXPECT_GT(csv_a.str().size(), 100000U);
}

TEST(TallyLogTest, GivesBackEveryTallyInOrderFromMemoryAndFromTheFile) {
    const auto reference = audit_keeping(FindingLog::default_memory_limit);
    auto fields = [](const engine::RecordTally& t) {
        std::ostringstream s;
        s << t.source_index << '|' << t.record_number << '|' << t.control_number << '|' << t.findings << '|'
          << t.by_severity[0] << '|' << t.by_severity[1] << '|' << t.by_severity[2] << '|' << t.penalty << '|'
          << t.rejected;
        return s.str();
    };
    // The real tallies five times over: more than two full blocks.
    std::vector<std::string> expected;
    engine::TallyLog log{0};  // every full block to the temporary file
    for (int round = 0; round < 5; ++round) {
        for (const auto& t : reference.record_tallies) {
            expected.push_back(fields(t));
            log.push_back(t);
        }
    }
    ASSERT_GT(expected.size(), 2 * engine::TallyLog::block_size);
    ASSERT_EQ(log.size(), expected.size());
    std::size_t i = 0;
    for (const auto& t : log) {
        ASSERT_EQ(fields(t), expected[i]) << "tally " << i;
        ++i;
    }
    EXPECT_EQ(fields(log[expected.size() - 1]), expected.back());
}

TEST(FindingLogTest, AFolderThatCannotTakeTheFileIsAClearError) {
    FindingLog log{0, "/nonexistent/marcaudit-spill"};
    Finding f;
    f.rule_id = "marc21-tag-undefined";
    f.message = "a message";
    for (std::size_t i = 0; i < FindingLog::block_size; ++i) {
        log.push_back(f);
    }
    try {
        log.push_back(f);  // seals the first block, which must go to the file
        FAIL() << "no error";
    } catch (const FindingLogError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("/nonexistent/marcaudit-spill"), std::string::npos) << what;
        EXPECT_NE(what.find("TMPDIR"), std::string::npos) << what;
    }
}

} // namespace
} // namespace marcaudit
