#include "rules/vendor/relators.hpp"

#include <mutex>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "marcaudit/rules/profile.hpp"
#include "rules/toml_file.hpp"
#include "rules/vendor/text.hpp"

namespace marcaudit::rules::vendor {

namespace {

Relators load(const std::filesystem::path& file) {
    const toml::table doc = detail::parse_toml_file(file);
    auto table = [&](std::string_view key) -> const toml::table& {
        const auto* t = doc.get_as<toml::table>(key);
        if (t == nullptr) {
            throw ProfileError(fmt::format("{}: no [{}] table (see rules/codes/README.md)", file.string(), key));
        }
        return *t;
    };
    auto string_of = [&](const toml::node& node, std::string_view what) {
        const auto* s = node.as_string();
        if (s == nullptr) {
            throw ProfileError(fmt::format("{}:{}: {} must be a string", file.string(), node.source().begin.line, what));
        }
        return s->get();
    };
    Relators r;
    // The MARC terms are valid in $e too (PCC uses them where RDA has no designator).
    for (const auto& [code, node] : table("relator_codes")) {
        r.codes.emplace(code.str());
        r.terms.insert(relator_key(string_of(node, code.str())));
    }
    for (const auto& [code, node] : table("relator_codes_obsolete")) {
        r.obsolete.emplace(std::string{code.str()}, string_of(node, code.str()));
    }
    const auto* terms = table("rda_designators").get_as<toml::array>("terms");
    if (terms == nullptr) {
        throw ProfileError(fmt::format("{}: [rda_designators] has no terms list", file.string()));
    }
    for (const auto& node : *terms) {
        r.terms.insert(relator_key(string_of(node, "rda_designators.terms")));
    }
    // The labels of the 2020 ("official") RDA Toolkit, which PCC records use as well.
    if (const auto* official = table("rda_designators").get_as<toml::array>("official_rda_terms")) {
        for (const auto& node : *official) {
            r.terms.insert(relator_key(string_of(node, "rda_designators.official_rda_terms")));
        }
    }
    for (const auto& [term, node] : table("aacr2_abbreviations")) {
        r.abbreviations.emplace(relator_key(term.str()), string_of(node, term.str()));
    }
    return r;
}

} // namespace

std::string relator_key(std::string_view term) {
    while (!term.empty() && (term.back() == ' ' || term.back() == ',' || term.back() == '.' || term.back() == ';')) {
        term.remove_suffix(1);
    }
    while (!term.empty() && term.front() == ' ') {
        term.remove_prefix(1);
    }
    return to_lower(term);
}

const Relators& relators() {
    static std::once_flag once;
    static Relators lists;
    std::call_once(once, [] { lists = load(rules_directory() / "codes" / "relators.toml"); });
    return lists;
}

} // namespace marcaudit::rules::vendor
