// Streamed input (stdin, gzip) is cut in chunks; records that straddle a chunk boundary must
// come out exactly as from the memory-mapped file. Tiny chunks force every boundary case.

#include <fstream>
#include <iterator>

#include <gtest/gtest.h>
#include <fmt/format.h>
#include <zlib.h>

#include "marcaudit/io/splitter.hpp"
#include "test_support.hpp"

namespace marcaudit::io {
namespace {

namespace fs = std::filesystem;

fs::path gzip_copy(const fs::path& source) {
    const auto dir = test::test_temp_dir("gzip");
    fs::create_directories(dir);
    const auto target = dir / (source.filename().string() + ".gz");
    std::ifstream in{source, std::ios::binary};
    const std::string bytes{std::istreambuf_iterator<char>{in}, {}};
    gzFile out = gzopen(target.c_str(), "wb");
    EXPECT_NE(out, nullptr);
    if (!bytes.empty()) {
        EXPECT_EQ(gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()));
    }
    gzclose(out);
    return target;
}

/// What must not depend on how the input was read.
std::string essence(const engine::AuditResult& r) {
    std::string s = fmt::format("read={} audited={} rejected={} format={}\n", r.records.read, r.records.audited,
                                r.records.rejected, to_string(r.sources.at(0).info.format));
    for (const auto& rej : r.rejections) {
        s += fmt::format("R {} {} {}\n", rej.record_number, rej.byte_offset, rej.reason);
    }
    for (const auto& f : r.findings) {
        s += fmt::format("F {} {} {} {} {}\n", f.rule_id, f.record_number, f.byte_offset, f.tag, f.message);
    }
    return s;
}

engine::AuditResult audit_with_chunk(const fs::path& path, std::size_t chunk) {
    engine::AuditOptions options;
    options.inputs = {path.string()};
    options.threads = 2;
    options.batch.max_records = 7;
    options.batch.stream_chunk = chunk;
    return engine::run_audit(options);
}

TEST(SplitterTest, GzipStreamedInTinyChunksEqualsMappedFile) {
    for (const auto* name : {"bib/openlibrary-ia-contributed-records-69.mixed.mrc", "marc8/evergreen-hebrew-20.marc8.mrc",
                             "marcxml/perl-marc-xml-batch-prefixed-ns-10.xml",
                             "malformed/watson-statedept-dotmrc-is-marcedit-mnemonic-text.mrc",
                             "malformed/qa-catalogue-newline-separated-20.mrc", "malformed/perl-badldr-7.usmarc",
                             "malformed/truncated-at-65536-bytes-data-planet-19.mrc",
                             "malformed/ruby-marc-three-records-second-bad.xml",
                             "malformed/vufind-invalid-marc-collection.xml",
                             "malformed/pymarc-bad-indicator-trailing-space-padding.dat"}) {
        SCOPED_TRACE(name);
        const auto plain = test::test_data() / name;
        const auto mapped = test::audit({plain.string()});
        EXPECT_FALSE(mapped.sources.at(0).info.gzip);
        const auto gz = gzip_copy(plain);
        for (const std::size_t chunk : {std::size_t{64}, std::size_t{1000}, std::size_t{1} << 20U}) {
            SCOPED_TRACE(chunk);
            const auto streamed = audit_with_chunk(gz, chunk);
            EXPECT_TRUE(streamed.sources.at(0).info.gzip);
            EXPECT_EQ(essence(streamed), essence(mapped));
        }
    }
    fs::remove_all(test::test_temp_dir("gzip"));
}

TEST(SplitterTest, RecordsAreNumberedAndOffsetsPointAtLeaders) {
    const auto path = test::test_data() / "bib" / "traject-test-data-30.utf8.mrc";
    std::ifstream in{path, std::ios::binary};
    const std::string bytes{std::istreambuf_iterator<char>{in}, {}};
    Splitter splitter{path.string(), 0, BatchLimits{4, 1U << 20U, 1U << 20U}};
    EXPECT_EQ(splitter.format(), Format::iso2709);
    std::uint64_t expected_number = 1;
    std::size_t batches = 0;
    while (auto batch = splitter.next()) {
        ++batches;
        EXPECT_LE(batch->records.size(), 4U);
        for (const auto& r : batch->records) {
            EXPECT_EQ(r.record_number, expected_number++);
            EXPECT_EQ(r.end, RecordEnd::as_declared);
            EXPECT_EQ(bytes.substr(r.byte_offset, r.bytes.size()), r.bytes);
            EXPECT_EQ(std::stoul(std::string{r.bytes.substr(0, 5)}), r.bytes.size());
        }
    }
    EXPECT_EQ(expected_number, 31U);
    EXPECT_EQ(batches, 8U);  // 30 records, 4 a batch
}

} // namespace
} // namespace marcaudit::io
