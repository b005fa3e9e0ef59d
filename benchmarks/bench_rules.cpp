// Throughput of the rule modules and of NACO normalization, apart from reading:
//
//   BM_RecordRules/<module>  every record rule of one module (marc21, vendor, identifier,
//                            heading, or all of them), run over the records of the file,
//                            which are read and parsed once, before the timing
//   BM_ModuleAudit/<module>  engine::run_audit with only that module's rules on one thread
//                            (reading included): for the modules whose work is mostly across
//                            records (heading: the authority and split-heading analysis;
//                            identifier: duplicates). "none" is reading alone, to subtract.
//   BM_NacoNormalize/<kind>  headings::naco_normalize of every subfield value of the file's
//                            1XX/6XX/7XX/8XX fields: all of them, the ASCII ones, the others
//
// Each checks its result against its first iteration (same findings, same keys) and fails
// the binary on a difference. Items are records (values for NACO). Input: as bench_parse.cpp
// (MARCAUDIT_BENCH_FILE).

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_common.hpp"
#include "engine/rule_set.hpp"
#include "marcaudit/engine/audit.hpp"
#include "marcaudit/findings/finding.hpp"
#include "marcaudit/headings/naco.hpp"
#include "marcaudit/io/splitter.hpp"
#include "marcaudit/record/builder.hpp"
#include "marcaudit/record/encoding.hpp"
#include "marcaudit/record/readers.hpp"
#include "marcaudit/record/record_view.hpp"
#include "marcaudit/rules/profile.hpp"
#include "marcaudit/rules/rule.hpp"

namespace {

using namespace marcaudit;
using bench::fail;
using bench::g_failed;

std::string input_path() {
    const char* from_env = std::getenv("MARCAUDIT_BENCH_FILE");
    return from_env != nullptr && *from_env != '\0' ? from_env : MARCAUDIT_BENCH_DEFAULT_FILE;
}

/// The records of the input, parsed once and kept: views into `bytes` (and, for MARC-8
/// records, into their decoded copies).
struct ParsedFile {
    std::string error;
    std::vector<std::shared_ptr<const void>> owners;  ///< the splitter's batches' bytes
    std::deque<record::RecordBuilder> decoded;        ///< MARC-8 records, decoded
    std::vector<std::string> leaders;
    std::vector<std::vector<record::FieldView>> fields;
    std::vector<record::Encoding> encodings;

    [[nodiscard]] std::size_t size() const noexcept { return fields.size(); }
    [[nodiscard]] record::RecordView view(std::size_t i) const {
        return record::RecordView{record::LeaderView{leaders[i]}, fields[i], 0, i + 1, 0, encodings[i]};
    }
};

const ParsedFile& parsed_file() {
    static const ParsedFile file = [] {
        ParsedFile f;
        try {
            io::Splitter splitter{input_path(), 0};
            record::Marc8Decoder decoder;
            while (auto batch = splitter.next()) {
                f.owners.push_back(batch->owner);
                for (const auto& raw : batch->records) {
                    FindingSink sink;
                    sink.begin_record(0, raw.record_number);
                    std::vector<record::FieldView> fields;
                    const auto parsed = record::parse_iso2709(raw, fields, sink);
                    if (parsed.rejected) {
                        continue;
                    }
                    auto& builder = f.decoded.emplace_back();
                    const auto encoding =
                        record::resolve_encoding(parsed.leader, raw.byte_offset, fields, builder, decoder, sink);
                    f.leaders.emplace_back(parsed.leader.bytes());
                    f.fields.push_back(std::move(fields));
                    f.encodings.push_back(encoding);
                }
            }
        } catch (const std::exception& e) {
            f.error = input_path() + ": " + e.what();
        }
        if (f.error.empty() && f.size() == 0) {
            f.error = input_path() + ": no readable ISO 2709 record (set MARCAUDIT_BENCH_FILE)";
        }
        return f;
    }();
    return file;
}

const rules::Profile& default_profile() {
    static const auto profile = rules::Profile::load("default", rules::builtin_registry());
    return profile;
}

/// Module names, by benchmark argument.
constexpr std::string_view k_modules[] = {"marc21", "vendor", "identifier", "heading", "all", "none"};

void BM_RecordRules(benchmark::State& state) {
    const auto& file = parsed_file();
    if (!file.error.empty()) {
        fail(state, file.error);
        return;
    }
    const auto module = k_modules[static_cast<std::size_t>(state.range(0))];
    state.SetLabel(std::string{module});
    std::vector<std::unique_ptr<rules::RecordRule>> rules;
    for (const auto& entry : rules::builtin_registry().entries()) {
        if (entry.make && (module == "all" || entry.info.module == module)) {
            rules.push_back(entry.make(default_profile().settings(entry.info.id)->options));
        }
    }
    const engine::detail::RuleSet rule_set{rules};
    std::size_t reference = SIZE_MAX;
    for (auto _ : state) {
        std::size_t findings = 0;
        for (std::size_t i = 0; i < file.size(); ++i) {
            FindingSink sink;
            sink.begin_record(0, i + 1);
            rule_set.run(file.view(i), sink);
            findings += sink.findings().size();
        }
        if (reference == SIZE_MAX) {
            reference = findings;
        } else if (findings != reference) {
            fail(state, "the findings differ from one iteration to the next");
            return;
        }
        benchmark::DoNotOptimize(findings);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * file.size()));
    state.counters["rules"] = static_cast<double>(rules.size());
    state.counters["findings"] = static_cast<double>(reference);
}
BENCHMARK(BM_RecordRules)->ArgName("module")->DenseRange(0, 4)->Unit(benchmark::kMillisecond);

void BM_ModuleAudit(benchmark::State& state) {
    const auto module = k_modules[static_cast<std::size_t>(state.range(0))];
    state.SetLabel(std::string{module});
    const std::string selection = module == "none" ? "\"-*\""
                                  : module == "all" ? "\"*\""
                                                    : "\"-*\", \"" + std::string{module} + "-*\"";
    const auto path = std::filesystem::temp_directory_path() / ("marcaudit-bench-" + std::string{module} + ".toml");
    std::ofstream{path} << "name = \"bench-" << module << "\"\nextends = \"default\"\nrules = [" << selection << "]\n";
    try {
        const auto profile = rules::Profile::load(path.string(), rules::builtin_registry());
        engine::AuditOptions options;
        options.inputs = {input_path()};
        options.threads = 1;
        options.profile = &profile;
        std::uint64_t reference = UINT64_MAX;
        std::uint64_t records = 0;
        for (auto _ : state) {
            const auto result = engine::run_audit(options);
            records = result.records.read;
            if (reference == UINT64_MAX) {
                reference = result.findings.size();
            } else if (result.findings.size() != reference) {
                fail(state, "the findings differ from one run to the next");
                return;
            }
        }
        state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * records));
        state.counters["findings"] = static_cast<double>(reference);
    } catch (const std::exception& e) {
        fail(state, e.what());
    }
    std::filesystem::remove(path);
}
BENCHMARK(BM_ModuleAudit)->ArgName("module")->Arg(5)->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Arg(4)->UseRealTime()->Unit(
    benchmark::kMillisecond);

/// The subfield values of the heading fields, split by whether they are ASCII.
struct HeadingValues {
    std::vector<std::string> all;
    std::vector<std::string> ascii;
    std::vector<std::string> other;
};

const HeadingValues& heading_values() {
    static const HeadingValues values = [] {
        HeadingValues v;
        const auto& file = parsed_file();
        std::vector<record::SubfieldView> subfields;
        for (std::size_t i = 0; i < file.size(); ++i) {
            for (const auto& field : file.fields[i]) {
                const auto tag = field.tag();
                if (tag.size() != 3 || std::string_view{"1678"}.find(tag[0]) == std::string_view::npos ||
                    field.is_control()) {
                    continue;
                }
                subfields.clear();
                record::split_subfields(field.subfield_area(), subfields);
                for (const auto& sf : subfields) {
                    if (sf.code < 'a' || sf.code > 'z') {
                        continue;
                    }
                    std::string value{sf.value};
                    const bool ascii = std::all_of(value.begin(), value.end(),
                                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
                    (ascii ? v.ascii : v.other).push_back(value);
                    v.all.push_back(std::move(value));
                }
            }
        }
        return v;
    }();
    return values;
}

void BM_NacoNormalize(benchmark::State& state) {
    if (!parsed_file().error.empty()) {
        fail(state, parsed_file().error);
        return;
    }
    const auto& v = heading_values();
    const std::vector<std::string>* values[] = {&v.all, &v.ascii, &v.other};
    const char* labels[] = {"all", "ascii", "non-ascii"};
    const auto& input = *values[state.range(0)];
    state.SetLabel(labels[state.range(0)]);
    if (input.empty()) {
        fail(state, std::string{"no heading values of this kind in "} + input_path());
        return;
    }
    std::uint64_t bytes = 0;
    for (const auto& s : input) {
        bytes += s.size();
    }
    std::uint64_t reference = 0;
    for (auto _ : state) {
        std::uint64_t total = 0;
        for (const auto& s : input) {
            total += headings::naco_normalize(s, true).size();
        }
        if (reference == 0) {
            reference = total;
        } else if (total != reference) {
            fail(state, "the keys differ from one iteration to the next");
            return;
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * input.size()));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
    state.counters["values"] = static_cast<double>(input.size());
}
BENCHMARK(BM_NacoNormalize)->ArgName("kind")->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    benchmark::AddCustomContext("input", input_path());
    benchmark::AddCustomContext("input_records", std::to_string(parsed_file().size()));
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return g_failed ? 1 : 0;
}
