// libFuzzer target: the whole audit of one input, as `marcaudit audit FILE` runs it. The
// bytes are written to a scratch file and read through the real pipeline: format
// detection, gzip, the splitter, the ISO 2709 / MARCXML / mnemonic readers, MARC-8 decoding,
// every rule of the default profile and the reports. Whatever the bytes, the run must not
// crash, and every record read must be audited or rejected.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "marcaudit/engine/audit.hpp"
#include "marcaudit/report/reports.hpp"
#include "marcaudit/rules/profile.hpp"
#include "marcaudit/rules/rule.hpp"

namespace {

const std::string& scratch() {
    static const std::string path = "/tmp/marcaudit-fuzz-" + std::to_string(::getpid()) + ".bin";
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto profile = marcaudit::rules::Profile::load("default", marcaudit::rules::builtin_registry());
    {
        std::ofstream out{scratch(), std::ios::binary | std::ios::trunc};
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    marcaudit::engine::AuditOptions options;
    options.inputs = {scratch()};
    options.threads = 1;
    options.profile = &profile;
    const auto result = marcaudit::engine::run_audit(options);
    if (result.records.read != result.records.audited + result.records.rejected) {
        std::fprintf(stderr, "records read %llu != audited %llu + rejected %llu\n",
                     static_cast<unsigned long long>(result.records.read),
                     static_cast<unsigned long long>(result.records.audited),
                     static_cast<unsigned long long>(result.records.rejected));
        std::abort();
    }
    std::ostringstream sink;
    marcaudit::report::write_text(result, sink);
    marcaudit::report::write_json(result, sink);
    marcaudit::report::write_html(result, sink);
    return 0;
}
