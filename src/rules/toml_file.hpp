#pragma once

/// @file
/// Reading the TOML files of the rules folder (profiles, rule packs, code lists).

#include <filesystem>

#include <toml++/toml.h>

namespace marcaudit::rules::detail {

/// Parses the TOML file at `path`. @throws ProfileError ("file:line:column: what") when it
/// cannot be read or is not TOML: a configuration error, exit code 2.
[[nodiscard]] toml::table parse_toml_file(const std::filesystem::path& path);

} // namespace marcaudit::rules::detail
