#pragma once

/// @file
/// The custom checks a profile's rule packs declare (module `custom`; the schema is in
/// rules/README.md). Profile::load registers them; these look them up by id afterwards.

#include <string>
#include <string_view>

namespace marcaudit::rules::custom {

/// The documentation of the custom check `id` as Markdown (what it tests, where it is
/// declared, its message and fix), for `rules --explain`; empty when no profile loaded in
/// this process declares `id`.
[[nodiscard]] std::string explain(std::string_view id);

/// The one-line summary of the custom check `id`; empty when there is none. The text lives
/// as long as the process.
[[nodiscard]] std::string_view summary(std::string_view id);

} // namespace marcaudit::rules::custom
