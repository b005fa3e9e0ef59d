#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::heading {

/// Registers the `heading` module's rules.
void register_module(Registry& registry);

} // namespace marcaudit::rules::heading
