#pragma once

#include "marcaudit/record/record_view.hpp"
#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::marc21 {

/// Registers the marc21 module's rules, in alphabetical order.
void register_module(Registry& registry);

/// True for the bibliographic record types of Leader/06 (not authority, holdings,
/// classification or community information).
[[nodiscard]] inline bool is_bibliographic(const record::RecordView& record) noexcept {
    const char t = record.leader().type_of_record();
    return std::string_view{"acdefgijkmoprt"}.find(t) != std::string_view::npos;
}

} // namespace marcaudit::rules::marc21
