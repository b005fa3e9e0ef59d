#pragma once

/// @file
/// Input sources: files, directories and stdin, plain or gzip-compressed, and the detection
/// of their MARC serialization from their content.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "marcaudit/error.hpp"

namespace marcaudit::io {

/// The serializations marcaudit reads.
enum class Format : std::uint8_t {
    iso2709,   ///< MARC 21 exchange format (.mrc, .marc, .dat, .usmarc)
    marcxml,   ///< MARC 21 XML (collection or single record, any namespace prefix)
    mnemonic,  ///< MarcEdit mnemonic text (.mrk): `=LDR  ...`, `=245  10$aTitle`
    empty,     ///< no bytes at all
    unreadable,  ///< a file found in an input folder that could not be opened (not read)
    not_marc,    ///< content that is surely something else (a PDF, a ZIP archive, an HTML page, text)
};

/// "ISO 2709", "MARCXML", "MARC mnemonic", "empty", "unreadable".
[[nodiscard]] std::string_view to_string(Format format) noexcept;

/// Guesses the serialization from the first bytes of the (decompressed) input. Content wins
/// over the file name; ISO 2709 is the fallback, so damaged binary files still get read;
/// content that is surely something else is Format::not_marc (see not_marc_kind()).
[[nodiscard]] Format detect_format(std::string_view head) noexcept;

/// What the input is when it is surely not MARC, in catalogers' words ("a PDF document", "a
/// ZIP archive", "an HTML page", "plain text (a README, CSV or log)", "JSON data", "binary
/// data"); empty when it may be MARC. Judged from up to the first 64 KiB: ISO 2709 starts
/// with a leader (five digits) or has a record terminator followed by the next leader; XML
/// with a MARC record or collection element, or mnemonic text, is MARC.
[[nodiscard]] std::string_view not_marc_kind(std::string_view head) noexcept;

/// An input that could not be opened or read: a problem with the environment, not the data.
/// Maps to exit code 3.
class InputError : public Error {
public:
    explicit InputError(const std::string& message) : Error(ExitCode::input, message) {}
};

/// An entry of an input folder that cannot be read as a file, and why.
struct SkippedInput {
    std::string name;
    std::string reason;  ///< "a link to /x/y, which does not exist", "Permission denied"...
};

/// Expands the command-line arguments into input names: files as given, directories
/// recursively (files sorted by path, hidden files skipped), `-` for stdin. Inside a
/// directory, what cannot be read as a file (a broken link, a file or folder without read
/// permission, a named pipe or device) goes to `skipped`, in path order, so the rest of the
/// folder is still audited; without `skipped` such entries are an InputError.
/// @throws InputError naming the first argument that does not exist or cannot be read.
/// A file reached twice (named twice, or named and inside a named folder) is listed once, at
/// its first place; its later names go to `repeated` when given.
[[nodiscard]] std::vector<std::string> expand_inputs(const std::vector<std::string>& arguments,
                                                     std::vector<SkippedInput>* skipped = nullptr,
                                                     std::vector<std::string>* repeated = nullptr);

/// A run of input bytes kept alive by `owner`. `offset` is where `bytes` starts in the input.
struct Chunk {
    std::shared_ptr<const void> owner;
    std::string_view bytes;
    std::uint64_t offset = 0;
    bool at_end = false;  ///< no bytes follow this chunk
    /// Set with `at_end` when the input ended because it is damaged (a truncated or corrupt
    /// gzip stream): what went wrong, in words for the report. The bytes before are good.
    std::string damage;
    /// True when `bytes` are a read-only memory mapping of the file: pages may be released
    /// once processed (see release_pages), and are read again from the file if touched.
    bool mapped = false;
};

/// Tells the kernel that the memory-mapped pages lying wholly inside `bytes` are no longer
/// needed, so resident memory stays flat on large files. A no-op for other memory.
void release_pages(std::string_view bytes) noexcept;

/// Reads one input. Regular uncompressed files are memory-mapped and come as one chunk
/// (zero copy); stdin and gzip input are streamed in chunks of a few MiB.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    ByteSource() = default;
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;

    /// Opens `name` (`-` is stdin). Detects gzip by its magic bytes.
    /// @throws InputError when the file cannot be opened, mapped or decompressed.
    /// Streamed input is read `stream_chunk` bytes at a time.
    [[nodiscard]] static std::unique_ptr<ByteSource> open(const std::string& name,
                                                          std::size_t stream_chunk = 4U << 20U);

    /// Returns the next chunk: `carry` (unconsumed bytes at the end of the previous chunk,
    /// which start at input offset `carry_offset`) followed by at least `min_new` new bytes
    /// when the input has them. The first call passes an empty carry.
    /// @throws InputError on a read or decompression error.
    [[nodiscard]] virtual Chunk next(std::string_view carry, std::uint64_t carry_offset,
                                     std::size_t min_new) = 0;

    /// True when the input was gzip-compressed.
    [[nodiscard]] virtual bool gzip() const noexcept = 0;
    /// Size on disk, when known (0 for stdin).
    [[nodiscard]] virtual std::uint64_t size_on_disk() const noexcept = 0;
};

/// The display name of an input for messages: the path as given, or "<stdin>".
[[nodiscard]] std::string display_name(const std::string& name);

} // namespace marcaudit::io
