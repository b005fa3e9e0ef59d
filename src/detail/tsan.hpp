#pragma once

// ThreadSanitizer annotations for where oneTBB hands data from one thread to another.
//
// Debian's oneTBB is not built with ThreadSanitizer, so the synchronization inside it (a
// pipeline passing a token to the next stage, a task group's wait) is invisible, and every
// hand-off would look like a data race. The tsan preset (MARCAUDIT_TSAN) makes these calls
// tell ThreadSanitizer what TBB guarantees: everything a thread did before
// `happens_before(p)` is visible to a thread after its `happens_after(p)`. Each address
// stands for one hand-off (a pipeline slot, a serial stage, a task group), never for all
// of them, so races between work TBB runs side by side are still reported. What TBB reads
// of its own objects in its own headers is left to tests/tsan.supp (race_top: only reports
// whose innermost frame is in a TBB header).
// In every other build these compile to nothing.

#if defined(MARCAUDIT_TSAN)
#include <sanitizer/tsan_interface.h>
extern "C" void AnnotateIgnoreReadsBegin(const char* file, int line);
extern "C" void AnnotateIgnoreReadsEnd(const char* file, int line);
#endif

namespace marcaudit::detail {

inline void happens_before([[maybe_unused]] const void* sync) noexcept {
#if defined(MARCAUDIT_TSAN)
    __tsan_release(const_cast<void*>(sync));
#endif
}

inline void happens_after([[maybe_unused]] const void* sync) noexcept {
#if defined(MARCAUDIT_TSAN)
    __tsan_acquire(const_cast<void*>(sync));
#endif
}

/// `value` (what a TBB task or filter holds: a pointer its function object captured), read
/// without ThreadSanitizer checking the read. TBB copied the function object into its task
/// in another thread, and handed the task over where ThreadSanitizer cannot see. Capture
/// one pointer, read it with this, then `happens_after` the set-up it points to.
template <typename T>
[[nodiscard]] T read_from_tbb(const T& value) noexcept {
#if defined(MARCAUDIT_TSAN)
    AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
    T copy = value;
    AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
    return copy;
#else
    return value;
#endif
}

} // namespace marcaudit::detail
