// The JUnit XML report: the audit as test results for CI systems (Jenkins, GitLab, GitHub
// Actions read it). A first test case for the gates as a whole (failed with every reason when
// the run exits 1), then one per enabled rule, failed when the rule's findings fail its gate
// (or, without --fail-on, when the rule has errors: a CI page must not show all green beside
// errors); with a baseline, a rule's failure lists the findings new since it, marked NEW; a
// test case for the batch score when --min-score is given, and one for rejected records.

#include <map>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "marcaudit/io/input.hpp"
#include "marcaudit/report/reports.hpp"
#include "marcaudit/rules/profile.hpp"
#include "marcaudit/rules/rule.hpp"
#include "marcaudit/scoring/gates.hpp"
#include "report/format.hpp"
#include "report/xml.hpp"

namespace marcaudit::report {

namespace {

/// `text` escaped for XML; bytes XML 1.0 cannot carry become U+FFFD.
std::string xml(std::string_view text) {
    return detail::xml_escaped(text, true);
}

constexpr std::size_t k_listed = 20;  ///< findings listed in a failed test case

} // namespace

void write_junit(const engine::AuditResult& result, const rules::Profile& profile,
                 const scoring::GateOptions& gates, std::ostream& out) {
    struct Case {
        std::string classname;
        std::string name;
        std::string failure;  ///< empty when it passed
        std::string details;
    };
    const auto examples = detail::examples_by_rule(result, k_listed);
    std::vector<Case> cases;
    if (result.gates != nullptr) {
        Case c{"marcaudit.gates", "gates", {}, {}};
        if (result.gates->failed) {
            c.failure = fmt::format("{} gate(s) failed: the run exits 1", result.gates->reasons.size());
            for (const auto& why : result.gates->reasons) {
                c.details += fmt::format("failed: {}\n", why);
            }
        }
        for (const auto& ok : result.gates->checked) {
            c.details += fmt::format("passed: {}\n", ok);
        }
        cases.push_back(std::move(c));
    }
    // With a baseline, the findings new since it, by rule (indexes into result.findings).
    std::map<std::string, std::vector<std::size_t>, std::less<>> new_by_rule;
    if (result.baseline != nullptr) {
        for (const auto i : result.baseline->added) {
            auto& list = new_by_rule[std::string{result.findings[i].rule_id}];
            if (list.size() < k_listed) {
                list.push_back(i);
            }
        }
    }
    for (const auto& entry : profile.registry().entries()) {
        const std::string id{entry.info.id};
        if (!profile.enabled(id)) {
            continue;
        }
        Case c{fmt::format("marcaudit.{}", entry.info.module), id, {}, {}};
        const auto* s = profile.settings(id);
        const auto counted = result.counts_by_rule.find(id);
        const std::uint64_t count = counted == result.counts_by_rule.end() ? 0 : counted->second;
        const bool errors_without_gate = !gates.fail_on && s->max_findings < 0 && s->severity == Severity::error && count > 0;
        if (scoring::rule_fails(result, profile, gates, id, result.baseline.get()) || errors_without_gate) {
            const auto added = new_by_rule.find(id);
            const bool only_new = gates.only_new && result.baseline != nullptr;
            c.failure = s->max_findings >= 0
                            ? fmt::format("{} finding(s), more than the rule's limit of {}", count, s->max_findings)
                        : only_new ? fmt::format("{} new finding(s) of severity {} since the baseline",
                                                 result.baseline->added_by_rule.at(id), to_string(s->severity))
                        : errors_without_gate
                            ? fmt::format("{} error(s) (no --fail-on given: a rule with errors fails its test case, the "
                                          "run's exit code does not)",
                                          count)
                            : fmt::format("{} finding(s) of severity {}", count, to_string(s->severity));
            if (added != new_by_rule.end()) {
                for (const auto i : added->second) {
                    const auto& f = result.findings[i];
                    const auto file = f.source_index < result.sources.size()
                                          ? io::display_name(result.sources[f.source_index].info.name)
                                          : std::string{};
                    c.details += fmt::format("NEW {} record {}{}{}: {}\n", file, f.record_number,
                                             f.control_number.empty() ? ""
                                                                      : fmt::format(" (001 {})", trim_blanks(f.control_number)),
                                             f.tag.empty() ? "" : fmt::format(", {}", f.tag), f.message);
                }
            }
            if (only_new && s->max_findings >= 0) {
                const auto added_count = result.baseline->added_by_rule.contains(id) ? result.baseline->added_by_rule.at(id) : 0;
                if (count > added_count) {
                    c.details += fmt::format("{} earlier finding(s) count toward the limit too (see the JSON report)\n",
                                             count - added_count);
                }
            }
            for (const auto& f : only_new ? std::vector<Finding>{} : examples.of(id)) {
                const auto file = f.source_index < result.sources.size()
                                      ? io::display_name(result.sources[f.source_index].info.name)
                                      : std::string{};
                c.details += fmt::format("{} record {}{}{}: {}\n", file, f.record_number,
                                         f.control_number.empty() ? "" : fmt::format(" (001 {})", trim_blanks(f.control_number)),
                                         f.tag.empty() ? "" : fmt::format(", {}", f.tag), f.message);
            }
            if (count > k_listed) {
                c.details += fmt::format("... and {} more (see the JSON report)\n", count - k_listed);
            }
        }
        cases.push_back(std::move(c));
    }
    if (gates.min_score) {
        Case c{"marcaudit.score", "batch-score", {}, {}};
        if (result.score.mean < *gates.min_score) {
            c.failure = fmt::format("batch score {:.1f} is below the minimum {}", result.score.mean, *gates.min_score);
        }
        cases.push_back(std::move(c));
    }
    {
        Case c{"marcaudit.records", "records-readable", {}, {}};
        if (gates.fail_on && result.records.rejected > 0) {
            c.failure = fmt::format("{} record(s) rejected (unreadable)", result.records.rejected);
            for (const auto& r : result.rejections) {
                if (r.source_index < result.sources.size() && result.sources[r.source_index].role == engine::SourceRole::batch) {
                    c.details += fmt::format("{} record {} at byte {}: {}\n",
                                             io::display_name(result.sources[r.source_index].info.name), r.record_number,
                                             r.byte_offset, r.reason);
                }
            }
        }
        cases.push_back(std::move(c));
    }
    std::size_t failures = 0;
    for (const auto& c : cases) {
        failures += c.failure.empty() ? 0 : 1;
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << fmt::format("<testsuites name=\"marcaudit\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", cases.size(), failures);
    // No timings: the report is the same whatever the machine and --threads.
    out << fmt::format("  <testsuite name=\"marcaudit audit ({})\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
                       "skipped=\"0\">\n",
                       xml(result.profile_name), cases.size(), failures);
    out << fmt::format("    <properties>\n      <property name=\"records_read\" value=\"{}\"/>\n"
                       "      <property name=\"batch_score\" value=\"{:.2f}\"/>\n"
                       "      <property name=\"grade\" value=\"{}\"/>\n    </properties>\n",
                       result.records.read, result.score.mean, xml(result.score.grade));
    for (const auto& c : cases) {
        out << fmt::format("    <testcase classname=\"{}\" name=\"{}\"", xml(c.classname), xml(c.name));
        if (c.failure.empty()) {
            out << "/>\n";
            continue;
        }
        out << fmt::format(">\n      <failure message=\"{}\" type=\"gate\">{}</failure>\n    </testcase>\n", xml(c.failure),
                           xml(c.details));
    }
    out << "  </testsuite>\n</testsuites>\n";
}

} // namespace marcaudit::report
