#include "marcaudit/io/input.hpp"

#include <algorithm>
#include <set>
#include <cstdint>
#include <cerrno>
#include <cstring>
#include <system_error>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <zlib.h>

namespace marcaudit::io {

namespace fs = std::filesystem;

std::string_view to_string(Format format) noexcept {
    switch (format) {
        case Format::iso2709: return "ISO 2709";
        case Format::marcxml: return "MARCXML";
        case Format::mnemonic: return "MARC mnemonic";
        case Format::empty: return "empty";
        case Format::unreadable: return "unreadable";
        case Format::not_marc: return "not MARC";
    }
    return "ISO 2709";
}

std::string display_name(const std::string& name) { return name == "-" ? "<stdin>" : name; }

namespace {

bool digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// `s` in ASCII lower case (for looking for tags in the first bytes).
std::string lowered(std::string_view s) {
    std::string out{s};
    for (auto& c : out) {
        c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

} // namespace

std::string_view not_marc_kind(std::string_view head) noexcept {
    const auto window = head.substr(0, 64U * 1024U);
    if (window.empty()) {
        return {};
    }
    // Magic numbers first: what the file says it is.
    struct Magic {
        std::string_view bytes;
        std::string_view kind;
    };
    static constexpr Magic magics[] = {
        {"PK\x03\x04", "a ZIP archive (or a document in one: .docx, .xlsx, .epub)"},
        {"PK\x05\x06", "an empty ZIP archive"},
        {"%PDF-", "a PDF document"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "a Microsoft Office document (.doc, .xls)"},
        {"\x89PNG", "a PNG image"},
        {"\xFF\xD8\xFF", "a JPEG image"},
        {"GIF8", "a GIF image"},
        {"Rar!", "a RAR archive"},
        {"7z\xBC\xAF", "a 7-Zip archive"},
        {"BZh", "a bzip2-compressed file"},
        {"\xFD" "7zXZ", "an xz-compressed file"},
        {"{\\rtf", "an RTF document"},
    };
    for (const auto& m : magics) {
        if (window.starts_with(m.bytes)) {
            return m.kind;
        }
    }
    std::string_view s = window;
    if (s.starts_with("\xEF\xBB\xBF")) {
        s.remove_prefix(3);
    }
    const auto first = s.find_first_not_of(std::string_view{" \t\r\n\0", 5});
    if (first == std::string_view::npos) {
        return {};  // only blanks or padding: the ISO reader reports them as stray bytes
    }
    s.remove_prefix(first);
    if (s.starts_with("=LDR") || window.find("\n=LDR  ") != std::string_view::npos) {
        return {};
    }
    const auto low = lowered(s.substr(0, 4096));
    if (low.find("<?xml") != std::string::npos && low.find("<html") == std::string::npos) {
        return {};  // XML, even after junk (a real upload had "foo" before its declaration)
    }
    const bool marc_xml = low.find("<record") != std::string::npos || low.find("collection") != std::string::npos ||
                          low.find("marc21/slim") != std::string::npos;
    if (!marc_xml && (low.starts_with("<!doctype html") || low.find("<html") != std::string::npos)) {
        return "an HTML page (a saved web page or an error page from the server)";
    }
    if (s.front() == '<' || marc_xml) {
        return {};  // XML: MARCXML, or broken MARCXML the XML reader reports on
    }
    if (s.front() == '{' || s.front() == '[') {
        return "JSON data";
    }
    // ISO 2709: a leader's record length at the start, or a record terminator followed by the
    // next leader further on (a file that starts with junk or padding).
    if (digits(s.substr(0, 5))) {
        return {};
    }
    for (auto at = window.find('\x1D'); at != std::string_view::npos; at = window.find('\x1D', at + 1)) {
        auto next = window.substr(at + 1);
        const auto skip = next.find_first_not_of(std::string_view{" \t\r\n\0", 5});
        if (skip != std::string_view::npos && digits(next.substr(skip, 5))) {
            return {};
        }
    }
    // No leader anywhere: text, or binary data.
    const bool text = std::all_of(window.begin(), window.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 || c == '\t' || c == '\r' || c == '\n' || c == '\f';
    });
    if (text) {
        // CSV: the first two lines have the same number of commas (or semicolons, or tabs).
        const auto line1 = window.substr(0, window.find('\n'));
        const auto rest = line1.size() < window.size() ? window.substr(line1.size() + 1) : std::string_view{};
        const auto line2 = rest.substr(0, rest.find('\n'));
        for (const char sep : {',', ';', '\t'}) {
            const auto n = std::count(line1.begin(), line1.end(), sep);
            if (n > 0 && n == std::count(line2.begin(), line2.end(), sep)) {
                return "a CSV or other table of text";
            }
        }
        return "plain text (a README, a log or a message)";
    }
    return "binary data that holds no MARC leader";
}

Format detect_format(std::string_view head) noexcept {
    if (head.empty()) {
        return Format::empty;
    }
    if (!not_marc_kind(head).empty()) {
        return Format::not_marc;
    }
    std::string_view s = head;
    if (s.starts_with("\xEF\xBB\xBF")) {
        s.remove_prefix(3);  // UTF-8 byte-order mark
    }
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return Format::iso2709;  // only blanks: the ISO reader reports them as stray bytes
    }
    s.remove_prefix(first);
    if (s.starts_with("=LDR")) {
        return Format::mnemonic;
    }
    if (s.front() == '<') {
        return Format::marcxml;
    }
    // Junk before an XML declaration still makes an XML file (a real upload had "foo" there).
    const auto window = head.substr(0, 4096);
    if (window.find("<?xml") != std::string_view::npos ||
        window.find("<collection") != std::string_view::npos ||
        window.find(":collection") != std::string_view::npos ||
        window.find("<record") != std::string_view::npos) {
        return Format::marcxml;
    }
    if (window.find("\n=LDR  ") != std::string_view::npos) {
        return Format::mnemonic;
    }
    return Format::iso2709;
}

namespace {

/// Why the folder entry `entry` cannot be read as a file, or empty when it can.
std::string unreadable_reason(const fs::directory_entry& entry) {
    std::error_code ec;
    const auto link = fs::symlink_status(entry.path(), ec);
    if (fs::is_symlink(link) && !fs::exists(fs::status(entry.path(), ec))) {
        return fmt::format("a link to {}, which does not exist", fs::read_symlink(entry.path(), ec).string());
    }
    const auto status = fs::status(entry.path(), ec);
    if (ec) {
        return ec.message();
    }
    if (fs::is_directory(status)) {
        return ::access(entry.path().c_str(), R_OK | X_OK) != 0
                   ? fmt::format("a folder that cannot be listed: {}", std::strerror(errno))
                   : std::string{};
    }
    if (!fs::is_regular_file(status)) {
        return "not a regular file (a named pipe, socket or device)";
    }
    if (::access(entry.path().c_str(), R_OK) != 0) {
        return std::strerror(errno);
    }
    return {};
}

} // namespace

namespace {

std::vector<std::string> expand_each(const std::vector<std::string>& arguments, std::vector<SkippedInput>* skipped);

/// Whether the file at `path` starts with a ZIP archive's signature.
bool is_zip(const std::string& path) {
    char magic[4] = {};
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    const auto n = ::pread(fd, magic, 4, 0);
    ::close(fd);
    return n == 4 && std::string_view{magic, 4} == std::string_view{"PK\x03\x04", 4};
}

/// An archive opened for reading with libarchive (ZIP and the other formats it knows).
struct ArchiveReader {
    archive* a = archive_read_new();
    explicit ArchiveReader(const std::string& path) {
        archive_read_support_format_zip(a);
        archive_read_support_filter_all(a);
        ok = archive_read_open_filename(a, path.c_str(), 64U * 1024U) == ARCHIVE_OK;
    }
    ~ArchiveReader() { archive_read_free(a); }
    ArchiveReader(const ArchiveReader&) = delete;
    ArchiveReader& operator=(const ArchiveReader&) = delete;
    [[nodiscard]] std::string error() const {
        const char* e = archive_error_string(a);
        return e != nullptr ? e : "damaged archive";
    }
    bool ok = false;
};

/// The files inside the ZIP archive `path`, as "path!member" in archive order: folders,
/// hidden files and macOS's resource forks (__MACOSX/) left out. Empty when it cannot be
/// listed (the archive is then read as one input, and reported as not MARC).
std::vector<std::string> zip_members(const std::string& path) {
    std::vector<std::string> out;
    ArchiveReader r{path};
    if (!r.ok) {
        return out;
    }
    archive_entry* entry = nullptr;
    while (archive_read_next_header(r.a, &entry) == ARCHIVE_OK) {
        const char* name = archive_entry_pathname(entry);
        if (name == nullptr || archive_entry_filetype(entry) != AE_IFREG) {
            continue;
        }
        const std::string member{name};
        const auto base = fs::path{member}.filename().string();
        if (member.starts_with("__MACOSX/") || base.starts_with(".")) {
            continue;
        }
        out.push_back(path + "!" + member);
        archive_read_data_skip(r.a);
    }
    return out;
}

/// `names` with every ZIP archive replaced by its members.
std::vector<std::string> open_archives(std::vector<std::string> names) {
    std::vector<std::string> out;
    for (auto& name : names) {
        if (name != "-" && is_zip(name)) {
            auto members = zip_members(name);
            if (!members.empty()) {
                out.insert(out.end(), members.begin(), members.end());
                continue;
            }
        }
        out.push_back(std::move(name));
    }
    return out;
}

} // namespace

std::vector<std::string> expand_inputs(const std::vector<std::string>& arguments, std::vector<SkippedInput>* skipped,
                                       std::vector<std::string>* repeated) {
    std::vector<std::string> out = open_archives(expand_each(arguments, skipped));
    // The same file twice is audited once: its records would count twice and find themselves
    // as duplicates.
    std::vector<std::string> unique;
    std::set<fs::path> seen;
    for (auto& name : out) {
        std::error_code ec;
        const auto canonical = name == "-" ? fs::path{"-"} : fs::weakly_canonical(name, ec);
        if (!seen.insert(ec ? fs::path{name} : canonical).second) {
            if (repeated != nullptr) {
                repeated->push_back(name);
            }
            continue;
        }
        unique.push_back(std::move(name));
    }
    return unique;
}

namespace {

std::vector<std::string> expand_each(const std::vector<std::string>& arguments, std::vector<SkippedInput>* skipped) {
    std::vector<std::string> out;
    for (const auto& arg : arguments) {
        if (arg == "-") {
            out.push_back(arg);
            continue;
        }
        std::error_code ec;
        const fs::path path{arg};
        const auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            throw InputError(fmt::format("{}: no such file or directory", arg));
        }
        if (fs::is_directory(status)) {
            std::vector<std::string> found;
            std::vector<SkippedInput> unreadable;
            for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                const auto fname = it->path().filename().string();
                if (fname.starts_with(".")) {
                    if (it->is_directory()) {
                        it.disable_recursion_pending();
                    }
                    continue;
                }
                auto reason = unreadable_reason(*it);
                if (!reason.empty()) {
                    // Not silently left out: the audit names it (structure-input-unreadable).
                    it.disable_recursion_pending();
                    unreadable.push_back(SkippedInput{it->path().string(), std::move(reason)});
                } else if (it->is_regular_file()) {
                    found.push_back(it->path().string());
                }
            }
            if (ec) {
                throw InputError(fmt::format("{}: cannot list the directory: {}", arg, ec.message()));
            }
            if (!unreadable.empty() && skipped == nullptr) {
                throw InputError(fmt::format("{}: cannot be read: {}", unreadable.front().name, unreadable.front().reason));
            }
            std::sort(found.begin(), found.end());
            out.insert(out.end(), found.begin(), found.end());
            if (skipped != nullptr) {
                std::sort(unreadable.begin(), unreadable.end(),
                          [](const SkippedInput& a, const SkippedInput& b) { return a.name < b.name; });
                skipped->insert(skipped->end(), unreadable.begin(), unreadable.end());
            }
            continue;
        }
        if (::access(arg.c_str(), R_OK) != 0) {
            throw InputError(fmt::format("{}: cannot be read: {}", arg, std::strerror(errno)));
        }
        out.push_back(arg);
    }
    return out;
}

} // namespace

namespace {

/// A read-only memory mapping, unmapped when the last chunk referring to it is gone.
struct Mapping {
    void* address = nullptr;
    std::size_t size = 0;
    Mapping(void* a, std::size_t s) : address(a), size(s) {}
    ~Mapping() {
        if (address != nullptr) {
            ::munmap(address, size);
        }
    }
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
};

class MappedSource final : public ByteSource {
public:
    MappedSource(std::shared_ptr<const void> owner, std::string_view bytes)
        : m_owner(std::move(owner)), m_bytes(bytes) {}

    Chunk next(std::string_view /*carry*/, std::uint64_t /*carry_offset*/,
               std::size_t /*min_new*/) override {
        Chunk c;
        if (!m_given) {
            m_given = true;
            c.owner = m_owner;
            c.bytes = m_bytes;
            c.mapped = true;
        }
        c.at_end = true;
        c.offset = 0;
        return c;
    }
    [[nodiscard]] bool gzip() const noexcept override { return false; }
    [[nodiscard]] std::uint64_t size_on_disk() const noexcept override { return m_bytes.size(); }

private:
    std::shared_ptr<const void> m_owner;
    std::string_view m_bytes;
    bool m_given = false;
};

/// zlib's message without the "<fd:3>: " prefix it adds for descriptors.
std::string_view zlib_reason(const char* message) {
    std::string_view m{message != nullptr ? message : "damaged data"};
    if (m.starts_with("<fd:")) {
        const auto colon = m.find(": ");
        if (colon != std::string_view::npos) {
            m.remove_prefix(colon + 2);
        }
    }
    return m;
}

/// Streams a file descriptor through zlib's gzread, which passes plain bytes through
/// unchanged, so the same code serves stdin and .gz files.
class StreamSource final : public ByteSource {
public:
    StreamSource(std::string name, int fd, bool gzip, std::uint64_t size, std::size_t chunk)
        : m_name(std::move(name)), m_gzip(gzip), m_size(size), m_chunk(std::max<std::size_t>(chunk, 16)) {
        m_file = ::gzdopen(fd, "rb");
        if (m_file == nullptr) {
            ::close(fd);
            throw InputError(fmt::format("{}: cannot open for reading", display_name(m_name)));
        }
        ::gzbuffer(m_file, 32U * 1024U);  // reads of 64 KiB then go straight into our buffer
    }
    ~StreamSource() override {
        if (m_file != nullptr) {
            ::gzclose(m_file);
        }
    }

    Chunk next(std::string_view carry, std::uint64_t carry_offset, std::size_t min_new) override {
        const std::size_t want = std::max(m_chunk, min_new);
        auto buffer = std::make_shared<std::string>();
        buffer->resize(carry.size() + want);
        if (!carry.empty()) {  // an empty carry may have no data pointer: memcpy must not see it
            std::memcpy(buffer->data(), carry.data(), carry.size());
        }
        std::size_t filled = carry.size();
        while (!m_eof && filled < buffer->size()) {
            // Small reads: when zlib finds damage it fails the whole call, so a small call loses
            // at most 64 KiB of good data before the damage.
            const auto room = static_cast<unsigned>(std::min<std::size_t>(buffer->size() - filled, 64U << 10U));
            const int n = ::gzread(m_file, buffer->data() + filled, room);
            int err = Z_OK;
            const char* msg = n <= 0 ? ::gzerror(m_file, &err) : nullptr;
            if (n < 0 || (n == 0 && err != Z_OK)) {
                if (err == Z_ERRNO) {
                    throw InputError(fmt::format("{}: read error after {} bytes: {}", display_name(m_name),
                                                 carry_offset + filled, std::strerror(errno)));
                }
                // Damaged or truncated compressed data: a defect of the file, not of the
                // machine. What was read before it is audited; the report says what is missing.
                m_damage = fmt::format("the gzip data is damaged or cut short after {} uncompressed bytes "
                                       "({}); anything after that point is missing from the audit: get a "
                                       "complete copy of the file",
                                       carry_offset + filled,
                                       err == Z_BUF_ERROR ? std::string_view{"unexpected end of file"}
                                                          : zlib_reason(msg));
                m_eof = true;
                break;
            }
            if (n == 0) {
                m_eof = true;
                break;
            }
            filled += static_cast<std::size_t>(n);
        }
        buffer->resize(filled);
        Chunk c;
        c.bytes = std::string_view{*buffer};
        c.owner = std::move(buffer);
        c.offset = carry_offset;
        c.at_end = m_eof;
        if (m_eof) {
            c.damage = m_damage;
        }
        return c;
    }
    [[nodiscard]] bool gzip() const noexcept override { return m_gzip; }
    [[nodiscard]] std::uint64_t size_on_disk() const noexcept override { return m_size; }

private:
    std::string m_name;
    gzFile m_file = nullptr;
    bool m_gzip;
    bool m_eof = false;
    std::uint64_t m_size;
    std::size_t m_chunk;
    std::string m_damage;
};

/// One member of a ZIP archive, read whole into memory (the "archive.zip!member.mrc" inputs
/// expand_inputs makes). A member that cannot be read to its end is damage, reported like a
/// truncated gzip file: what was read is audited.
class ArchiveSource final : public ByteSource {
public:
    ArchiveSource(const std::string& archive_path, const std::string& member) {
        auto buffer = std::make_shared<std::string>();
        ArchiveReader r{archive_path};
        if (!r.ok) {
            throw InputError(fmt::format("{}: cannot be opened as an archive: {}", archive_path, r.error()));
        }
        archive_entry* entry = nullptr;
        bool found = false;
        while (archive_read_next_header(r.a, &entry) == ARCHIVE_OK) {
            const char* name = archive_entry_pathname(entry);
            if (name != nullptr && member == name) {
                found = true;
                break;
            }
            archive_read_data_skip(r.a);
        }
        if (!found) {
            throw InputError(fmt::format("{}!{}: no such file in the archive", archive_path, member));
        }
        m_size = archive_entry_size_is_set(entry) != 0 ? static_cast<std::uint64_t>(archive_entry_size(entry)) : 0;
        char block[64U * 1024U];
        for (;;) {
            const auto n = archive_read_data(r.a, block, sizeof block);
            if (n == 0) {
                break;
            }
            if (n < 0) {
                m_damage = fmt::format("the archive member cannot be read to its end after {} bytes ({}); anything "
                                       "after that point is missing from the audit: get a complete copy of the archive",
                                       buffer->size(), r.error());
                break;
            }
            buffer->append(block, static_cast<std::size_t>(n));
        }
        m_bytes = std::string_view{*buffer};
        m_owner = std::move(buffer);
    }
    Chunk next(std::string_view /*carry*/, std::uint64_t /*carry_offset*/, std::size_t /*min_new*/) override {
        Chunk c;
        if (!m_given) {
            m_given = true;
            c.owner = m_owner;
            c.bytes = m_bytes;
            c.damage = m_damage;
        }
        c.at_end = true;
        return c;
    }
    [[nodiscard]] bool gzip() const noexcept override { return false; }
    [[nodiscard]] std::uint64_t size_on_disk() const noexcept override { return m_size; }

private:
    std::shared_ptr<const void> m_owner;
    std::string_view m_bytes;
    std::string m_damage;
    std::uint64_t m_size = 0;
    bool m_given = false;
};

} // namespace

void release_pages(std::string_view bytes) noexcept {
    static const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = reinterpret_cast<std::uintptr_t>(bytes.data());
    const auto first = (begin + page - 1) / page * page;
    const auto last = (begin + bytes.size()) / page * page;
    if (last > first) {
        ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
    }
}

std::unique_ptr<ByteSource> ByteSource::open(const std::string& name, std::size_t stream_chunk) {
    // "archive.zip!member.mrc": a file inside a ZIP delivery (expand_inputs names them so).
    if (const auto bang = name.find('!'); name != "-" && bang != std::string::npos && !fs::exists(name)) {
        const auto archive_path = name.substr(0, bang);
        std::error_code ec;
        if (fs::is_regular_file(archive_path, ec)) {
            return std::make_unique<ArchiveSource>(archive_path, name.substr(bang + 1));
        }
    }
    if (name == "-") {
        const int fd = ::dup(STDIN_FILENO);
        if (fd < 0) {
            throw InputError("<stdin>: cannot be read");
        }
        return std::make_unique<StreamSource>(name, fd, false, 0, stream_chunk);
    }
    const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw InputError(fmt::format("{}: cannot be opened: {}", name, std::strerror(errno)));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        throw InputError(fmt::format("{}: cannot be read: {}", name, std::strerror(err)));
    }
    if (S_ISDIR(st.st_mode)) {
        ::close(fd);
        throw InputError(fmt::format("{}: is a directory", name));
    }
    unsigned char magic[2] = {0, 0};
    const bool regular = S_ISREG(st.st_mode);
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (regular && size >= 2 && ::pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1F && magic[1] == 0x8B) {
        return std::make_unique<StreamSource>(name, fd, true, size, stream_chunk);
    }
    if (!regular) {
        return std::make_unique<StreamSource>(name, fd, false, 0, stream_chunk);  // a pipe or device
    }
    if (size == 0) {
        ::close(fd);
        return std::make_unique<MappedSource>(nullptr, std::string_view{});
    }
    void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    const int err = errno;
    ::close(fd);
    if (address == MAP_FAILED) {
        throw InputError(fmt::format("{}: cannot be mapped into memory: {}", name, std::strerror(err)));
    }
    ::madvise(address, size, MADV_SEQUENTIAL);
    auto mapping = std::make_shared<Mapping>(address, size);
    const std::string_view bytes{static_cast<const char*>(address), size};
    return std::make_unique<MappedSource>(std::move(mapping), bytes);
}

} // namespace marcaudit::io
