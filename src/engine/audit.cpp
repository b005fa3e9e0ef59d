#include "marcaudit/engine/audit.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "engine/detail.hpp"
#include "marcaudit/io/splitter.hpp"
#include "marcaudit/rules/catalog.hpp"
#include "marcaudit/rules/rule.hpp"

namespace marcaudit::engine {

void run_pipeline(const std::vector<std::string>& inputs, const PipelineOptions& options,
                  const RecordVisitor& visitor, const ResultConsumer& consumer,
                  std::vector<SourceInfo>& sources) {
    const unsigned threads = options.threads == 0
                                 ? static_cast<unsigned>(tbb::info::default_concurrency())
                                 : options.threads;
    // A few batches in flight per thread keep every core busy; the bound keeps memory flat.
    const std::size_t live_batches = std::max(2U, threads * 4U);

    std::size_t next_input = 0;
    std::unique_ptr<io::Splitter> splitter;
    auto next_batch = [&]() -> std::optional<io::Batch> {
        for (;;) {
            if (!splitter) {
                if (next_input >= inputs.size()) {
                    return std::nullopt;
                }
                const auto index = static_cast<std::uint32_t>(next_input);
                splitter = std::make_unique<io::Splitter>(inputs[next_input++], index, options.batch);
                sources.push_back(SourceInfo{inputs[index], splitter->format(), splitter->gzip(),
                                             splitter->size_on_disk()});
            }
            auto batch = splitter->next();
            if (batch) {
                return batch;
            }
            splitter.reset();
        }
    };

    // Allow more threads than cores when asked (tests of determinism do), without TBB's warning.
    tbb::global_control allow(tbb::global_control::max_allowed_parallelism, threads);
    tbb::task_arena arena(static_cast<int>(threads));
    arena.execute([&] {
        tbb::parallel_pipeline(
            live_batches,
            tbb::make_filter<void, std::shared_ptr<io::Batch>>(
                tbb::filter_mode::serial_in_order,
                [&](tbb::flow_control& fc) -> std::shared_ptr<io::Batch> {
                    auto batch = next_batch();
                    if (!batch) {
                        fc.stop();
                        return nullptr;
                    }
                    return std::make_shared<io::Batch>(std::move(*batch));
                }) &
                tbb::make_filter<std::shared_ptr<io::Batch>, std::shared_ptr<BatchResult>>(
                    tbb::filter_mode::parallel,
                    [&](const std::shared_ptr<io::Batch>& batch) {
                        auto result = std::make_shared<BatchResult>(detail::process_batch(*batch, visitor));
                        if (batch->mapped && !batch->records.empty()) {
                            // Done with these bytes: let the kernel drop their pages.
                            const char* first = batch->records.front().bytes.data();
                            const auto& last = batch->records.back().bytes;
                            io::release_pages({first, static_cast<std::size_t>(last.data() + last.size() - first)});
                        }
                        return result;
                    }) &
                tbb::make_filter<std::shared_ptr<BatchResult>, void>(
                    tbb::filter_mode::serial_in_order,
                    [&](const std::shared_ptr<BatchResult>& result) { consumer(std::move(*result)); }));
    });
}

namespace {

/// A progress line on stderr, redrawn at most four times a second.
class Progress {
public:
    explicit Progress(bool enabled) : m_enabled(enabled), m_start(clock::now()), m_last(m_start) {}
    void update(std::uint64_t records, std::uint64_t bytes) {
        if (!m_enabled) {
            return;
        }
        const auto now = clock::now();
        if (now - m_last < std::chrono::milliseconds(250)) {
            return;
        }
        m_last = now;
        const double secs = std::chrono::duration<double>(now - m_start).count();
        std::fprintf(stderr, "\r  %llu records  %.0f records/s  %.1f MB read   ",
                     static_cast<unsigned long long>(records), secs > 0 ? static_cast<double>(records) / secs : 0.0,
                     static_cast<double>(bytes) / 1e6);
        m_drawn = true;
    }
    void finish() {
        if (m_drawn) {
            std::fputs("\r\x1b[K", stderr);
        }
    }

private:
    using clock = std::chrono::steady_clock;
    bool m_enabled;
    bool m_drawn = false;
    clock::time_point m_start;
    clock::time_point m_last;
};

} // namespace

AuditResult run_audit(const AuditOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    AuditResult result;
    const rules::Profile fallback = options.profile == nullptr ? rules::Profile::defaults(rules::builtin_registry())
                                                               : rules::Profile{};
    const rules::Profile& profile = options.profile == nullptr ? fallback : *options.profile;
    result.profile_name = profile.name();
    std::vector<SourceInfo> sources;
    Progress progress{options.progress};
    std::uint64_t bytes_before_current = 0;  // bytes of the inputs already finished

    using RecordKey = std::pair<std::uint32_t, std::uint64_t>;  // (source, record number)
    std::map<std::string_view, RecordKey> last_record_of_rule;
    RecordKey last_record_with_findings{0, 0};
    auto consume = [&](BatchResult&& batch) {
        if (result.sources.size() <= batch.source_index) {
            if (!result.sources.empty()) {
                bytes_before_current = result.bytes_read;
            }
            result.sources.resize(batch.source_index + 1);
        }
        SourceSummary& summary = result.sources[batch.source_index];
        for (auto& outcome : batch.outcomes) {
            ++summary.records.read;
            if (outcome.rejected) {
                ++summary.records.rejected;
                result.rejections.push_back(Rejection{batch.source_index, outcome.record_number,
                                                      outcome.byte_offset, std::move(outcome.reason)});
            } else {
                ++summary.records.audited;
            }
        }
        for (auto& f : batch.findings) {
            // The profile decides which rules report and how severely.
            if (const auto* settings = profile.settings(f.rule_id); settings != nullptr) {
                if (!settings->enabled) {
                    continue;
                }
                f.severity = settings->severity;
            }
            ++result.counts_by_severity[static_cast<int>(f.severity)];
            result.severity_by_rule.emplace(std::string{f.rule_id}, f.severity);
            auto it = result.counts_by_rule.find(f.rule_id);
            if (it == result.counts_by_rule.end()) {
                it = result.counts_by_rule.emplace(std::string{f.rule_id}, 0).first;
                result.records_by_rule.emplace(std::string{f.rule_id}, 0);
            }
            ++it->second;
            // Findings come record by record, in order: a record is new for a rule when it
            // differs from the last record that rule reported on.
            if (f.record_number != 0) {
                const RecordKey key{f.source_index, f.record_number};
                auto& last = last_record_of_rule[f.rule_id];
                if (last != key) {
                    last = key;
                    ++result.records_by_rule.find(f.rule_id)->second;
                }
                if (last_record_with_findings != key) {
                    last_record_with_findings = key;
                    ++result.records_with_findings;
                }
            }
            result.findings.push_back(std::move(f));
        }
        result.bytes_read = bytes_before_current + batch.bytes_end;
        result.records.read += batch.outcomes.size();
        progress.update(result.records.read, result.bytes_read);
    };

    // Build the enabled record rules once; they are const and shared by every worker.
    std::vector<std::unique_ptr<rules::RecordRule>> record_rules;
    for (const auto& entry : rules::builtin_registry().entries()) {
        const auto* settings = profile.settings(entry.info.id);
        if (entry.make && settings != nullptr && settings->enabled) {
            record_rules.push_back(entry.make(settings->options));
        }
    }
    auto run_rules = [&record_rules](const record::RecordView& record, FindingSink& sink, std::string&) {
        for (const auto& rule : record_rules) {
            rule->check(record, sink);
        }
    };

    const auto inputs = io::expand_inputs(options.inputs);
    run_pipeline(inputs, PipelineOptions{options.threads, options.batch}, run_rules, consume, sources);
    progress.finish();

    // Inputs without any batch (empty files) still get their line in the report.
    result.sources.resize(sources.size());
    result.records = {};
    for (std::size_t i = 0; i < sources.size(); ++i) {
        result.sources[i].info = sources[i];
        result.records.read += result.sources[i].records.read;
        result.records.audited += result.sources[i].records.audited;
        result.records.rejected += result.sources[i].records.rejected;
    }
    result.elapsed = std::chrono::steady_clock::now() - start;
    return result;
}

} // namespace marcaudit::engine
