#include "marcaudit/engine/audit.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <tuple>

#include <fmt/format.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include "detail/tsan.hpp"
#include "engine/detail.hpp"
#include "engine/rule_set.hpp"
#include "marcaudit/headings/analysis.hpp"
#include "marcaudit/headings/authority_index.hpp"
#include "marcaudit/headings/naco.hpp"
#include "marcaudit/identifiers/duplicates.hpp"
#include "marcaudit/io/input.hpp"
#include "marcaudit/io/splitter.hpp"
#include "marcaudit/rules/catalog.hpp"
#include "marcaudit/rules/rule.hpp"
#include "marcaudit/scoring/thompson_traill.hpp"

namespace marcaudit::engine {

namespace {

/// One slot per live token of the pipeline: a batch and then its result.
struct Slot {
    io::Batch batch;
    BatchResult result;
};

/// What the pipeline's stages share. The stages capture only a pointer to it, read with
/// detail::read_from_tbb (see detail/tsan.hpp for the hand-offs annotated here: the set-up
/// before any stage, each serial stage from one call to the next, each slot from stage to
/// stage, and every stage before the end).
struct PipelineState {
    PipelineState(const std::vector<std::string>& inputs_, const PipelineOptions& options_, const RecordVisitor& visitor_,
                  const ResultConsumer& consumer_, std::vector<SourceInfo>& sources_, std::size_t live_batches)
        : inputs(inputs_), options(options_), visitor(visitor_), consumer(consumer_), sources(sources_),
          slots(live_batches) {}

    const std::vector<std::string>& inputs;
    const PipelineOptions& options;
    const RecordVisitor& visitor;
    const ResultConsumer& consumer;
    std::vector<SourceInfo>& sources;
    std::size_t next_input = 0;
    std::unique_ptr<io::Splitter> splitter;
    // The tokens TBB passes are pointers to slots, so nothing is allocated per batch and
    // nothing is lost when a stage throws (the slots are freed with the state). Slot i is
    // taken again by token i + slots.size(), which TBB starts only once token i has left the
    // last (in-order) stage.
    std::vector<Slot> slots;
    std::size_t next_slot = 0;
    char start = 0;
    char input_stage = 0;
    char output_stage = 0;
    char done = 0;

    /// The next batch of the inputs, opening them one after another; nothing at the end.
    std::optional<io::Batch> next_batch() {
        for (;;) {
            if (!splitter) {
                if (next_input >= inputs.size()) {
                    return std::nullopt;
                }
                const auto index = static_cast<std::uint32_t>(next_input);
                splitter = std::make_unique<io::Splitter>(inputs[next_input++], index + options.first_source_index,
                                                          options.batch);
                sources.push_back(SourceInfo{inputs[index], splitter->format(), splitter->gzip(),
                                             splitter->size_on_disk(), splitter->content_kind()});
            }
            auto batch = splitter->next();
            if (batch) {
                return batch;
            }
            splitter.reset();
        }
    }
};

} // namespace

void run_pipeline(const std::vector<std::string>& inputs, const PipelineOptions& options,
                  const RecordVisitor& visitor, const ResultConsumer& consumer,
                  std::vector<SourceInfo>& sources) {
    using marcaudit::detail::happens_after;
    using marcaudit::detail::happens_before;
    using marcaudit::detail::read_from_tbb;
    const unsigned threads = options.threads == 0
                                 ? static_cast<unsigned>(tbb::info::default_concurrency())
                                 : options.threads;
    // A few batches in flight per thread keep every core busy; the bound keeps memory flat.
    const std::size_t live_batches = std::max(2U, threads * 4U);
    PipelineState state{inputs, options, visitor, consumer, sources, live_batches};
    PipelineState* const shared = &state;

    // Allow more threads than cores when asked (tests of determinism do), without TBB's warning.
    tbb::global_control allow(tbb::global_control::max_allowed_parallelism, threads);
    tbb::task_arena arena(static_cast<int>(threads));
    happens_before(&state.start);
    arena.execute([shared, live_batches] {
        tbb::parallel_pipeline(
            live_batches,
            tbb::make_filter<void, Slot*>(
                tbb::filter_mode::serial_in_order,
                [shared](tbb::flow_control& fc) -> Slot* {
                    PipelineState& st = *read_from_tbb(shared);
                    happens_after(&st.start);
                    happens_after(&st.input_stage);
                    auto batch = st.next_batch();
                    if (!batch) {
                        happens_before(&st.input_stage);
                        fc.stop();
                        return nullptr;
                    }
                    Slot* slot = &st.slots[st.next_slot];
                    st.next_slot = (st.next_slot + 1) % st.slots.size();
                    happens_after(slot);
                    slot->batch = std::move(*batch);
                    happens_before(slot);
                    happens_before(&st.input_stage);
                    return slot;
                }) &
                tbb::make_filter<Slot*, Slot*>(
                    tbb::filter_mode::parallel,
                    [shared](Slot* slot) {
                        PipelineState& st = *read_from_tbb(shared);
                        happens_after(&st.start);
                        happens_after(slot);
                        io::Batch& batch = slot->batch;
                        // The slot's last result is freed here, on a worker thread, not in
                        // the serial last stage: freeing its findings' strings is real work.
                        slot->result = detail::process_batch(batch, st.visitor);
                        if (batch.mapped && !batch.records.empty()) {
                            // Done with these bytes: let the kernel drop their pages.
                            const char* first = batch.records.front().bytes.data();
                            const auto& last = batch.records.back().bytes;
                            io::release_pages({first, static_cast<std::size_t>(last.data() + last.size() - first)});
                        }
                        batch = io::Batch{};  // the bytes are no longer needed
                        happens_before(slot);
                        happens_before(&st.done);
                        return slot;
                    }) &
                tbb::make_filter<Slot*, void>(
                    tbb::filter_mode::serial_in_order,
                    [shared](Slot* slot) {
                        PipelineState& st = *read_from_tbb(shared);
                        happens_after(&st.start);
                        happens_after(&st.output_stage);
                        happens_after(slot);
                        st.consumer(std::move(slot->result));
                        happens_before(slot);  // to the token that takes the slot next
                        happens_before(&st.output_stage);
                        happens_before(&st.done);
                    }));
    });
    happens_after(&state.done);
    happens_after(&state.input_stage);
}

namespace {

/// The total size of `inputs` when every one is a plain file (not stdin, not gzip, whose
/// decompressed size is unknown); else 0.
std::uint64_t known_size(const std::vector<std::string>& inputs) {
    std::uint64_t total = 0;
    for (const auto& name : inputs) {
        std::error_code ec;
        if (name == "-" || name.ends_with(".gz") || !std::filesystem::is_regular_file(name, ec)) {
            return 0;
        }
        total += std::filesystem::file_size(name, ec);
        if (ec) {
            return 0;
        }
    }
    return total;
}

/// A progress line on stderr, redrawn at most four times a second.
class Progress {
public:
    explicit Progress(bool enabled, const char* label = "") :
        m_enabled(enabled), m_label(label), m_start(clock::now()), m_last(m_start) {}
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
        // With the inputs' total size known (files, not stdin or gzip), the share read and
        // the time left at the rate so far.
        std::string eta;
        if (m_total_bytes > 0 && bytes > 0 && bytes <= m_total_bytes && secs > 0) {
            const double left = secs * static_cast<double>(m_total_bytes - bytes) / static_cast<double>(bytes);
            const auto l = static_cast<long long>(left + 0.5);
            eta = fmt::format("  {:.0f}%  ETA {}:{:02}", 100.0 * static_cast<double>(bytes) / static_cast<double>(m_total_bytes),
                              l / 60, l % 60);
        }
        std::fprintf(stderr, "\r  %s%llu records  %.0f records/s  %.1f MB read%s   ", m_label,
                     static_cast<unsigned long long>(records), secs > 0 ? static_cast<double>(records) / secs : 0.0,
                     static_cast<double>(bytes) / 1e6, eta.c_str());
        m_drawn = true;
    }
    /// The inputs' total size in bytes, when known (0: no percentage or ETA).
    void set_total(std::uint64_t bytes) noexcept { m_total_bytes = bytes; }
    void finish() {
        if (m_drawn) {
            std::fputs("\r\x1b[K", stderr);
        }
    }

private:
    using clock = std::chrono::steady_clock;
    bool m_enabled;
    const char* m_label;  ///< what is being read: "" for the batch, "catalog: "...
    bool m_drawn = false;
    std::uint64_t m_total_bytes = 0;
    clock::time_point m_start;
    clock::time_point m_last;
};

} // namespace

namespace {

using RecordKey = std::pair<std::uint32_t, std::uint64_t>;  // (source, record number)

/// Counts findings as they are kept: by rule, by severity, by record.
class Accounting {
public:
    explicit Accounting(AuditResult& result) : m_result(result) {}

    /// Applies the profile to `f` and keeps a copy in the finding log, or drops it when its
    /// rule is disabled. `f` is left to its owner to free (in parallel, see run_pipeline).
    void keep(Finding& f, const rules::Profile& profile) {
        PerRule& rule = per_rule(f.rule_id, profile);
        double weight = 1.0;
        if (rule.settings != nullptr) {
            if (!rule.settings->enabled) {
                return;
            }
            f.severity = rule.settings->severity;
            weight = rule.settings->weight;
        }
        AuditResult& r = m_result;
        ++r.counts_by_severity[static_cast<int>(f.severity)];
        if (rule.findings == nullptr) {  // the rule's first kept finding
            r.severity_by_rule.emplace(std::string{f.rule_id}, f.severity);
            rule.findings = &r.counts_by_rule.emplace(std::string{f.rule_id}, 0).first->second;
            rule.records = &r.records_by_rule.emplace(std::string{f.rule_id}, 0).first->second;
            rule.examples = &r.examples_by_rule.emplace(std::string{f.rule_id}, std::vector<std::size_t>{}).first->second;
        }
        ++*rule.findings;
        if (rule.examples->size() < AuditResult::examples_per_rule) {
            rule.examples->push_back(r.findings.size());
        }
        if (f.record_number != 0) {
            // A rule's findings come record by record, in order: a record is new for the rule
            // when it differs from the last record the rule reported on.
            const RecordKey key{f.source_index, f.record_number};
            if (rule.last_record != key) {
                rule.last_record = key;
                rule.in_record = 0;
                ++*rule.records;
                if (m_track_records) {
                    if (rule.tracked == nullptr) {
                        rule.tracked = &r.records_of_rule[std::string{f.rule_id}];
                    }
                    rule.tracked->emplace_back((std::uint64_t{f.source_index} << 40U) | f.record_number, 0);
                }
            }
            if (rule.tracked != nullptr) {
                ++rule.tracked->back().second;
            }
            RecordTally& tally = tally_of(key, f.control_number);
            ++tally.findings;
            ++tally.by_severity[static_cast<int>(f.severity)];
            // The score: a rule counts up to max_per_rule times in one record.
            const auto& model = profile.scoring();
            if (++rule.in_record <= model.max_per_rule) {
                tally.penalty += model.points(f.severity) * weight;
            }
        }
        r.findings.push_back(f);
    }

private:
    struct PerRule {
        std::string_view id;  ///< rule ids are static strings: compared by address first
        const rules::RuleSettings* settings = nullptr;  ///< null: not in the profile (kept as is)
        std::uint64_t* findings = nullptr;  ///< counters in the result, set on the first kept finding
        std::uint64_t* records = nullptr;
        std::vector<std::size_t>* examples = nullptr;
        RecordKey last_record{0, 0};
        int in_record = 0;  ///< findings in last_record
        std::vector<std::pair<std::uint64_t, std::uint32_t>>* tracked = nullptr;  ///< records_of_rule's
    };

    /// The settings and counters of `id`. A short list searched by address: a few dozen
    /// rules, hundreds of thousands of findings.
    PerRule& per_rule(std::string_view id, const rules::Profile& profile) {
        for (auto& p : m_rules) {
            if (p.id.data() == id.data() && p.id.size() == id.size()) {
                return p;
            }
        }
        for (auto& p : m_rules) {  // the same id from another static copy of the string
            if (p.id == id) {
                return p;
            }
        }
        m_rules.push_back(PerRule{id, profile.settings(id), nullptr, nullptr, nullptr, {0, 0}, 0, nullptr});
        return m_rules.back();
    }

    static RecordKey key_of(const RecordTally& t) noexcept { return {t.source_index, t.record_number}; }

    /// The tally of the record `key`. Findings of record rules come in input order: their
    /// record is the current one or a new one (the current one then goes to the tally
    /// log). Collection rules report after the last record, about any record: those
    /// tallies wait in m_late until finish() merges them in.
    RecordTally& tally_of(const RecordKey& key, const std::string& control_number) {
        if (!m_reporting_late) {
            if (!m_current || key_of(*m_current) != key) {
                flush_current();
                m_current = RecordTally{key.first, key.second, control_number, 0, {0, 0, 0}, 0};
            }
            return *m_current;
        }
        auto [it, added] = m_late.try_emplace(key, RecordTally{key.first, key.second, control_number, 0, {0, 0, 0}, 0});
        return it->second;
    }

    void flush_current() {
        if (m_current) {
            m_result.record_tallies.push_back(*m_current);
            m_current.reset();
        }
    }

public:
    /// Keep, per rule, the records it reports on (AuditResult::records_of_rule): when the
    /// profile's fix groups name an enabled rule, so the estimate costs them per record.
    void track_records(bool on) noexcept { m_track_records = on; }

    /// From now on findings may be about any record (collection rules).
    void report_late() {
        flush_current();
        m_reporting_late = true;
    }

    /// Merges the late tallies into the result's, keeping input order, and marks the
    /// tallies of records that were rejected after the reader reported on them (a broken
    /// leader): they are scored as rejected, once. One pass, into a new tally log.
    void finish(const std::vector<Rejection>& rejections) {
        flush_current();
        TallyLog merged;
        auto rejection = rejections.begin();
        auto add = [&](RecordTally t) {
            while (rejection != rejections.end() &&
                   std::tie(rejection->source_index, rejection->record_number) < std::tie(t.source_index, t.record_number)) {
                ++rejection;
            }
            t.rejected = rejection != rejections.end() && rejection->source_index == t.source_index &&
                         rejection->record_number == t.record_number;
            merged.push_back(t);
        };
        auto late = m_late.begin();
        for (RecordTally t : m_result.record_tallies) {
            for (; late != m_late.end() && late->first < key_of(t); ++late) {
                add(std::move(late->second));
            }
            if (late != m_late.end() && late->first == key_of(t)) {
                t.findings += late->second.findings;
                for (int s = 0; s < 3; ++s) {
                    t.by_severity[s] += late->second.by_severity[s];
                }
                t.penalty += late->second.penalty;
                ++late;
            }
            add(std::move(t));
        }
        for (; late != m_late.end(); ++late) {
            add(std::move(late->second));
        }
        m_result.record_tallies = std::move(merged);
        m_late.clear();
    }

private:

    AuditResult& m_result;
    std::vector<PerRule> m_rules;
    bool m_reporting_late = false;
    bool m_track_records = false;
    std::optional<RecordTally> m_current;  ///< the record whose findings are coming in
    std::map<RecordKey, RecordTally> m_late;
};

/// The authority index and the heading analysis built from it, kept alive together.
struct HeadingContext {
    headings::AuthorityIndex authorities;
    headings::HeadingAnalysis analysis;
};

/// Reads authority or catalog files through the pipeline, calling `use` for every record
/// read, and accounts for their records in `result` (their sources follow the batch's).
void read_context(const std::vector<std::string>& files, SourceRole role, const AuditOptions& options,
                  AuditResult& result, const std::function<void(const record::RecordView&)>& use) {
    if (files.empty()) {
        return;
    }
    const auto inputs = io::expand_inputs(files);
    const auto first = static_cast<std::uint32_t>(result.sources.size());
    std::vector<SourceInfo> sources;
    std::vector<SourceSummary> summaries;
    Progress progress{options.progress, role == SourceRole::catalog ? "catalog: " : "authorities: "};
    std::uint64_t read = 0;
    auto visit = [&](const record::RecordView& record, FindingSink&, std::string&) { use(record); };
    auto consume = [&](BatchResult&& batch) {
        read += batch.outcomes.size();
        progress.update(read, batch.bytes_end);
        const auto local = batch.source_index - first;
        if (summaries.size() <= local) {
            summaries.resize(local + 1);
        }
        for (auto& outcome : batch.outcomes) {
            ++summaries[local].records.read;
            if (outcome.rejected) {
                ++summaries[local].records.rejected;
                result.rejections.push_back(Rejection{batch.source_index, outcome.record_number, outcome.byte_offset,
                                                      std::move(outcome.reason)});
            } else {
                ++summaries[local].records.audited;
            }
        }
    };
    run_pipeline(inputs, PipelineOptions{options.threads, options.batch, first}, visit, consume, sources);
    progress.finish();
    summaries.resize(sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i) {
        summaries[i].info = sources[i];
        summaries[i].role = role;
        result.sources.push_back(std::move(summaries[i]));
    }
}

using Collectors = tbb::enumerable_thread_specific<headings::HeadingCollector>;
using DuplicateCollectors = tbb::enumerable_thread_specific<identifiers::DuplicateCollector>;

/// The authority index built from the `--authorities` files, kept with the heading
/// analysis that points into it.
std::shared_ptr<HeadingContext> read_authorities(const AuditOptions& options, AuditResult& result) {
    auto holder = std::make_shared<HeadingContext>();
    tbb::enumerable_thread_specific<headings::AuthorityIndex> indexes;
    read_context(options.authorities, SourceRole::authorities, options, result,
                 [&](const record::RecordView& record) { indexes.local().add(record); });
    for (auto& index : indexes) {
        holder->authorities.merge(std::move(index));
    }
    holder->authorities.seal();
    return holder;
}

/// Analyses the headings the collectors gathered (batch and catalog) against the authority
/// index in `holder`; the collectors are emptied.
std::shared_ptr<const headings::HeadingAnalysis> analyze_headings(std::shared_ptr<HeadingContext> holder,
                                                                  Collectors& collectors) {
    std::vector<headings::HeadingCollector*> gathered;
    for (auto& c : collectors) {
        gathered.push_back(&c);
    }
    holder->analysis = headings::HeadingAnalysis{gathered, holder->authorities};
    collectors.clear();
    return {holder, &holder->analysis};
}

/// Finds the duplicate groups in what the collectors gathered; the collectors are emptied.
std::shared_ptr<const identifiers::DuplicateAnalysis> analyze_duplicates(DuplicateCollectors& collectors) {
    std::vector<identifiers::DuplicateCollector*> gathered;
    for (auto& c : collectors) {
        gathered.push_back(&c);
    }
    auto analysis = std::make_shared<const identifiers::DuplicateAnalysis>(gathered);
    collectors.clear();
    return analysis;
}

} // namespace

std::string_view to_string(SourceRole role) noexcept {
    switch (role) {
        case SourceRole::batch: return "batch";
        case SourceRole::authorities: return "authorities";
        case SourceRole::catalog: return "catalog";
    }
    return "batch";
}

std::uint64_t AuditResult::records_with_findings() const noexcept {
    return static_cast<std::uint64_t>(std::count_if(record_tallies.begin(), record_tallies.end(), [&](const RecordTally& t) {
        return t.source_index < sources.size() && sources[t.source_index].role == SourceRole::batch;
    }));
}

namespace {

/// One audit, step by step: run_audit() calls the steps in order and times each.
class AuditRun {
public:
    explicit AuditRun(const AuditOptions& options)
        : m_options(options),
          // The profile's registry holds its custom checks beside the built-in rules.
          m_registry(options.registry != nullptr  ? *options.registry
                     : options.profile != nullptr ? options.profile->registry()
                                                  : rules::builtin_registry()),
          m_fallback(options.profile == nullptr ? rules::Profile::defaults(m_registry) : rules::Profile{}),
          m_profile(options.profile == nullptr ? m_fallback : *options.profile),
          m_progress(options.progress) {
        m_result.findings = FindingLog{options.findings_memory};
        m_result.profile_name = m_profile.name();
        headings::prepare_unicode();  // before the worker threads: ICU's data, loaded once
    }

    /// Builds the enabled rules once (const, shared by every worker) and decides which
    /// cross-record analyses they need.
    void build_rules() {
        bool tracked = false;  // does a fix group need the records each rule reported on?
        for (const auto& group : m_profile.fixes()) {
            for (const auto& pattern : group.rules) {
                for (const auto& e : m_profile.registry().entries()) {
                    tracked = tracked || (rules::glob_match(pattern, e.info.id) && m_profile.enabled(e.info.id));
                }
            }
        }
        m_accounting.track_records(tracked);
        for (const auto& entry : m_registry.entries()) {
            const auto* settings = m_profile.settings(entry.info.id);
            if (settings == nullptr || !settings->enabled) {
                continue;
            }
            if (entry.make) {
                m_record_rules.push_back(entry.make(settings->options));
            } else if (entry.make_collection) {
                m_collection_rules.push_back(entry.make_collection(settings->options));
            }
            // A misspelt option is an error, not silence (reader checks have no options at all).
            settings->options.check_all_read();
        }
        m_rule_set.emplace(m_record_rules);
        m_gather_headings = std::any_of(m_collection_rules.begin(), m_collection_rules.end(),
                                        [](const auto& rule) { return rule->uses_headings(); });
        for (const auto& rule : m_collection_rules) {
            m_duplicate_kinds |= rule->duplicate_kinds();
        }
        // The Thompson–Traill distribution of the batch, when a rule scores records on it.
        const auto scorer = std::find_if(m_record_rules.begin(), m_record_rules.end(),
                                         [](const auto& rule) { return rule->uses_completeness(); });
        m_completeness_rule = scorer != m_record_rules.end() ? scorer->get() : nullptr;
        m_tt_codes = m_completeness_rule != nullptr ? &scoring::tt_code_lists() : nullptr;
    }

    /// Reads the batch's inputs through the parallel pipeline: each record is checked by the
    /// record rules and observed by the collection rules and analyses, on the worker threads;
    /// the findings are kept in input order.
    void read_batch() {
        const int tt_latest_year = scoring::tt_default_latest_year();
        const bool gather_duplicates = m_duplicate_kinds != 0;
        auto run_rules = [&](const record::RecordView& record, FindingSink& sink, std::string&) {
            m_rule_set->run(record, sink);
            if (m_gather_headings) {
                m_collectors.local().add(record, true);
            }
            if (gather_duplicates) {
                m_duplicate_collectors.local().add(record, true);
            }
            if (m_completeness_rule != nullptr && m_completeness_rule->completeness_applies(record)) {
                m_completeness.local().add(scoring::thompson_traill(record, *m_tt_codes, tt_latest_year));
            }
            if (!m_collection_rules.empty()) {
                States& states = m_thread_states.local();
                const auto kind_bit = 1U << static_cast<unsigned>(record::kind_of(record.leader()));
                for (std::size_t i = 0; i < m_collection_rules.size(); ++i) {
                    if ((m_collection_rules[i]->kinds() & kind_bit) != 0) {
                        m_collection_rules[i]->observe(record, *states[i]);
                    }
                }
            }
        };
        std::uint64_t bytes_before_current = 0;  // bytes of the inputs already finished
        auto consume = [&](BatchResult&& batch) {
            if (m_result.sources.size() <= batch.source_index) {
                if (!m_result.sources.empty()) {
                    bytes_before_current = m_result.bytes_read;
                }
                m_result.sources.resize(batch.source_index + 1);
            }
            SourceSummary& summary = m_result.sources[batch.source_index];
            for (auto& outcome : batch.outcomes) {
                ++summary.records.read;
                if (outcome.rejected) {
                    ++summary.records.rejected;
                    m_result.rejections.push_back(Rejection{batch.source_index, outcome.record_number,
                                                            outcome.byte_offset, std::move(outcome.reason)});
                } else {
                    ++summary.records.audited;
                }
            }
            for (auto& f : batch.findings) {
                m_accounting.keep(f, m_profile);
            }
            m_result.bytes_read = bytes_before_current + batch.bytes_end;
            m_result.records.read += batch.outcomes.size();
            m_progress.update(m_result.records.read, m_result.bytes_read);
        };
        std::vector<std::string> repeated;
        const auto inputs = io::expand_inputs(m_options.inputs, &m_unreadable, &repeated);
        for (const auto& name : repeated) {
            m_result.notes.push_back(fmt::format("{} is named more than once (or is also inside a named folder): it is "
                                                 "audited once",
                                                 io::display_name(name)));
        }
        m_progress.set_total(known_size(inputs));
        run_pipeline(inputs, PipelineOptions{m_options.threads, m_options.batch}, run_rules, consume, m_sources);
        m_progress.finish();
        if (m_completeness_rule != nullptr) {
            auto merged = std::make_shared<scoring::TtDistribution>();
            for (const auto& d : m_completeness) {
                merged->merge(d);
            }
            m_result.completeness = std::move(merged);
        }
    }

    /// The findings about whole inputs (empty, not MARC, unreadable), and the record
    /// accounting per input and for the batch.
    void account_inputs() {
        // An empty input is no clean batch: most often an export or a download that failed.
        for (std::uint32_t i = 0; i < m_sources.size(); ++i) {
            if (m_sources[i].format == io::Format::empty) {
                keep_file_finding(rules::id::input_empty, i,
                                  fmt::format("{} is empty (0 bytes): there are no records to audit. If it is an "
                                              "export or a download, it failed: run it again",
                                              io::display_name(m_sources[i].name)));
            }
        }
        // Inputs that are surely not MARC: named, with what they are; nothing in them is counted.
        for (std::uint32_t i = 0; i < m_sources.size(); ++i) {
            if (m_sources[i].format == io::Format::not_marc) {
                keep_file_finding(rules::id::input_not_marc, i,
                                  fmt::format("{} is not MARC: it is {}. Nothing in it is read as a record. If a MARC "
                                              "export or a vendor's file was expected here, get it again; otherwise "
                                              "move the file out of the input folder",
                                              io::display_name(m_sources[i].name), m_sources[i].content));
            }
        }
        // Files of an input folder that could not be read: a line in the report each (after
        // the files read) and a finding that names the file and the reason.
        for (const auto& skipped : m_unreadable) {
            keep_file_finding(rules::id::input_unreadable, static_cast<std::uint32_t>(m_sources.size()),
                              fmt::format("{} cannot be read: {}; none of its records are audited. Fix the link or "
                                          "the permissions, or move the file out of the folder, and audit again",
                                          skipped.name, skipped.reason));
            m_sources.push_back(SourceInfo{skipped.name, io::Format::unreadable, false, 0, {}});
        }
        // Inputs without any batch (empty files) still get their line in the report.
        m_result.sources.resize(m_sources.size());
        m_result.records = {};
        for (std::size_t i = 0; i < m_sources.size(); ++i) {
            m_result.sources[i].info = m_sources[i];
            m_result.records.read += m_result.sources[i].records.read;
            m_result.records.audited += m_result.sources[i].records.audited;
            m_result.records.rejected += m_result.sources[i].records.rejected;
        }
    }

    /// The context the collection rules report from: the authority data, then the catalog
    /// (read once for every analysis that needs it).
    void read_context_files() {
        const bool gather_duplicates = m_duplicate_kinds != 0;
        if (m_gather_headings) {
            m_authorities = read_authorities(m_options, m_result);
        }
        if (m_gather_headings || gather_duplicates) {
            read_context(m_options.catalog, SourceRole::catalog, m_options, m_result,
                         [&](const record::RecordView& record) {
                             if (m_gather_headings) {
                                 m_collectors.local().add(record, false);
                             }
                             if (gather_duplicates) {
                                 m_duplicate_collectors.local().add(record, false);
                             }
                         });
        }
    }

    /// The cross-record analyses: headings (split forms, search effect), duplicates.
    void analyze() {
        if (m_gather_headings) {
            m_result.headings = analyze_headings(std::move(m_authorities), m_collectors);
            m_context.headings = m_result.headings.get();
        }
        if (m_duplicate_kinds != 0) {
            m_result.duplicates = analyze_duplicates(m_duplicate_collectors);
            m_context.duplicates = m_result.duplicates.get();
        }
        for (const auto& source : m_result.sources) {
            m_context.source_names.push_back(io::display_name(source.info.name));
        }
    }

    /// The collection rules: what the threads gathered merged, then their findings, rule by
    /// rule, in record order.
    void report_collection_rules() {
        m_accounting.report_late();
        for (std::size_t i = 0; i < m_collection_rules.size(); ++i) {
            auto merged = m_collection_rules[i]->make_state();
            for (States& states : m_thread_states) {
                m_collection_rules[i]->merge(*merged, *states[i]);
            }
            FindingSink sink;
            m_collection_rules[i]->finalize(*merged, m_context, sink);
            auto findings = sink.take();
            std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
                return std::tie(a.source_index, a.record_number) < std::tie(b.source_index, b.record_number);
            });
            for (auto& f : findings) {
                m_accounting.keep(f, m_profile);
            }
        }
        m_accounting.finish(m_result.rejections);
    }

    /// The batch's score and grade, and the cleanup estimate.
    void score() {
        m_result.scoring_model = m_profile.scoring();
        m_result.score = scoring::score_batch(m_result, m_result.scoring_model);
        m_result.effort = scoring::estimate_effort(m_result, m_profile);
    }

    [[nodiscard]] AuditResult& result() noexcept { return m_result; }

private:
    using States = std::vector<std::unique_ptr<rules::CollectionRule::State>>;

    /// A finding about a whole input (record 0), kept like the others.
    void keep_file_finding(std::string_view rule_id, std::uint32_t source, std::string message) {
        Finding f;
        f.rule_id = rule_id;
        f.severity = rules::find_rule(rule_id)->severity;
        f.source_index = source;
        f.message = std::move(message);
        m_accounting.keep(f, m_profile);
    }

    const AuditOptions& m_options;
    const rules::Registry& m_registry;
    const rules::Profile m_fallback;  ///< the defaults, when the options name no profile
    const rules::Profile& m_profile;
    AuditResult m_result;
    Accounting m_accounting{m_result};
    Progress m_progress;
    std::vector<SourceInfo> m_sources;
    std::vector<io::SkippedInput> m_unreadable;

    std::vector<std::unique_ptr<rules::RecordRule>> m_record_rules;
    std::vector<std::unique_ptr<rules::CollectionRule>> m_collection_rules;
    std::optional<detail::RuleSet> m_rule_set;
    bool m_gather_headings = false;
    unsigned m_duplicate_kinds = 0;
    const rules::RecordRule* m_completeness_rule = nullptr;
    const scoring::TtCodeLists* m_tt_codes = nullptr;

    // Per worker thread: what the analyses and the collection rules gather.
    Collectors m_collectors;
    DuplicateCollectors m_duplicate_collectors{[this] { return identifiers::DuplicateCollector{m_duplicate_kinds}; }};
    tbb::enumerable_thread_specific<scoring::TtDistribution> m_completeness;
    tbb::enumerable_thread_specific<States> m_thread_states{[this] {
        States states;
        for (const auto& rule : m_collection_rules) {
            states.push_back(rule->make_state());
        }
        return states;
    }};

    std::shared_ptr<HeadingContext> m_authorities;
    rules::RunContext m_context;
};

} // namespace

AuditResult run_audit(const AuditOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    AuditRun run{options};
    auto& steps = run.result().step_times;
    auto step = [&](const char* name, auto&& work) {
        const auto t0 = std::chrono::steady_clock::now();
        work();
        steps.emplace_back(name, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    };
    step("build the rules", [&] { run.build_rules(); });
    step("read and check the records", [&] { run.read_batch(); });
    step("account for the inputs", [&] { run.account_inputs(); });
    step("read the authorities and catalog", [&] { run.read_context_files(); });
    step("analyse headings and duplicates", [&] { run.analyze(); });
    step("report the collection rules", [&] { run.report_collection_rules(); });
    step("score and estimate", [&] { run.score(); });
    run.result().elapsed = std::chrono::steady_clock::now() - start;
    return std::move(run.result());
}

} // namespace marcaudit::engine
