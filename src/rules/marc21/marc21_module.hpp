#pragma once

#include "marcaudit/record/record_view.hpp"
#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::marc21 {

/// Registers the marc21 module's rules, in alphabetical order.
void register_module(Registry& registry);

} // namespace marcaudit::rules::marc21
