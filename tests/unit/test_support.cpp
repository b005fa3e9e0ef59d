#include "test_support.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "marcaudit/report/reports.hpp"
#include "marcaudit/rules/rule.hpp"

namespace marcaudit::test {

namespace fs = std::filesystem;

fs::path test_data() { return fs::path{MARCAUDIT_TEST_DATA}; }

std::optional<fs::path> corpus_root() {
    if (const char* env = std::getenv("MARCAUDIT_CORPUS"); env != nullptr && *env != '\0') {
        if (fs::exists(fs::path{env} / "SOURCES.tsv")) {
            return fs::path{env};
        }
        return std::nullopt;
    }
    const fs::path def{MARCAUDIT_DEFAULT_CORPUS};
    if (fs::exists(def / "SOURCES.tsv")) {
        return def;
    }
    return std::nullopt;
}

long SourceRow::count() const { return std::strtol(count_cell.c_str(), nullptr, 10); }

std::vector<SourceRow> read_sources(const fs::path& root) {
    std::ifstream in{root / "SOURCES.tsv"};
    std::vector<SourceRow> rows;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream ss{line};
        std::string cell;
        while (std::getline(ss, cell, '\t')) {
            cells.push_back(cell);
        }
        if (cells.size() < 8) {
            continue;
        }
        rows.push_back(SourceRow{cells[0], cells[4], cells[5], cells[6], cells[7]});
    }
    return rows;
}

engine::AuditResult audit(const std::vector<std::string>& paths, unsigned threads, std::size_t batch_records) {
    engine::AuditOptions options;
    options.inputs = paths;
    options.threads = threads;
    options.batch.max_records = batch_records;
    return engine::run_audit(options);
}

engine::AuditResult audit_with(const rules::Profile& profile, const std::vector<std::string>& paths, unsigned threads) {
    engine::AuditOptions options;
    options.inputs = paths;
    options.threads = threads;
    options.profile = &profile;
    return engine::run_audit(options);
}

rules::Profile profile_from_text(const std::string& name, const std::string& toml) {
    const auto path = test_temp_dir("profile-" + name) / (name + ".toml");
    std::ofstream{path} << toml;
    return rules::Profile::load(path.string(), rules::builtin_registry());
}

std::vector<std::string> dump_records(const std::string& path, unsigned threads) {
    std::vector<std::string> records;
    std::vector<engine::SourceInfo> sources;
    auto visitor = [](const record::RecordView& record, FindingSink&, std::string& out) {
        report::append_mnemonic(record, out);
        out.push_back('\x01');  // record separator for splitting below
    };
    auto consumer = [&](engine::BatchResult&& batch) {
        std::size_t start = 0;
        for (;;) {
            const auto end = batch.text.find('\x01', start);
            if (end == std::string::npos) {
                break;
            }
            records.push_back(batch.text.substr(start, end - start));
            start = end + 1;
        }
    };
    engine::run_pipeline({path}, {threads, {}}, visitor, consumer, sources);
    return records;
}

void for_each_record(const std::string& path, const std::function<void(const record::RecordView&)>& fn) {
    std::vector<engine::SourceInfo> sources;
    auto visitor = [&](const record::RecordView& record, FindingSink&, std::string&) { fn(record); };
    engine::run_pipeline({path}, {1, {}}, visitor, [](engine::BatchResult&&) {}, sources);
}

std::string json_report(const engine::AuditResult& result) {
    std::ostringstream out;
    report::write_json(result, out);
    return out.str();
}

std::filesystem::path test_temp_dir(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("marcaudit-test-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in{p, std::ios::binary};
    return {std::istreambuf_iterator<char>{in}, {}};
}

std::filesystem::path write_temp_file(const std::string& dir, const std::string& name, const std::string& bytes) {
    const auto path = test_temp_dir(dir) / name;
    std::ofstream{path, std::ios::binary} << bytes;
    return path;
}

std::uint64_t count_rule(const engine::AuditResult& r, std::string_view id) {
    const auto it = r.counts_by_rule.find(id);
    return it == r.counts_by_rule.end() ? 0 : it->second;
}

} // namespace marcaudit::test
