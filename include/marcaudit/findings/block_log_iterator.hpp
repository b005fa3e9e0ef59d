#pragma once

/// @file
/// The iterator of the result logs (FindingLog, engine::TallyLog): reads the items in order,
/// one decoded block at a time.

#include <cstddef>
#include <iterator>
#include <memory>
#include <vector>

namespace marcaudit {

/// Forward iterator over a log with `Log::block_size`, `size()` and `block(b)` (a shared
/// vector of the decoded items of block b). A reference from `*it` stays valid while `it`
/// (or a copy of it) stays on the same block.
template <typename Log, typename T>
class BlockLogIterator {
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;

    BlockLogIterator() = default;
    BlockLogIterator(const Log* log, std::size_t index) : m_log(log), m_index(index) {
        if (m_index < m_log->size()) {
            m_block = m_log->block(m_index / Log::block_size);
        }
    }

    reference operator*() const { return (*m_block)[m_index % Log::block_size]; }
    pointer operator->() const { return &**this; }
    BlockLogIterator& operator++() {
        ++m_index;
        if (m_index % Log::block_size == 0) {
            m_block = m_index < m_log->size() ? m_log->block(m_index / Log::block_size) : nullptr;
        }
        return *this;
    }
    BlockLogIterator operator++(int) {
        auto old = *this;
        ++*this;
        return old;
    }
    friend bool operator==(const BlockLogIterator& a, const BlockLogIterator& b) noexcept {
        return a.m_index == b.m_index;
    }

private:
    const Log* m_log = nullptr;
    std::size_t m_index = 0;
    std::shared_ptr<const std::vector<T>> m_block;
};

} // namespace marcaudit
