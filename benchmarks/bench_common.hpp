#pragma once

// What the Google Benchmark binaries share: a failed check stops its benchmark and makes
// the binary exit with status 1 (see main in each).

#include <atomic>
#include <string>

#include <benchmark/benchmark.h>

namespace marcaudit::bench {

/// Set when any benchmark found a wrong result, so that `main` can fail.
inline std::atomic<bool> g_failed{false};

/// Stops the benchmark with `message` and remembers the failure for the exit status.
inline void fail(benchmark::State& state, const std::string& message) {
    g_failed = true;
    state.SkipWithError(message.c_str());
}

} // namespace marcaudit::bench
