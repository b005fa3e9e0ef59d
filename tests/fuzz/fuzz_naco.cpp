// libFuzzer target: NACO normalization of any bytes (valid UTF-8 or not), and the heading
// key of the bytes read as a subfield area. Must not crash; normalizing twice changes nothing.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "marcaudit/headings/naco.hpp"
#include "marcaudit/record/record_view.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text{reinterpret_cast<const char*>(data), size};
    const auto once = marcaudit::headings::naco_normalize(text);
    const auto twice = marcaudit::headings::naco_normalize(once);
    if (once != twice) {
        std::abort();  // normalization must be idempotent
    }
    (void)marcaudit::headings::naco_normalize(text, true);
    std::vector<marcaudit::record::SubfieldView> subfields;
    marcaudit::record::split_subfields(text, subfields);
    (void)marcaudit::headings::naco_key(subfields, "abcdq");
    return 0;
}
