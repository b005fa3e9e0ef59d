#pragma once

/// @file
/// Writing millions of rows (findings) fast: blocks of rows formatted in parallel and
/// written in order, a bounded number of blocks in flight (the JSON and CSV writers).

#include <array>
#include <cstddef>
#include <ostream>
#include <string>

#include <tbb/parallel_pipeline.h>
#include <tbb/task_group.h>

#include "detail/tsan.hpp"
#include "marcaudit/findings/finding_log.hpp"

namespace marcaudit::report::detail {

/// Writes `blocks` blocks to `out` in order: `format_block(b, text)` appends block b's text.
/// `format_block` is called from several threads at once, for different blocks;
/// `bytes_per_block` is a guess that sizes each block's buffer. At most 8 blocks are in
/// flight, so memory stays flat however many blocks there are.
template <typename FormatBlock>
void write_blocks(std::ostream& out, std::size_t blocks, std::size_t bytes_per_block, const FormatBlock& format_block) {
    using marcaudit::detail::happens_after;
    using marcaudit::detail::happens_before;
    using marcaudit::detail::read_from_tbb;
    constexpr std::size_t in_flight = 8;
    // What the stages share; they capture only a pointer to it (see detail/tsan.hpp).
    struct State {
        std::ostream& out;
        const FormatBlock& format_block;
        std::size_t blocks;
        std::size_t bytes_per_block;
        // One text per live token, taken again by block b + in_flight once block b is
        // written (the last stage is in order): nothing allocated per block once warm.
        std::array<std::string, in_flight> texts{};
        std::size_t next_block = 0;
        char start = 0;
        char input_stage = 0;
        char output_stage = 0;
        char done = 0;
    };
    State state{out, format_block, blocks, bytes_per_block};
    State* const shared = &state;
    happens_before(&state.start);
    // Isolated: when a sibling writer fails and its task group is cancelled, this file is
    // still written whole (or fails itself) instead of ending early as if complete.
    tbb::task_group_context context{tbb::task_group_context::isolated};
    tbb::parallel_pipeline(
        in_flight,
        tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order,
                                            [shared](tbb::flow_control& fc) -> std::size_t {
                                                State& st = *read_from_tbb(shared);
                                                happens_after(&st.start);
                                                happens_after(&st.input_stage);
                                                const std::size_t b = st.next_block;
                                                if (b == st.blocks) {
                                                    fc.stop();
                                                } else {
                                                    ++st.next_block;
                                                }
                                                happens_before(&st.input_stage);
                                                return b;
                                            }) &
            tbb::make_filter<std::size_t, std::string*>(
                tbb::filter_mode::parallel,
                [shared](std::size_t b) {
                    State& st = *read_from_tbb(shared);
                    happens_after(&st.start);
                    std::string* text = &st.texts[b % in_flight];
                    happens_after(text);
                    text->clear();
                    text->reserve(st.bytes_per_block);
                    st.format_block(b, *text);
                    happens_before(text);
                    happens_before(&st.done);
                    return text;
                }) &
            tbb::make_filter<std::string*, void>(
                tbb::filter_mode::serial_in_order, [shared](std::string* text) {
                    State& st = *read_from_tbb(shared);
                    happens_after(&st.start);
                    happens_after(&st.output_stage);
                    happens_after(text);
                    st.out.write(text->data(), static_cast<std::streamsize>(text->size()));
                    happens_before(text);
                    happens_before(&st.output_stage);
                    happens_before(&st.done);
                }),
        context);
    happens_after(&state.done);
}

/// Writes every finding of `log` to `out`: `format(i, finding, text)` appends finding i.
/// Each of the log's blocks is decoded once, by the thread that formats it.
template <typename Format>
void write_findings_in_blocks(std::ostream& out, const FindingLog& log, std::size_t bytes_per_row,
                              const Format& format) {
    write_blocks(out, log.block_count(), FindingLog::block_size * bytes_per_row, [&](std::size_t b, std::string& text) {
        const auto block = log.block(b);
        const std::size_t first = b * FindingLog::block_size;
        for (std::size_t k = 0; k < block->size(); ++k) {
            format(first + k, (*block)[k], text);
        }
    });
}

} // namespace marcaudit::report::detail
