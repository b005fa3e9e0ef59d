#pragma once

/// @file
/// The relator lists the vendor rules check $e and $4 against, read once from
/// rules/codes/relators.toml (see rules/codes/README.md for their sources).

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace marcaudit::rules::vendor {

/// The MARC Code List for Relators and the RDA relationship designators.
struct Relators {
    std::set<std::string, std::less<>> codes;                     ///< current relator codes ("aut")
    std::map<std::string, std::string, std::less<>> obsolete;     ///< discontinued code → its replacement ("" when none)
    /// RDA designators and the MARC relator terms, lower case ("author", "honoree")
    std::set<std::string, std::less<>> terms;
    std::map<std::string, std::string, std::less<>> abbreviations;  ///< AACR2-era term → RDA designator ("ed." → "editor")
};

/// The lists, loaded on first use. @throws ProfileError (a configuration error, exit code 2)
/// naming the file when it is missing or malformed.
[[nodiscard]] const Relators& relators();

/// A relator term as the list holds it: lower case, without the final comma or full stop
/// and the blanks around it ("Editor." → "editor"). ASCII case only: the list is English.
[[nodiscard]] std::string relator_key(std::string_view term);

} // namespace marcaudit::rules::vendor
