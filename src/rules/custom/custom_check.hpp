#pragma once

/// @file
/// The `custom` module: checks a cataloger declares in TOML (a rule pack, or a profile's own
/// [[check]] tables), no C++. One CustomCheck rule class runs them all, each built from its
/// CheckSpec. The schema is documented in rules/README.md.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <tbb/enumerable_thread_specific.h>
#include <unicode/uversion.h>

#include "marcaudit/rules/rule.hpp"

U_NAMESPACE_BEGIN
class RegexMatcher;
class RegexPattern;
U_NAMESPACE_END

namespace marcaudit::rules::custom {

/// A place in the record a check looks at, or a condition tests: a tag ("856", "6XX" with
/// X for any digit), with a subfield code ("856$u"), or character positions of the leader or
/// a control field ("LDR/06", "008/35-37").
struct Place {
    std::string tag;             ///< "LDR", "008", "856", "6XX"
    char subfield = 0;           ///< 0 when the check is about the whole field
    bool has_positions = false;  ///< LDR/NN, 00X/NN-NN
    std::size_t first = 0;       ///< first position (0-based, as MARC 21 numbers them)
    std::size_t last = 0;        ///< last position, inclusive

    /// The text of this place as written in a pack ("008/35-37", "856$u").
    [[nodiscard]] std::string display() const;
    /// Whether a field's tag matches (X for any digit).
    [[nodiscard]] bool tag_matches(std::string_view tag) const noexcept;
};

/// What a check requires of its place.
enum class Test : std::uint8_t {
    required,       ///< present at least once
    forbidden,      ///< never present
    not_repeatable, ///< at most once (a subfield: at most once in each field)
    matches,        ///< every value matches the regular expression
    not_matches,    ///< no value matches it
    in_list,        ///< every value is one of the list
    not_in_list,    ///< no value is one of the list
};

/// A condition: the check applies only to records whose leader or control field has one of
/// `values` at the given positions.
struct Condition {
    Place place;
    std::vector<std::string> values;
};

/// One check as a pack declares it.
struct CheckSpec {
    std::string id;           ///< custom-<name>
    std::string summary;      ///< one line: what it flags (the message's first sentence when not given)
    std::string message;      ///< the finding's message
    std::string fix;          ///< how to fix it; may be empty
    Severity severity = Severity::warning;
    double cost_low_minutes = 0;
    double cost_high_minutes = 0;
    Place place;
    Test test = Test::required;
    std::shared_ptr<const icu::RegexPattern> regex;  ///< matches / not_matches
    std::string regex_text;
    std::vector<std::string> values;                 ///< in_list / not_in_list
    std::vector<Condition> when;                     ///< all must hold
    std::string source;       ///< "file:line", for messages and `rules --explain`
};

/// Reads the [[check]] tables of the TOML file at `path` (a rule pack, or a profile with
/// checks of its own) into `out`. In a pack (`pack`), keys other than name, description and
/// check are errors; in a profile they are the profile loader's.
/// @throws ProfileError naming the file, line and key of a malformed check.
void read_checks(const std::filesystem::path& path, bool pack, std::vector<CheckSpec>& out);

/// Adds a rule for each check to `registry`. @throws ProfileError for an id declared twice.
void add_checks(Registry& registry, const std::vector<CheckSpec>& checks);

/// The custom check `id` registered in this process, or null.
[[nodiscard]] std::shared_ptr<const CheckSpec> find_check(std::string_view id);

/// A check declared in a pack: one class, parameterized by its spec. Doc: rules/README.md.
class CustomCheck final : public RecordRule {
public:
    CustomCheck(const RuleInfo& info, std::shared_ptr<const CheckSpec> spec);
    ~CustomCheck() override;
    [[nodiscard]] RuleScope scope() const override { return {.kinds = all_kinds, .whole_record = true, .tags = {}}; }
    void check(const record::RecordView& record, FindingSink& sink) const override;

private:
    [[nodiscard]] bool applies(const record::RecordView& record) const;
    [[nodiscard]] bool value_fails(std::string_view value) const;
    void report_value(const record::RecordView& record, const record::FieldView* field, std::string_view value,
                      FindingSink& sink) const;

    std::shared_ptr<const CheckSpec> m_spec;
    /// A regex matcher per worker thread, reset for each value: no allocation per value.
    mutable tbb::enumerable_thread_specific<std::unique_ptr<icu::RegexMatcher>> m_matchers;
};

} // namespace marcaudit::rules::custom
