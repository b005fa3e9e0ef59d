// libFuzzer target: the profile loader (TOML, rule selection, [rule.ID] settings, [scoring],
// [[check]] tables with ICU regular expressions) on any bytes. A bad profile must be a
// ProfileError (exit code 2), never a crash or another exception.

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include <unistd.h>

#include "marcaudit/rules/profile.hpp"
#include "marcaudit/rules/rule.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = "/tmp/marcaudit-fuzz-profile-" + std::to_string(::getpid()) + ".toml";
    {
        std::ofstream out{path, std::ios::binary | std::ios::trunc};
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        const auto profile = marcaudit::rules::Profile::load(path, marcaudit::rules::builtin_registry());
        (void)profile.dump();
    } catch (const marcaudit::rules::ProfileError&) {
        // expected for most inputs
    }
    return 0;
}
