#pragma once

#include "marcaudit/engine/pipeline.hpp"
#include "marcaudit/io/batch.hpp"

namespace marcaudit::engine::detail {

/// Parses, decodes and visits every record of `batch` on the calling (worker) thread.
BatchResult process_batch(io::Batch& batch, const RecordVisitor& visitor);

} // namespace marcaudit::engine::detail
