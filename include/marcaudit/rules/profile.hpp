#pragma once

/// @file
/// Profiles: which rules run, with which severity, weight, cost and options. TOML files in
/// rules/profiles/, one profile may `extends` another.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "marcaudit/error.hpp"
#include "marcaudit/findings/finding.hpp"

namespace marcaudit::rules {

class Registry;

/// A bad profile: names the file, the line and the key. Maps to exit code 2.
class ProfileError : public Error {
public:
    explicit ProfileError(const std::string& message, std::string_view topic = "profile")
        : Error(ExitCode::usage, message, topic) {}
};

/// A rule's options as the profile gave them (a TOML table), with typed, defaulted reads.
/// A value of the wrong type is a ProfileError naming the profile file and the key.
class RuleOptions {
public:
    RuleOptions();
    struct Table;  ///< the TOML table (defined where toml++ is included)
    RuleOptions(std::string rule_id, std::string source, std::shared_ptr<const Table> table);
    ~RuleOptions();
    RuleOptions(const RuleOptions&);
    RuleOptions& operator=(const RuleOptions&);

    [[nodiscard]] bool get_bool(std::string_view key, bool fallback) const;
    [[nodiscard]] long get_int(std::string_view key, long fallback) const;
    [[nodiscard]] std::vector<std::string> get_strings(std::string_view key,
                                                       std::vector<std::string> fallback) const;
    /// Throws a ProfileError about option `key` ("file:line: [rule.ID.options] key <what>"):
    /// for values of the right type that a rule still cannot use.
    [[noreturn]] void fail(std::string_view key, std::string_view what) const;
    /// Every option read since clear_effective(), with the value it took (the profile's, or
    /// the rule's default), as TOML lines: what `rules --dump-config` shows.
    [[nodiscard]] std::string effective_toml() const;
    void clear_effective() const { m_effective.clear(); }
    /// Keys the rule's own [rule.ID.options] section set (not a glob section's): each must be
    /// an option the rule reads. Set by the profile loader.
    void set_own_keys(std::vector<std::string> keys) { m_own_keys = std::move(keys); }
    [[nodiscard]] const std::vector<std::string>& own_keys() const noexcept { return m_own_keys; }
    /// After the rule was built (rules read every option they use when built): throws a
    /// ProfileError for an own key the rule never read, a typo such as `ignore_tag`.
    void check_all_read() const;
    /// The options as given (null when none were set).
    [[nodiscard]] std::shared_ptr<const Table> table() const noexcept { return m_table; }
    /// The profile's `oclc` setting (the same for every rule): the records come from OCLC
    /// WorldCat, so OCLC's encoding levels (Leader/17 I, J, K, L, M) are codes the rules accept.
    [[nodiscard]] bool oclc() const noexcept { return m_oclc; }
    void set_oclc(bool oclc) noexcept { m_oclc = oclc; }
    /// The options as TOML text (for --dump-config); empty when none were set.
    [[nodiscard]] std::string to_toml() const;

private:
    /// The options table (null when none were set), noting that the rule asked for `key`.
    [[nodiscard]] const Table* asked(std::string_view key) const;

    std::string m_rule_id;
    std::string m_source;  ///< the profile file that set them, for messages
    std::shared_ptr<const Table> m_table;
    std::vector<std::string> m_own_keys;
    bool m_oclc = false;
    mutable std::vector<std::string> m_read;  ///< keys asked for; rules are built on one thread
    mutable std::vector<std::pair<std::string, std::string>> m_effective;  ///< key, value as TOML
    void note_effective(std::string_view key, std::string value) const;
    [[nodiscard]] std::vector<std::string> read_strings(std::string_view key, std::vector<std::string> fallback) const;
};

/// How a rule's findings are fixed, for the cleanup estimate (docs/effort.md).
enum class FixKind : std::uint8_t {
    manual,  ///< record by record: cost_*_minutes per finding
    batch,   ///< one batch edit: batch_*_minutes once, plus seconds_per_record per record
};

/// One rule's effective settings.
struct RuleSettings {
    bool enabled = false;
    Severity severity = Severity::error;
    double weight = 1.0;                ///< multiplies the severity's points in a record's score
    FixKind fix = FixKind::manual;
    double cost_low_minutes = 0.0;      ///< manual fix, per finding (`cost_minutes`)
    double cost_high_minutes = 0.0;
    double batch_low_minutes = 0.0;     ///< batch fix, once per run (`batch_minutes`)
    double batch_high_minutes = 0.0;
    double seconds_per_record = 0.0;    ///< batch fix, per record with findings (checking the result)
    /// Gate: the run fails when the rule has more findings than this (`max_findings`);
    /// negative for no limit.
    long max_findings = -1;
    /// What the rule's defects do to patrons, for ranking fixes (docs/effort.md): "access"
    /// (a search does not reach or finds the record wrongly), "link" (no working link to the
    /// resource), "facet" (left out of format, date, language or subject limits), "display"
    /// (a blemish on screen only). `impact` in the profile.
    std::string impact = "facet";
    RuleOptions options;
};

/// Findings of several rules that one action repairs (the profile's [fixes.NAME] tables;
/// docs/effort.md): in a record with findings of any of them, the action is costed once.
struct FixGroup {
    std::string name;                 ///< the table's name: "overlay"
    std::string what;                 ///< the action, in catalogers' words
    std::vector<std::string> rules;   ///< the rule ids (globs allowed) it repairs
    FixKind fix = FixKind::manual;
    double cost_low_minutes = 0.0;    ///< per record repaired
    double cost_high_minutes = 0.0;
    double batch_low_minutes = 0.0;   ///< or once per run, plus seconds_per_record
    double batch_high_minutes = 0.0;
    double seconds_per_record = 0.0;
    /// The action replaces the whole record (an overlay): the record's other findings need no
    /// fix of their own and are not costed (`replaces_record = true`).
    bool replaces_record = false;
    std::string impact = "access";    ///< as RuleSettings::impact
};

/// How findings become scores (the profile's [scoring] table; docs/scoring.md).
struct ScoringModel {
    double error_points = 10;    ///< points a record loses per error finding (times the rule's weight)
    double warning_points = 3;
    double info_points = 0;
    /// A rule's findings in one record count up to this many times: one broken 008 with many
    /// bad positions costs a record as much as three.
    int max_per_rule = 3;
    double rejected_score = 0;   ///< the score of a record that could not be read
    /// Grade cut-offs: the batch score at or above which each grade is given, best first.
    std::vector<std::pair<std::string, double>> grades{{"A", 90}, {"B", 80}, {"C", 70}, {"D", 60}, {"F", 0}};

    [[nodiscard]] double points(Severity s) const noexcept {
        return s == Severity::error ? error_points : s == Severity::warning ? warning_points : info_points;
    }
    /// The lowest share of clean records (no error or warning, percent) each grade needs, best
    /// first, with the same names as `grades`: a batch is graded by its mean score and by its
    /// clean share, and gets the worse of the two (docs/scoring.md). Empty: the mean alone.
    std::vector<std::pair<std::string, double>> clean_grades{{"A", 75}, {"B", 50}, {"C", 25}, {"D", 10}, {"F", 0}};
    /// The grade of a batch score.
    [[nodiscard]] const std::string& grade(double score) const noexcept;
    /// The grade of a batch with this mean score and this share of clean records (0-1): the
    /// worse of the score's grade and the clean share's.
    [[nodiscard]] const std::string& grade(double score, double clean_share) const noexcept;
};

/// The effective configuration of a run: settings for every registered rule.
class Profile {
public:
    /// Loads `name_or_path`: a path to a .toml file, or a profile name looked up in the
    /// profiles directory (`$MARCAUDIT_RULES/profiles`, else the one shipped with marcaudit).
    /// Follows `extends` (cycles are errors), reads the rule packs the chain names (`packs`)
    /// and its own [[check]] tables. @throws ProfileError.
    [[nodiscard]] static Profile load(std::string_view name_or_path, const Registry& registry);

    /// Every rule enabled, with its default severity: the configuration without a profile.
    [[nodiscard]] static Profile defaults(const Registry& registry);

    [[nodiscard]] const std::string& name() const noexcept { return m_name; }
    /// Settings of `rule_id`; nullptr for an unknown id.
    [[nodiscard]] const RuleSettings* settings(std::string_view rule_id) const noexcept;
    [[nodiscard]] bool enabled(std::string_view rule_id) const noexcept {
        const auto* s = settings(rule_id);
        return s != nullptr && s->enabled;
    }
    /// The rules the profile configures: the registry it was loaded with, plus the custom
    /// checks its rule packs and [[check]] tables declare (module `custom`, rules/README.md).
    /// Build the run's rules from this one.
    [[nodiscard]] const Registry& registry() const noexcept { return *m_registry; }
    /// How findings become scores.
    [[nodiscard]] const ScoringModel& scoring() const noexcept { return m_scoring; }
    /// The fix groups ([fixes.NAME]), by name.
    [[nodiscard]] const std::vector<FixGroup>& fixes() const noexcept { return m_fixes; }
    /// The `oclc` setting: records from OCLC WorldCat, whose encoding levels (Leader/17 I, J,
    /// K, L, M) every rule reading Leader/17 accepts (RuleOptions::oclc()).
    [[nodiscard]] bool oclc() const noexcept { return m_oclc; }
    /// The chain of files read, most general first.
    [[nodiscard]] const std::vector<std::filesystem::path>& files() const noexcept { return m_files; }

    /// The effective configuration as TOML, every rule listed (for `rules --dump-config`).
    [[nodiscard]] std::string dump() const;

private:
    std::string m_name;
    const Registry* m_registry = nullptr;
    std::shared_ptr<const Registry> m_own_registry;  ///< with the custom checks, when there are any
    std::vector<std::filesystem::path> m_files;
    std::map<std::string, RuleSettings, std::less<>> m_rules;
    ScoringModel m_scoring;
    bool m_oclc = false;
    std::vector<FixGroup> m_fixes;
};

/// Where the shipped rules/ folder is (profiles, packs, format tables, code lists):
/// `$MARCAUDIT_RULES`; else the one installed beside the binary (`../share/marcaudit/rules`
/// from its folder), so an installed or moved marcaudit finds its own; else the source
/// tree's rules/ (a binary in the build tree).
[[nodiscard]] std::filesystem::path rules_directory();

/// Where the documentation is (docs/, with a page per rule in rules/): `$MARCAUDIT_DOCS`;
/// else the one installed beside the binary (`../share/doc/marcaudit`); else the source
/// tree's docs/.
[[nodiscard]] std::filesystem::path docs_directory();

/// Does `id` match the glob `pattern` (`*` matches any run of characters)?
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view id) noexcept;

} // namespace marcaudit::rules
