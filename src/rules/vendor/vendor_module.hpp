#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::vendor {

/// Registers the `vendor` module's rules.
void register_module(Registry& registry);

} // namespace marcaudit::rules::vendor
