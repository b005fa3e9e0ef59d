#pragma once

// Shared helpers for the unit tests: where the test data and the corpus are, SOURCES.tsv,
// and reading whole files through the real pipeline.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "marcaudit/engine/audit.hpp"
#include "marcaudit/rules/profile.hpp"

namespace marcaudit::test {

/// tests/data: the curated real subset, always present.
[[nodiscard]] std::filesystem::path test_data();

/// The whole corpus: $MARCAUDIT_CORPUS, else ../shared/corpus beside the repository, when it
/// exists.
[[nodiscard]] std::optional<std::filesystem::path> corpus_root();

/// One line of a SOURCES.tsv.
struct SourceRow {
    std::string file;        ///< relative to the root, e.g. "bib/x.mrc"
    std::string count_cell;  ///< "100", or "18 (+ trailing partial/unterminated data)"
    std::string format;
    std::string encoding;
    std::string notes;
    /// The leading number of the record count cell.
    [[nodiscard]] long count() const;
    /// The category folder: "bib", "marc8", ...
    [[nodiscard]] std::string category() const { return file.substr(0, file.find('/')); }
};

/// Reads root/SOURCES.tsv.
[[nodiscard]] std::vector<SourceRow> read_sources(const std::filesystem::path& root);

/// Audits `paths` with `threads` threads (and optional tiny batches).
[[nodiscard]] engine::AuditResult audit(const std::vector<std::string>& paths, unsigned threads = 1,
                                        std::size_t batch_records = 1000);

/// Audits `paths` with `profile` (its registry: custom checks included) on `threads` threads.
[[nodiscard]] engine::AuditResult audit_with(const rules::Profile& profile, const std::vector<std::string>& paths,
                                             unsigned threads = 1);

/// Writes `toml` as <scratch>/<name>.toml and loads it as a profile. @throws ProfileError.
[[nodiscard]] rules::Profile profile_from_text(const std::string& name, const std::string& toml);

/// Every readable record of `path` as mnemonic text, one string per record, in input order.
[[nodiscard]] std::vector<std::string> dump_records(const std::string& path, unsigned threads = 1);

/// Calls `fn` with each record of `path`, in input order (one thread).
void for_each_record(const std::string& path, const std::function<void(const record::RecordView&)>& fn);

/// A scratch directory for one test process: <temp>/marcaudit-test-<name>-<pid>, created.
/// Per process, because ctest runs tests in parallel processes that must not share files.
[[nodiscard]] std::filesystem::path test_temp_dir(const std::string& name);

/// The bytes of file `p`.
[[nodiscard]] std::string read_file(const std::filesystem::path& p);

/// Writes `bytes` to test_temp_dir(`dir`)/`name` and returns the path.
std::filesystem::path write_temp_file(const std::string& dir, const std::string& name, const std::string& bytes);

/// How many findings rule `id` has in `r` (0 when none).
[[nodiscard]] std::uint64_t count_rule(const engine::AuditResult& r, std::string_view id);

/// The JSON report of an audit, as text.
[[nodiscard]] std::string json_report(const engine::AuditResult& result);

} // namespace marcaudit::test
