#pragma once

/// @file
/// Putting what worker threads gathered back in input order: each thread's collector holds
/// its records in the order it saw them, and threads see batches in no fixed order.

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace marcaudit::detail {

/// A record as one collector holds it: which collector, and its index there.
struct LocalRecord {
    std::uint32_t collector;
    std::uint32_t local;
};

/// The records of all `collectors` in input order, and for each collector the global index
/// of each of its records. `records_of(c)` gives collector c's record list; `before(a, b)`
/// compares two of those records by input position.
template <typename Collector, typename RecordsOf, typename Before>
std::vector<LocalRecord> input_order(std::span<Collector* const> collectors, RecordsOf records_of, Before before,
                                     std::vector<std::vector<std::uint32_t>>& global) {
    std::vector<LocalRecord> refs;
    for (std::uint32_t c = 0; c < collectors.size(); ++c) {
        for (std::uint32_t i = 0; i < records_of(*collectors[c]).size(); ++i) {
            refs.push_back({c, i});
        }
    }
    auto at = [&](const LocalRecord& r) -> const auto& { return records_of(*collectors[r.collector])[r.local]; };
    std::sort(refs.begin(), refs.end(), [&](const LocalRecord& a, const LocalRecord& b) { return before(at(a), at(b)); });
    global.assign(collectors.size(), {});
    for (std::uint32_t c = 0; c < collectors.size(); ++c) {
        global[c].resize(records_of(*collectors[c]).size());
    }
    for (std::uint32_t g = 0; g < refs.size(); ++g) {
        global[refs[g].collector][refs[g].local] = g;
    }
    return refs;
}

} // namespace marcaudit::detail
