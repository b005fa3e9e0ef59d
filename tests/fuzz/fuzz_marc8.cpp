// libFuzzer target: the MARC-8 decoder (YAZ's tables behind our escape and combining-mark
// handling). The first byte picks a control field (even) or a data field (odd); the rest is
// the field's bytes. Whatever they are, the output must be valid UTF-8, a problem's offset
// must lie inside the input, and decoding the same bytes twice must give the same text
// (escape state is reset for each field, so nothing may leak from one field to the next).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "marcaudit/record/encoding.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return -1;
    }
    static marcaudit::record::Marc8Decoder decoder;
    const bool control_field = (data[0] & 1U) == 0;
    const std::string_view field{reinterpret_cast<const char*>(data) + 1, size - 1};
    std::string first;
    const auto problem = decoder.decode_field(field, control_field, first);
    if (marcaudit::record::find_invalid_utf8(first) != std::string_view::npos) {
        std::fprintf(stderr, "the decoder wrote bytes that are not UTF-8\n");
        std::abort();
    }
    if (problem.count > 0 && problem.offset >= field.size()) {
        std::fprintf(stderr, "a problem at offset %zu of a %zu-byte field\n", problem.offset, field.size());
        std::abort();
    }
    std::string second;
    (void)decoder.decode_field(field, control_field, second);
    if (first != second) {
        std::fprintf(stderr, "the same field decoded twice gave two texts\n");
        std::abort();
    }
    (void)decoder.decode(field);
    return 0;
}
