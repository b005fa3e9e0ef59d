#include <nlohmann/json.hpp>

#include "marcaudit/io/input.hpp"
#include "marcaudit/report/reports.hpp"
#include "marcaudit/rules/catalog.hpp"

namespace marcaudit::report {

using json = nlohmann::ordered_json;

namespace {

json counts(const engine::RecordCounts& c) {
    return json{{"read", c.read}, {"audited", c.audited}, {"rejected", c.rejected}};
}

} // namespace

void write_json(const engine::AuditResult& result, std::ostream& out) {
    json report;
    report["marcaudit"] = json{{"version", MARCAUDIT_VERSION}, {"report_schema", 1}};
    json inputs = json::array();
    for (const auto& s : result.sources) {
        inputs.push_back(json{{"file", io::display_name(s.info.name)},
                              {"format", io::to_string(s.info.format)},
                              {"gzip", s.info.gzip},
                              {"records", counts(s.records)}});
    }
    report["inputs"] = std::move(inputs);
    report["records"] = counts(result.records);
    report["records"]["with_findings"] = result.records_with_findings;

    json by_rule = json::object();
    for (const auto& [id, n] : result.counts_by_rule) {
        by_rule[id] = n;
    }
    report["findings_by_rule"] = std::move(by_rule);
    json records_by_rule = json::object();
    for (const auto& [id, n] : result.records_by_rule) {
        records_by_rule[id] = n;
    }
    report["records_by_rule"] = std::move(records_by_rule);
    report["findings_by_severity"] = json{{"error", result.counts_by_severity[2]},
                                          {"warning", result.counts_by_severity[1]},
                                          {"info", result.counts_by_severity[0]}};

    auto file_of = [&](std::uint32_t index) {
        return index < result.sources.size() ? io::display_name(result.sources[index].info.name) : std::string{};
    };
    json rejected = json::array();
    for (const auto& r : result.rejections) {
        rejected.push_back(json{{"file", file_of(r.source_index)},
                                {"record", r.record_number},
                                {"byte_offset", r.byte_offset},
                                {"reason", r.reason}});
    }
    report["rejected"] = std::move(rejected);

    json findings = json::array();
    for (const auto& f : result.findings) {
        json j{{"rule", f.rule_id},
               {"severity", to_string(f.severity)},
               {"file", file_of(f.source_index)},
               {"record", f.record_number},
               {"control_number", f.control_number},
               {"byte_offset", f.byte_offset},
               {"tag", f.tag},
               {"message", f.message}};
        if (!f.value.empty()) {
            j["value"] = f.value;
        }
        if (!f.fix.empty()) {
            j["fix"] = f.fix;
        }
        findings.push_back(std::move(j));
    }
    report["findings"] = std::move(findings);
    // Replace invalid UTF-8 (cannot happen for our own strings, but values come from data).
    out << report.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

} // namespace marcaudit::report
