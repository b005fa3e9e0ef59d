#include "marcaudit/scoring/baseline.hpp"

#include <deque>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "marcaudit/engine/audit.hpp"
#include "marcaudit/io/input.hpp"

namespace marcaudit::scoring {

namespace {

std::string string_of(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

} // namespace

std::string baseline_key(std::string_view control_number, std::string_view rule, std::string_view tag,
                         std::string_view file, std::uint64_t record) {
    const auto cn = trim_blanks(control_number);
    if (cn.empty()) {
        // The file's name without its folder: the same export may be read from elsewhere.
        const auto name = std::filesystem::path{std::string{file}}.filename().string();
        return fmt::format("{}#{}|{}|{}", name, record, rule, tag);
    }
    return fmt::format("{}|{}|{}", cn, rule, tag);
}

BaselineDiff compare_with_baseline(const engine::AuditResult& result, const std::filesystem::path& previous) {
    std::ifstream in{previous, std::ios::binary};
    if (!in) {
        throw BaselineError(fmt::format("--baseline {}: cannot be read", previous.string()));
    }
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw BaselineError(fmt::format("--baseline {}: not JSON ({}); give the report.json of an earlier run",
                                        previous.string(), e.what()));
    }
    const auto meta = doc.find("marcaudit");
    const auto findings = doc.find("findings");
    if (!doc.is_object() || meta == doc.end() || findings == doc.end() || !findings->is_array()) {
        throw BaselineError(fmt::format("--baseline {}: not a marcaudit JSON report (no \"marcaudit\" and "
                                        "\"findings\"); give the report.json of an earlier run",
                                        previous.string()));
    }
    BaselineDiff diff;
    diff.previous = previous.string();
    if (const auto records = doc.find("records"); records != doc.end() && records->is_object()) {
        if (const auto read = records->find("read"); read != records->end() && read->is_number_unsigned()) {
            diff.previous_records = read->get<std::uint64_t>();
        }
    }
    if (const auto score = doc.find("score"); score != doc.end() && score->is_object()) {
        if (const auto value = score->find("score"); value != score->end() && value->is_number()) {
            diff.previous_score = value->get<double>();
        }
    }
    std::vector<BaselineFinding> earlier;
    earlier.reserve(findings->size());
    std::map<std::string, std::deque<std::size_t>, std::less<>> by_key;
    for (const auto& f : *findings) {
        BaselineFinding b;
        b.rule = string_of(f, "rule");
        b.severity = string_of(f, "severity");
        b.control_number = string_of(f, "control_number");
        b.tag = string_of(f, "tag");
        b.message = string_of(f, "message");
        b.file = string_of(f, "file");
        const auto record = f.find("record");
        b.record = record != f.end() && record->is_number_unsigned() ? record->get<std::uint64_t>() : 0;
        by_key[baseline_key(b.control_number, b.rule, b.tag, b.file, b.record)].push_back(earlier.size());
        earlier.push_back(std::move(b));
    }
    diff.previous_findings = earlier.size();
    std::vector<bool> matched(earlier.size(), false);
    std::size_t index = 0;
    for (const auto& f : result.findings) {
        const auto file = f.source_index < result.sources.size() ? io::display_name(result.sources[f.source_index].info.name)
                                                                 : std::string{};
        const auto it = by_key.find(baseline_key(f.control_number, f.rule_id, f.tag, file, f.record_number));
        if (it != by_key.end() && !it->second.empty()) {
            matched[it->second.front()] = true;
            it->second.pop_front();
        } else {
            diff.added.push_back(index);
            ++diff.added_by_rule[std::string{f.rule_id}];
            ++diff.added_by_severity[static_cast<int>(f.severity)];
        }
        ++index;
    }
    for (std::size_t i = 0; i < earlier.size(); ++i) {
        if (!matched[i]) {
            diff.resolved.push_back(std::move(earlier[i]));
        }
    }
    return diff;
}

} // namespace marcaudit::scoring
