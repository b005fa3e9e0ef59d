#include <cstdlib>

#include "marcaudit/engine/pipeline.hpp"
#include "marcaudit/record/encoding.hpp"
#include "marcaudit/record/readers.hpp"
#include "engine/detail.hpp"

namespace marcaudit::engine::detail {

namespace {

/// One worker thread's reusable buffers: nothing is allocated per record once warm.
struct Worker {
    std::vector<record::FieldView> fields;
    record::RecordBuilder builder;         // MARCXML and mnemonic records
    record::RecordBuilder decode_builder;  // MARC-8 records decoded to UTF-8
    record::Marc8Decoder decoder;
};

Worker& this_worker() {
    thread_local Worker worker;
    return worker;
}

} // namespace

BatchResult process_batch(io::Batch& batch, const RecordVisitor& visitor) {
    Worker& w = this_worker();
    BatchResult result;
    result.source_index = batch.source_index;
    result.bytes_end = batch.bytes_end;
    result.outcomes.reserve(batch.records.size());
    FindingSink sink;
    std::vector<Finding> findings = std::move(batch.file_findings);
    for (const io::RawRecord& raw : batch.records) {
        sink.begin_record(batch.source_index, raw.record_number);
        record::ParseResult parsed;
        switch (batch.format) {
            case io::Format::iso2709: parsed = record::parse_iso2709(raw, w.fields, sink); break;
            case io::Format::marcxml: parsed = record::parse_marcxml(raw, w.builder, w.fields, sink); break;
            case io::Format::mnemonic: parsed = record::parse_mnemonic(raw, w.builder, w.fields, sink); break;
            case io::Format::empty: break;
        }
        RecordOutcome& outcome = result.outcomes.emplace_back();
        outcome.record_number = raw.record_number;
        outcome.byte_offset = raw.byte_offset;
        if (parsed.rejected) {
            outcome.rejected = true;
            outcome.reason = std::move(parsed.reason);
            outcome.byte_offset = parsed.reject_offset;
            continue;
        }
        record::Encoding encoding = record::Encoding::utf8;
        if (batch.format == io::Format::iso2709) {
            encoding = record::resolve_encoding(parsed.leader, raw.byte_offset, w.fields, w.decode_builder,
                                                w.decoder, sink);
        }
        const record::RecordView view{parsed.leader, w.fields, batch.source_index, raw.record_number,
                                      raw.byte_offset, encoding};
        sink.set_control_number(view.control_number());
        if (visitor) {
            visitor(view, sink, result.text);
        }
    }
    auto record_findings = sink.take();
    if (findings.empty()) {
        findings = std::move(record_findings);
    } else {
        findings.insert(findings.end(), std::make_move_iterator(record_findings.begin()),
                        std::make_move_iterator(record_findings.end()));
    }
    result.findings = std::move(findings);
    return result;
}

} // namespace marcaudit::engine::detail
