// Throughput of each stage of the pipeline, one stage added at a time:
//
//   BM_Split             cut the file into batches of raw records (serial stage)
//   BM_SplitParse        + parse every record as ISO 2709 (serial here, no threads)
//   BM_SplitParseDecode  + decide each record's encoding (decoding MARC-8 when needed)
//   BM_Marc8Decode       MARC-8 → UTF-8 decoding alone, on the fields of a MARC-8 file
//   BM_AuditPipeline     engine::run_audit on the file, with 1 and 2 threads (wall time)
//
// Every benchmark checks its result against facts computed without the library (the number
// of record terminators 0x1D in the file) and against its own first iteration; a wrong
// result stops the benchmark with SkipWithError and makes the binary exit with status 1.
// Each reports records/s (items) and bytes/s.
//
// Inputs (environment variables, defaults chosen at configure time, see CMakeLists.txt):
//   MARCAUDIT_BENCH_FILE        a UTF-8 ISO 2709 file, e.g. one written by benchmarks/make_corpus
//   MARCAUDIT_BENCH_MARC8_FILE  a MARC-8 ISO 2709 file

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_common.hpp"
#include "marcaudit/engine/audit.hpp"
#include "marcaudit/findings/finding.hpp"
#include "marcaudit/io/batch.hpp"
#include "marcaudit/io/splitter.hpp"
#include "marcaudit/record/builder.hpp"
#include "marcaudit/record/encoding.hpp"
#include "marcaudit/record/readers.hpp"
#include "marcaudit/record/record_view.hpp"

namespace {

using namespace marcaudit;
using bench::fail;
using bench::g_failed;

/// An input file and what it should yield, computed without the library.
struct InputFile {
    std::string path;
    std::uint64_t bytes = 0;
    std::uint64_t terminators = 0;  ///< record terminators (0x1D): the expected record count
    std::string error;              ///< why the file cannot be used, or empty
};

/// Reads the file named by environment variable `env` (or `fallback`) once, in 1 MiB chunks,
/// and counts its bytes and record terminators.
InputFile load_input(const char* env, const char* fallback) {
    InputFile in;
    const char* from_env = std::getenv(env);
    in.path = from_env != nullptr && *from_env != '\0' ? from_env : fallback;
    std::ifstream file{in.path, std::ios::binary};
    if (!file) {
        in.error = in.path + ": cannot be read (set " + env + " to an ISO 2709 file)";
        return in;
    }
    std::vector<char> chunk(1U << 20U);
    while (file) {
        file.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<std::size_t>(file.gcount());
        in.bytes += got;
        in.terminators += static_cast<std::uint64_t>(
            std::count(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(got), record::record_terminator));
    }
    if (file.bad()) {
        in.error = in.path + ": read error";
    } else if (in.terminators == 0) {
        in.error = in.path + ": holds no record terminator (0x1D): not an ISO 2709 file";
    }
    return in;
}

const InputFile& utf8_input() {
    static const InputFile in = load_input("MARCAUDIT_BENCH_FILE", MARCAUDIT_BENCH_DEFAULT_FILE);
    return in;
}

const InputFile& marc8_input() {
    static const InputFile in = load_input("MARCAUDIT_BENCH_MARC8_FILE", MARCAUDIT_BENCH_DEFAULT_MARC8_FILE);
    return in;
}

/// False (and the benchmark skipped) when the input cannot be used.
bool usable(benchmark::State& state, const InputFile& in) {
    if (!in.error.empty()) {
        fail(state, in.error);
        return false;
    }
    return true;
}

/// Records/s and bytes/s, for `records` records and `bytes` bytes per iteration.
void set_throughput(benchmark::State& state, std::uint64_t records, std::uint64_t bytes) {
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(records));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(bytes));
}

/// What one pass over the file produced; compared between iterations.
struct Tally {
    std::uint64_t records = 0;
    std::uint64_t rejected = 0;
    std::uint64_t fields = 0;
    std::uint64_t findings = 0;
    std::uint64_t ascii = 0;
    std::uint64_t utf8 = 0;
    std::uint64_t marc8 = 0;

    bool operator==(const Tally&) const = default;
};

/// Checks a pass: the record count must equal the number of terminators, and every pass
/// must produce the same tally as the first one. Returns false (benchmark stopped) otherwise.
bool check_tally(benchmark::State& state, const InputFile& in, const Tally& tally, Tally& reference,
                 bool& have_reference) {
    if (tally.records != in.terminators) {
        fail(state, "read " + std::to_string(tally.records) + " records, but " + in.path + " holds " +
                        std::to_string(in.terminators) + " record terminators");
        return false;
    }
    if (!have_reference) {
        reference = tally;
        have_reference = true;
    } else if (!(tally == reference)) {
        fail(state, "the result changed from one iteration to the next");
        return false;
    }
    return true;
}

void set_tally_counters(benchmark::State& state, const Tally& t) {
    state.counters["records"] = static_cast<double>(t.records);
    state.counters["rejected"] = static_cast<double>(t.rejected);
    state.counters["findings"] = static_cast<double>(t.findings);
}

// ---- BM_Split ----------------------------------------------------------------------------

void BM_Split(benchmark::State& state) {
    const InputFile& in = utf8_input();
    if (!usable(state, in)) {
        return;
    }
    try {
        for (auto _ : state) {
            io::Splitter splitter{in.path, 0};
            std::uint64_t records = 0;
            while (auto batch = splitter.next()) {
                records += batch->records.size();
            }
            if (records != in.terminators) {
                fail(state, "split " + std::to_string(records) + " records, but " + in.path + " holds " +
                                std::to_string(in.terminators) + " record terminators");
                break;
            }
        }
    } catch (const std::exception& e) {
        fail(state, e.what());
        return;
    }
    set_throughput(state, in.terminators, in.bytes);
}
BENCHMARK(BM_Split)->Unit(benchmark::kMillisecond);

// ---- BM_SplitParse and BM_SplitParseDecode --------------------------------------------------

/// One serial pass: split, parse each record, and with `decode` resolve its encoding.
/// Buffers are reused across records, as a pipeline worker does.
template <bool decode>
void split_parse(benchmark::State& state) {
    const InputFile& in = utf8_input();
    if (!usable(state, in)) {
        return;
    }
    std::vector<record::FieldView> fields;
    record::RecordBuilder builder;
    record::Marc8Decoder decoder;
    FindingSink sink;
    Tally reference;
    bool have_reference = false;
    try {
        for (auto _ : state) {
            Tally tally;
            io::Splitter splitter{in.path, 0};
            while (auto batch = splitter.next()) {
                for (const io::RawRecord& raw : batch->records) {
                    ++tally.records;
                    sink.begin_record(0, raw.record_number);
                    const record::ParseResult parsed = record::parse_iso2709(raw, fields, sink);
                    if (parsed.rejected) {
                        ++tally.rejected;
                        continue;
                    }
                    if constexpr (decode) {
                        switch (record::resolve_encoding(parsed.leader, raw.byte_offset, fields, builder, decoder,
                                                         sink)) {
                            case record::Encoding::ascii: ++tally.ascii; break;
                            case record::Encoding::utf8: ++tally.utf8; break;
                            case record::Encoding::marc8: ++tally.marc8; break;
                        }
                    }
                    tally.fields += fields.size();
                }
                tally.findings += batch->file_findings.size() + sink.take().size();
            }
            if (!check_tally(state, in, tally, reference, have_reference)) {
                break;
            }
        }
    } catch (const std::exception& e) {
        fail(state, e.what());
        return;
    }
    set_throughput(state, in.terminators, in.bytes);
    set_tally_counters(state, reference);
    if constexpr (decode) {
        state.counters["marc8"] = static_cast<double>(reference.marc8);
    }
}

void BM_SplitParse(benchmark::State& state) { split_parse<false>(state); }
void BM_SplitParseDecode(benchmark::State& state) { split_parse<true>(state); }
BENCHMARK(BM_SplitParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SplitParseDecode)->Unit(benchmark::kMillisecond);

// ---- BM_Marc8Decode ---------------------------------------------------------------------

/// One field that needs decoding, as the pipeline would hand it to the decoder.
struct Marc8Field {
    std::string_view data;
    bool control = false;
};

/// Decodes every MARC-8 field of the MARC-8 file. Splitting and parsing happen once, before
/// timing; only `Marc8Decoder::decode_field` is timed. Bytes/s counts the field bytes that
/// go through the decoder (fields with only ASCII are never decoded, as in the pipeline).
void BM_Marc8Decode(benchmark::State& state) {
    const InputFile& in = marc8_input();
    if (!usable(state, in)) {
        return;
    }
    std::vector<io::Batch> batches;  // keep the bytes the fields point into alive
    std::vector<Marc8Field> work;
    std::uint64_t records = 0;
    std::uint64_t field_bytes = 0;
    try {
        io::Splitter splitter{in.path, 0};
        std::vector<record::FieldView> fields;
        FindingSink sink;
        while (auto batch = splitter.next()) {
            for (const io::RawRecord& raw : batch->records) {
                ++records;
                sink.begin_record(0, raw.record_number);
                if (record::parse_iso2709(raw, fields, sink).rejected) {
                    continue;
                }
                for (const auto& f : fields) {
                    if (record::needs_decoding(f.data())) {
                        work.push_back(Marc8Field{f.data(), f.is_control()});
                        field_bytes += f.data().size();
                    }
                }
            }
            (void)sink.take();
            batches.push_back(std::move(*batch));
        }
    } catch (const std::exception& e) {
        fail(state, e.what());
        return;
    }
    if (records != in.terminators) {
        fail(state, "read " + std::to_string(records) + " records, but " + in.path + " holds " +
                        std::to_string(in.terminators) + " record terminators");
        return;
    }
    if (work.empty()) {
        fail(state, in.path + ": no field needs decoding: not a MARC-8 file");
        return;
    }

    // The reference pass, untimed: every decoded field must be valid UTF-8.
    record::Marc8Decoder decoder;
    std::string out;
    std::uint64_t ref_out_bytes = 0;
    std::uint64_t ref_problems = 0;
    for (const auto& f : work) {
        out.clear();
        ref_problems += decoder.decode_field(f.data, f.control, out).count;
        ref_out_bytes += out.size();
        if (record::find_invalid_utf8(out) != std::string_view::npos) {
            fail(state, "the decoder wrote invalid UTF-8 for the field \"" + display_value(f.data) + "\"");
            return;
        }
    }

    for (auto _ : state) {
        std::uint64_t out_bytes = 0;
        std::uint64_t problems = 0;
        for (const auto& f : work) {
            out.clear();
            problems += decoder.decode_field(f.data, f.control, out).count;
            out_bytes += out.size();
        }
        benchmark::DoNotOptimize(out.data());
        if (out_bytes != ref_out_bytes || problems != ref_problems) {
            fail(state, "the decoded output changed from one iteration to the next");
            break;
        }
    }
    set_throughput(state, records, field_bytes);
    state.counters["fields"] = static_cast<double>(work.size());
    state.counters["problems"] = static_cast<double>(ref_problems);
}
BENCHMARK(BM_Marc8Decode)->Unit(benchmark::kMillisecond);

// ---- BM_AuditPipeline ---------------------------------------------------------------------

/// The whole audit (split, parallel parse + encoding + checks, in-order aggregation) with
/// `state.range(0)` threads. Wall time, since the work runs on other threads.
void BM_AuditPipeline(benchmark::State& state) {
    const InputFile& in = utf8_input();
    if (!usable(state, in)) {
        return;
    }
    engine::AuditOptions options;
    options.inputs = {in.path};
    options.threads = static_cast<unsigned>(state.range(0));
    std::uint64_t findings = 0;
    std::uint64_t rejected = 0;
    try {
        for (auto _ : state) {
            const engine::AuditResult result = engine::run_audit(options);
            const auto& r = result.records;
            if (r.read != in.terminators || r.read != r.audited + r.rejected) {
                fail(state, "run_audit read " + std::to_string(r.read) + " records (" + std::to_string(r.audited) +
                                " audited + " + std::to_string(r.rejected) + " rejected), but " + in.path +
                                " holds " + std::to_string(in.terminators) + " record terminators");
                break;
            }
            findings = result.findings.size();
            rejected = r.rejected;
        }
    } catch (const std::exception& e) {
        fail(state, e.what());
        return;
    }
    set_throughput(state, in.terminators, in.bytes);
    state.counters["records"] = static_cast<double>(in.terminators);
    state.counters["rejected"] = static_cast<double>(rejected);
    state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK(BM_AuditPipeline)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    benchmark::AddCustomContext("input", utf8_input().path);
    benchmark::AddCustomContext("input_records", std::to_string(utf8_input().terminators));
    benchmark::AddCustomContext("marc8_input", marc8_input().path);
    benchmark::AddCustomContext("marc8_input_records", std::to_string(marc8_input().terminators));
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return g_failed ? 1 : 0;
}
