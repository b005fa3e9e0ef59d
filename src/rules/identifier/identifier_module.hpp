#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::identifier {

/// Registers the `identifier` module's rules.
void register_module(Registry& registry);

} // namespace marcaudit::rules::identifier
