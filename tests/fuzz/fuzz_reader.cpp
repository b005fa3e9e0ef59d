// libFuzzer target: one reader on its own, without the rules. Built three times, with
// FUZZ_FORMAT set to iso2709, marcxml or mnemonic (fuzz_iso2709, fuzz_marcxml,
// fuzz_mnemonic). The bytes go through the splitter (format detection, gzip, record
// boundaries) and every record it cuts through the parser, and, for ISO 2709, the encoding
// check and MARC-8 decoding. Inputs the splitter reads as another format are left out of
// the corpus (return -1), so each target stays on its own reader.
//
// Whatever the bytes, nothing may crash, and the splitter must number the records it cuts
// 1, 2, 3... with nondecreasing byte offsets: a gap would be a record lost without a word.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "marcaudit/findings/finding.hpp"
#include "marcaudit/io/splitter.hpp"
#include "marcaudit/record/builder.hpp"
#include "marcaudit/record/encoding.hpp"
#include "marcaudit/record/readers.hpp"

#ifndef FUZZ_FORMAT
#error "build with -DFUZZ_FORMAT=iso2709, marcxml or mnemonic"
#endif

#define MARCAUDIT_FUZZ_STR2(x) #x
#define MARCAUDIT_FUZZ_STR(x) MARCAUDIT_FUZZ_STR2(x)

namespace {

using namespace marcaudit;

/// "iso2709", "marcxml" or "mnemonic": the reader this build tests.
constexpr std::string_view k_format = MARCAUDIT_FUZZ_STR(FUZZ_FORMAT);

const std::string& scratch() {
    static const std::string path = "/tmp/marcaudit-fuzz-reader-" + std::to_string(::getpid()) + ".bin";
    return path;
}

[[noreturn]] void fail(const char* what, std::uint64_t a, std::uint64_t b) {
    std::fprintf(stderr, "%s: %llu, %llu\n", what, static_cast<unsigned long long>(a),
                 static_cast<unsigned long long>(b));
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    {
        std::ofstream out{scratch(), std::ios::binary | std::ios::trunc};
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    // Small batches and reads, so batch and chunk boundaries fall inside small inputs too.
    io::BatchLimits limits;
    limits.max_records = 3;
    limits.max_bytes = 4096;
    limits.stream_chunk = 1024;
    io::Splitter splitter{scratch(), 0, limits};
    if (splitter.format() != io::Format::FUZZ_FORMAT) {
        return -1;
    }
    static record::RecordBuilder builder;
    static record::RecordBuilder decode_builder;
    static record::Marc8Decoder decoder;
    std::vector<record::FieldView> fields;
    std::uint64_t expected_number = 1;
    std::uint64_t last_offset = 0;
    while (auto batch = splitter.next()) {
        for (const io::RawRecord& raw : batch->records) {
            if (raw.record_number != expected_number) {
                fail("record numbers skip", raw.record_number, expected_number);
            }
            if (raw.byte_offset < last_offset) {
                fail("byte offsets go back", raw.byte_offset, last_offset);
            }
            ++expected_number;
            last_offset = raw.byte_offset;
            FindingSink sink;
            sink.begin_record(0, raw.record_number);
            fields.clear();
            const std::string_view format = k_format;
            record::ParseResult parsed;
            if (format == "iso2709") {
                parsed = record::parse_iso2709(raw, fields, sink);
            } else if (format == "marcxml") {
                parsed = record::parse_marcxml(raw, builder, fields, sink);
            } else {
                parsed = record::parse_mnemonic(raw, builder, fields, sink);
            }
            if (parsed.rejected) {
                if (parsed.reason.empty()) {
                    fail("a record rejected without a reason", raw.record_number, 0);
                }
                continue;
            }
            if (format == "iso2709") {
                (void)record::resolve_encoding(parsed.leader, raw.byte_offset, fields, decode_builder, decoder, sink);
            } else {
                record::check_unicode_text(fields, true, sink);
            }
            // Touch every byte the views point at: a view past its buffer shows up under ASan.
            std::uint64_t sum = 0;
            for (const auto& field : fields) {
                for (const char c : field.tag()) {
                    sum += static_cast<unsigned char>(c);
                }
                for (const char c : field.data()) {
                    sum += static_cast<unsigned char>(c);
                }
            }
            if (sum == 1) {  // keeps the loop
                std::fputc(0, stderr);
            }
        }
    }
    return 0;
}
