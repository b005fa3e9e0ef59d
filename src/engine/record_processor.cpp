#include <algorithm>
#include <cstdint>

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
    // One vector for the batch's findings, sized from the last batch this thread saw.
    thread_local std::size_t last_batch_findings = 0;
    sink.reserve(last_batch_findings + last_batch_findings / 4);
    // Findings about bytes between records go where those bytes are: before the first record
    // that starts after them. The order is then the same however the input was cut.
    std::vector<Finding> file_findings = std::move(batch.file_findings);
    std::stable_sort(file_findings.begin(), file_findings.end(),
                     [](const Finding& a, const Finding& b) { return a.byte_offset < b.byte_offset; });
    std::size_t next_file_finding = 0;
    auto flush_file_findings = [&](std::uint64_t before) {
        while (next_file_finding < file_findings.size() && file_findings[next_file_finding].byte_offset < before) {
            sink.append(std::move(file_findings[next_file_finding++]));
        }
    };
    for (const io::RawRecord& raw : batch.records) {
        flush_file_findings(raw.byte_offset);
        sink.begin_record(batch.source_index, raw.record_number);
        record::ParseResult parsed;
        switch (batch.format) {
            case io::Format::iso2709: parsed = record::parse_iso2709(raw, w.fields, sink); break;
            case io::Format::marcxml: parsed = record::parse_marcxml(raw, w.builder, w.fields, sink); break;
            case io::Format::mnemonic: parsed = record::parse_mnemonic(raw, w.builder, w.fields, sink); break;
            case io::Format::empty:
            case io::Format::unreadable:
            case io::Format::not_marc: break;
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
        } else {
            // MARCXML bytes that are not UTF-8 are already reported as broken XML.
            record::check_unicode_text(w.fields, batch.format == io::Format::mnemonic, sink);
        }
        const record::RecordView view{parsed.leader, w.fields, batch.source_index, raw.record_number,
                                      raw.byte_offset, encoding};
        sink.set_control_number(view.control_number());
        if (visitor) {
            visitor(view, sink, result.text);
        }
    }
    flush_file_findings(UINT64_MAX);
    result.findings = sink.take();
    last_batch_findings = result.findings.size();
    return result;
}

} // namespace marcaudit::engine::detail
