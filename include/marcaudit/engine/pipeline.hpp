#pragma once

/// @file
/// The parallel pipeline every command shares: split (serial) → parse, decode and check
/// (parallel) → hand results over in input order (serial).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "marcaudit/findings/finding.hpp"
#include "marcaudit/io/input.hpp"
#include "marcaudit/io/splitter.hpp"
#include "marcaudit/record/record_view.hpp"

namespace marcaudit::engine {

/// What happened to one input record.
struct RecordOutcome {
    std::uint64_t record_number = 0;
    std::uint64_t byte_offset = 0;
    bool rejected = false;
    std::string reason;  ///< why it was rejected
};

/// The result of one batch, handed to the serial stage in input order.
struct BatchResult {
    std::uint32_t source_index = 0;
    std::vector<RecordOutcome> outcomes;
    std::vector<Finding> findings;  ///< in record order; file findings first
    std::string text;               ///< what the visitor wrote (e.g. mnemonic text for dump)
    std::uint64_t bytes_end = 0;
};

/// Called for every record that could be read, on a worker thread. Appends to `out` what
/// should be printed for the record and adds findings to `sink`. Must be thread-safe.
using RecordVisitor = std::function<void(const record::RecordView& record, FindingSink& sink, std::string& out)>;

/// Called for each batch result, in input order, on one thread at a time.
using ResultConsumer = std::function<void(BatchResult&& result)>;

/// Facts about one input, known once it is opened.
struct SourceInfo {
    std::string name;  ///< as given; "-" for stdin
    io::Format format = io::Format::empty;
    bool gzip = false;
    std::uint64_t size_on_disk = 0;
    std::string content;  ///< what the input is when it is not MARC ("a PDF document")
};

/// Options of a pipeline run.
struct PipelineOptions {
    unsigned threads = 0;  ///< 0 = all cores
    io::BatchLimits batch; ///< batch and read sizes; no effect on results, only on speed
    std::uint32_t first_source_index = 0;  ///< the source index of the first input
};

/// Runs the pipeline over `inputs` (already expanded), calling `visitor` per record and
/// `consumer` per batch in order. Fills `sources` as inputs are opened. Records of input i
/// carry the source index `options.first_source_index + i`.
/// @throws io::InputError when an input cannot be read.
void run_pipeline(const std::vector<std::string>& inputs, const PipelineOptions& options,
                  const RecordVisitor& visitor, const ResultConsumer& consumer,
                  std::vector<SourceInfo>& sources);

} // namespace marcaudit::engine
