#pragma once

/// @file
/// Cuts an input into batches of whole records without parsing them: ISO 2709 by leader
/// length and record terminator, MARCXML at `<record>` elements, mnemonic text at `=LDR` lines.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "marcaudit/io/batch.hpp"
#include "marcaudit/io/input.hpp"

namespace marcaudit::io {

/// Limits for one batch. Small batches keep memory flat; large ones amortize task overhead.
struct BatchLimits {
    std::size_t max_records = 1000;
    std::size_t max_bytes = 2U << 20U;
    std::size_t stream_chunk = 4U << 20U;  ///< read size for stdin and gzip input
};

/// Splits one input into batches. Serial: one splitter per input, used by one thread.
class Splitter {
public:
    /// Opens `name` and detects its format from the first bytes.
    /// @throws InputError when the input cannot be read.
    Splitter(std::string name, std::uint32_t source_index, BatchLimits limits = {});
    ~Splitter();
    Splitter(const Splitter&) = delete;
    Splitter& operator=(const Splitter&) = delete;

    [[nodiscard]] Format format() const noexcept { return m_format; }
    [[nodiscard]] bool gzip() const noexcept;
    /// What the input is when format() is not_marc ("a PDF document"); else empty.
    [[nodiscard]] const std::string& content_kind() const noexcept;
    [[nodiscard]] std::uint64_t size_on_disk() const noexcept;

    /// The next batch, or nothing when the input is exhausted. A batch may hold only
    /// file findings (e.g. trailing junk) and no records.
    /// @throws InputError on a read error.
    [[nodiscard]] std::optional<Batch> next();

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
    Format m_format = Format::empty;
};

} // namespace marcaudit::io
