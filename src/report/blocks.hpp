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

namespace marcaudit::report::detail {

/// Writes `rows` rows to `out`: `format(i, text)` appends row i to a block's text.
/// `format` is called from several threads at once, for different rows; `bytes_per_row`
/// is a guess that sizes each block's buffer.
template <typename Format>
void write_in_blocks(std::ostream& out, std::size_t rows, std::size_t bytes_per_row, const Format& format) {
    constexpr std::size_t block = 4096;
    const std::size_t blocks = (rows + block - 1) / block;
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
                    text->reserve(block * bytes_per_row);
                    const std::size_t end = std::min(rows, (b + 1) * block);
                    for (std::size_t i = b * block; i < end; ++i) {
                        format(i, *text);
                    }
                    return text;
                }) &
            tbb::make_filter<std::shared_ptr<std::string>, void>(
                tbb::filter_mode::serial_in_order, [&](const std::shared_ptr<std::string>& text) {
                    out.write(text->data(), static_cast<std::streamsize>(text->size()));
                }),
        context);
}

} // namespace marcaudit::report::detail
