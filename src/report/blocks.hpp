#pragma once

/// @file
/// Writing millions of rows (findings) fast: blocks of rows formatted in parallel and
/// written in order, a bounded number of blocks in flight (the JSON and CSV writers).

#include <algorithm>
#include <cstddef>
#include <memory>
#include <ostream>
#include <string>

#include <tbb/parallel_pipeline.h>
#include <tbb/task_group.h>

#include "marcaudit/findings/finding_log.hpp"

namespace marcaudit::report::detail {

/// Writes `blocks` blocks to `out` in order: `format_block(b, text)` appends block b's text.
/// `format_block` is called from several threads at once, for different blocks;
/// `bytes_per_block` is a guess that sizes each block's buffer. At most 8 blocks are in
/// flight, so memory stays flat however many blocks there are.
template <typename FormatBlock>
void write_blocks(std::ostream& out, std::size_t blocks, std::size_t bytes_per_block, const FormatBlock& format_block) {
    std::size_t next_block = 0;
    // Isolated: when a sibling writer fails and its task group is cancelled, this file is
    // still written whole (or fails itself) instead of ending early as if complete.
    tbb::task_group_context context{tbb::task_group_context::isolated};
    tbb::parallel_pipeline(
        8,
        tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order,
                                            [&](tbb::flow_control& fc) -> std::size_t {
                                                if (next_block == blocks) {
                                                    fc.stop();
                                                    return 0;
                                                }
                                                return next_block++;
                                            }) &
            tbb::make_filter<std::size_t, std::shared_ptr<std::string>>(
                tbb::filter_mode::parallel,
                [&](std::size_t b) {
                    auto text = std::make_shared<std::string>();
                    text->reserve(bytes_per_block);
                    format_block(b, *text);
                    return text;
                }) &
            tbb::make_filter<std::shared_ptr<std::string>, void>(
                tbb::filter_mode::serial_in_order, [&](const std::shared_ptr<std::string>& text) {
                    out.write(text->data(), static_cast<std::streamsize>(text->size()));
                }),
        context);
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
