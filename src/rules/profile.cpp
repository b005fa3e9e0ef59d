#include "marcaudit/rules/profile.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>
#include <tuple>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "marcaudit/rules/rule.hpp"
#include "rules/custom/custom_check.hpp"
#include "rules/toml_file.hpp"

namespace marcaudit::rules {

namespace fs = std::filesystem;

struct RuleOptions::Table {
    toml::table table;
};

RuleOptions::RuleOptions() = default;
RuleOptions::RuleOptions(std::string rule_id, std::string source, std::shared_ptr<const Table> table)
    : m_rule_id(std::move(rule_id)), m_source(std::move(source)), m_table(std::move(table)) {}
RuleOptions::~RuleOptions() = default;
RuleOptions::RuleOptions(const RuleOptions&) = default;
RuleOptions& RuleOptions::operator=(const RuleOptions&) = default;

namespace {

std::string where(const std::string& file, const toml::source_region& region) {
    return region.begin.line > 0 ? fmt::format("{}:{}", file, region.begin.line) : file;
}

[[noreturn]] void wrong_type(const std::string& file, const std::string& rule, std::string_view key,
                             const toml::node& node, std::string_view expected) {
    throw ProfileError(fmt::format("{}: [rule.{}.options] {} must be {}", where(file, node.source()), rule, key,
                                   expected));
}

} // namespace

void RuleOptions::fail(std::string_view key, std::string_view what) const {
    const toml::node* node = m_table ? m_table->table.get(key) : nullptr;
    const std::string place = node != nullptr ? where(m_source, node->source()) : m_source;
    throw ProfileError(fmt::format("{}: [rule.{}.options] {} {}", place, m_rule_id, key, what));
}

void RuleOptions::check_all_read() const {
    for (const auto& key : m_own_keys) {
        if (std::find(m_read.begin(), m_read.end(), key) == m_read.end()) {
            fail(key, fmt::format("is not an option of {} (its options are on docs/rules/{}.md)", m_rule_id, m_rule_id));
        }
    }
}

const RuleOptions::Table* RuleOptions::asked(std::string_view key) const {
    m_read.emplace_back(key);  // for check_all_read(): the rule has this option
    return m_table.get();
}

namespace {

/// The value of `key` in `table` (which may be null), or null.
const toml::node* value_of(const RuleOptions::Table* table, std::string_view key) {
    return table != nullptr ? table->table.get(key) : nullptr;
}

} // namespace

void RuleOptions::note_effective(std::string_view key, std::string value) const {
    for (auto& [k, v] : m_effective) {
        if (k == key) {
            v = std::move(value);
            return;
        }
    }
    m_effective.emplace_back(std::string{key}, std::move(value));
}

std::string RuleOptions::effective_toml() const {
    std::string out;
    for (const auto& [key, value] : m_effective) {
        out += fmt::format("{} = {}\n", key, value);
    }
    return out;
}

bool RuleOptions::get_bool(std::string_view key, bool fallback) const {
    const toml::node* node = value_of(asked(key), key);
    bool value = fallback;
    if (node != nullptr) {
        const auto* v = node->as_boolean();
        if (v == nullptr) {
            wrong_type(m_source, m_rule_id, key, *node, "true or false");
        }
        value = v->get();
    }
    note_effective(key, value ? "true" : "false");
    return value;
}

long RuleOptions::get_int(std::string_view key, long fallback) const {
    const toml::node* node = value_of(asked(key), key);
    long value = fallback;
    if (node != nullptr) {
        const auto* v = node->as_integer();
        if (v == nullptr) {
            wrong_type(m_source, m_rule_id, key, *node, "a whole number");
        }
        value = static_cast<long>(v->get());
    }
    note_effective(key, std::to_string(value));
    return value;
}

std::vector<std::string> RuleOptions::get_strings(std::string_view key, std::vector<std::string> fallback) const {
    auto values = read_strings(key, std::move(fallback));
    std::string shown = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::string quoted;
        for (const char c : values[i]) {
            if (c == '"' || c == '\\') {
                quoted.push_back('\\');
            }
            quoted.push_back(c);
        }
        shown += fmt::format("{}\"{}\"", i == 0 ? "" : ", ", quoted);
    }
    note_effective(key, shown + "]");
    return values;
}

std::vector<std::string> RuleOptions::read_strings(std::string_view key, std::vector<std::string> fallback) const {
    const toml::node* node = value_of(asked(key), key);
    if (node == nullptr) {
        return fallback;
    }
    const auto* array = node->as_array();
    if (array == nullptr) {
        wrong_type(m_source, m_rule_id, key, *node, "a list of strings, e.g. [\"938\", \"949\"]");
    }
    std::vector<std::string> out;
    for (const auto& item : *array) {
        const auto* s = item.as_string();
        if (s == nullptr) {
            wrong_type(m_source, m_rule_id, key, item, "a list of strings, e.g. [\"938\", \"949\"]");
        }
        out.push_back(s->get());
    }
    return out;
}

std::string RuleOptions::to_toml() const {
    if (!m_table || m_table->table.empty()) {
        return {};
    }
    std::ostringstream out;
    out << toml::toml_formatter{m_table->table};
    return out.str();
}

bool glob_match(std::string_view pattern, std::string_view id) noexcept {
    // Iterative wildcard match with backtracking to the last '*'.
    std::size_t p = 0;
    std::size_t s = 0;
    std::size_t star = std::string_view::npos;
    std::size_t mark = 0;
    while (s < id.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = s;
        } else if (p < pattern.size() && pattern[p] == id[s]) {
            ++p;
            ++s;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            s = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

toml::table detail::parse_toml_file(const std::filesystem::path& path) {
    try {
        return toml::parse_file(path.string());
    } catch (const toml::parse_error& e) {
        throw ProfileError(fmt::format("{}:{}:{}: {}", path.string(), e.source().begin.line, e.source().begin.column,
                                       e.description()));
    }
}

fs::path installed_directory(const char* relative_to_binary) {
    // The running binary's folder (Linux: /proc/self/exe), so that an installed or moved
    // marcaudit finds the data installed beside it.
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec || exe.empty()) {
        return {};
    }
    auto dir = (exe.parent_path() / relative_to_binary).lexically_normal();
    return fs::is_directory(dir, ec) ? dir : fs::path{};
}

fs::path rules_directory() {
    if (const char* env = std::getenv("MARCAUDIT_RULES"); env != nullptr && *env != '\0') {
        return fs::path{env};
    }
    static const fs::path installed = installed_directory(MARCAUDIT_RELATIVE_RULES_DIR);
    return installed.empty() ? fs::path{MARCAUDIT_SOURCE_RULES_DIR} : installed;
}

fs::path docs_directory() {
    if (const char* env = std::getenv("MARCAUDIT_DOCS"); env != nullptr && *env != '\0') {
        return fs::path{env};
    }
    static const fs::path installed = installed_directory(MARCAUDIT_RELATIVE_DOCS_DIR);
    return installed.empty() ? fs::path{MARCAUDIT_SOURCE_DOCS_DIR} : installed;
}

const std::string& ScoringModel::grade(double score) const noexcept {
    for (const auto& [name, lowest] : grades) {
        if (score >= lowest) {
            return name;
        }
    }
    return grades.back().first;
}

const std::string& ScoringModel::grade(double score, double clean_share) const noexcept {
    const std::string& by_score = grade(score);
    if (clean_grades.empty()) {
        return by_score;
    }
    const std::string* by_clean = &clean_grades.back().first;
    for (const auto& [name, lowest] : clean_grades) {
        if (clean_share * 100.0 >= lowest) {
            by_clean = &name;
            break;
        }
    }
    // The worse: the one later in the list of grades (best first).
    auto rank = [&](const std::string& g) {
        for (std::size_t i = 0; i < grades.size(); ++i) {
            if (grades[i].first == g) {
                return i;
            }
        }
        return grades.size();
    };
    return rank(*by_clean) > rank(by_score) && rank(*by_clean) < grades.size() ? grades[rank(*by_clean)].first : by_score;
}

Profile Profile::defaults(const Registry& registry) {
    Profile p;
    p.m_name = "(built-in defaults)";
    p.m_registry = &registry;
    for (const auto& e : registry.entries()) {
        RuleSettings s;
        s.enabled = true;
        s.severity = e.info.severity;
        s.options = RuleOptions{std::string{e.info.id}, "", nullptr};
        p.m_rules.emplace(std::string{e.info.id}, std::move(s));
    }
    return p;
}

const RuleSettings* Profile::settings(std::string_view rule_id) const noexcept {
    const auto it = m_rules.find(rule_id);
    return it == m_rules.end() ? nullptr : &it->second;
}

namespace {

fs::path resolve(std::string_view name_or_path, const fs::path& relative_to) {
    const fs::path given{name_or_path};
    if (name_or_path.find('/') != std::string_view::npos || given.extension() == ".toml") {
        return given.is_absolute() || relative_to.empty() ? given : relative_to / given;
    }
    return rules_directory() / "profiles" / (std::string{name_or_path} + ".toml");
}

Severity parse_severity(const toml::node& node, const std::string& file, const std::string& key) {
    const auto* s = node.as_string();
    if (s != nullptr) {
        if (s->get() == "error") return Severity::error;
        if (s->get() == "warning") return Severity::warning;
        if (s->get() == "info") return Severity::info;
    }
    throw ProfileError(fmt::format("{}: {} must be \"error\", \"warning\" or \"info\"", where(file, node.source()), key));
}

double parse_number(const toml::node& node, const std::string& file, const std::string& key) {
    if (const auto* i = node.as_integer()) {
        return static_cast<double>(i->get());
    }
    if (const auto* f = node.as_floating_point(); f != nullptr && std::isfinite(f->get())) {
        return f->get();
    }
    throw ProfileError(fmt::format("{}: {} must be a number", where(file, node.source()), key));
}

/// A [low, high] pair of non-negative numbers, low <= high.
std::pair<double, double> parse_range(const toml::node& node, const std::string& file, const std::string& key,
                                      std::string_view what) {
    const auto* a = node.as_array();
    if (a == nullptr || a->size() != 2) {
        throw ProfileError(fmt::format("{}: {} must be [low, high] {}", where(file, node.source()), key, what));
    }
    const double low = parse_number(*a->get(0), file, key);
    const double high = parse_number(*a->get(1), file, key);
    if (low < 0 || high < low) {
        throw ProfileError(fmt::format("{}: {} must be [low, high] {} with 0 <= low <= high", where(file, node.source()),
                                       key, what));
    }
    return {low, high};
}

/// Reads the profile's [scoring] table into `model`, key by key over what a parent set.
void apply_scoring(const toml::node& node, const std::string& file, ScoringModel& model) {
    const auto* t = node.as_table();
    if (t == nullptr) {
        throw ProfileError(fmt::format("{}: scoring must be a table: [scoring]", where(file, node.source())));
    }
    for (const auto& [key, value] : *t) {
        const std::string k{key.str()};
        const std::string full = "scoring." + k;
        if (k == "error") {
            model.error_points = parse_number(value, file, full);
        } else if (k == "warning") {
            model.warning_points = parse_number(value, file, full);
        } else if (k == "info") {
            model.info_points = parse_number(value, file, full);
        } else if (k == "rejected_score") {
            model.rejected_score = parse_number(value, file, full);
            if (model.rejected_score < 0 || model.rejected_score > 100) {
                throw ProfileError(fmt::format("{}: {} must be a score from 0 to 100", where(file, value.source()), full));
            }
        } else if (k == "max_per_rule") {
            const auto* i = value.as_integer();
            if (i == nullptr || i->get() < 1 || i->get() > 1000) {
                throw ProfileError(fmt::format("{}: {} must be a whole number from 1 to 1000", where(file, value.source()),
                                               full));
            }
            model.max_per_rule = static_cast<int>(i->get());
        } else if (k == "grades") {
            const auto* g = value.as_table();
            if (g == nullptr || g->empty()) {
                throw ProfileError(fmt::format("{}: {} must be a table of grades and their lowest scores, e.g. "
                                               "{{ A = 90, B = 80, C = 70, D = 60, F = 0 }}",
                                               where(file, value.source()), full));
            }
            model.grades.clear();
            for (const auto& [grade, cut] : *g) {
                model.grades.emplace_back(std::string{grade.str()}, parse_number(cut, file, full + "." + std::string{grade.str()}));
            }
            std::stable_sort(model.grades.begin(), model.grades.end(),
                             [](const auto& a, const auto& b) { return a.second > b.second; });
            if (model.grades.back().second > 0) {
                throw ProfileError(fmt::format("{}: {} needs a grade for the lowest scores (one with 0)",
                                               where(file, value.source()), full));
            }
        } else if (k == "clean_grades") {
            const auto* g = value.as_table();
            if (g == nullptr) {
                throw ProfileError(fmt::format("{}: {} must be a table of grades and the lowest share of clean records "
                                               "(percent) each needs, e.g. {{ A = 75, B = 50, C = 25, D = 10, F = 0 }}; "
                                               "an empty table grades by the score alone",
                                               where(file, value.source()), full));
            }
            model.clean_grades.clear();
            for (const auto& [grade, cut] : *g) {
                const double share = parse_number(cut, file, full + "." + std::string{grade.str()});
                if (share < 0 || share > 100) {
                    throw ProfileError(fmt::format("{}: {}.{} must be a percentage from 0 to 100",
                                                   where(file, cut.source()), full, grade.str()));
                }
                model.clean_grades.emplace_back(std::string{grade.str()}, share);
            }
            std::stable_sort(model.clean_grades.begin(), model.clean_grades.end(),
                             [](const auto& a, const auto& b) { return a.second > b.second; });
        } else {
            throw ProfileError(fmt::format("{}: unknown key '{}' (known: error, warning, info, max_per_rule, "
                                           "rejected_score, grades, clean_grades)",
                                           where(file, value.source()), full));
        }
    }
    for (const double p : {model.error_points, model.warning_points, model.info_points}) {
        if (p < 0) {
            throw ProfileError(fmt::format("{}: [scoring] points must not be negative", file));
        }
    }
}

/// Applies the file at `path` (after its parents) to `rules`.
void apply(const fs::path& path, const Registry& registry, std::map<std::string, RuleSettings, std::less<>>& rules,
           ScoringModel& scoring, bool& oclc, std::vector<FixGroup>& fixes,
           std::vector<fs::path>& chain, std::set<fs::path>& seen) {
    std::error_code ec;
    auto canonical = fs::weakly_canonical(path, ec);
    if (ec) {
        canonical = path;  // e.g. /dev/stdin: not a file to canonicalize, still readable
    }
    if (seen.contains(canonical)) {
        throw ProfileError(fmt::format("{}: 'extends' goes round in a circle", path.string()));
    }
    seen.insert(canonical);
    if (!fs::exists(path)) {
        // Name the profiles there are: a typo is then one look away.
        const auto dir = rules_directory() / "profiles";
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            if (entry.path().extension() == ".toml") {
                names.push_back(entry.path().stem().string());
            }
        }
        std::sort(names.begin(), names.end());
        std::string known;
        for (const auto& n : names) {
            known += (known.empty() ? "" : ", ") + n;
        }
        throw ProfileError(fmt::format("{}: no such profile; the profiles in {} are {} (or give a .toml file of "
                                       "your own: docs/profiles.md)",
                                       path.string(), dir.string(), known.empty() ? "none" : known));
    }
    const std::string file = path.string();
    toml::table doc = detail::parse_toml_file(file);  // not const: option values move out of it
    for (const auto& [key, node] : doc) {
        const std::string k{key.str()};
        if (k != "extends" && k != "name" && k != "description" && k != "rules" && k != "rule" && k != "packs" &&
            k != "check" && k != "scoring" && k != "oclc" && k != "fixes") {
            throw ProfileError(fmt::format("{}: unknown key '{}' (known: extends, name, description, oclc, packs, "
                                           "rules, [rule.ID], [[check]], [scoring], [fixes.NAME])",
                                           where(file, node.source()), k));
        }
    }
    for (const char* key : {"name", "description"}) {
        if (const auto* text = doc.get(key); text != nullptr && text->as_string() == nullptr) {
            throw ProfileError(fmt::format("{}: {} must be text in quotes", where(file, text->source()), key));
        }
    }
    if (const auto* parent = doc.get("extends")) {
        const auto* name = parent->as_string();
        if (name == nullptr) {
            throw ProfileError(fmt::format("{}: extends must be a profile name or file", where(file, parent->source())));
        }
        apply(resolve(name->get(), path.parent_path()), registry, rules, scoring, oclc, fixes, chain, seen);
    }
    chain.push_back(path);
    if (const auto* table = doc.get("fixes")) {
        const auto* t = table->as_table();
        if (t == nullptr) {
            throw ProfileError(fmt::format("{}: fixes must be tables: [fixes.overlay]", where(file, table->source())));
        }
        for (const auto& [name, node] : *t) {
            const auto* g = node.as_table();
            const std::string full = fmt::format("fixes.{}", name.str());
            if (g == nullptr) {
                throw ProfileError(fmt::format("{}: {} must be a table", where(file, node.source()), full));
            }
            FixGroup group;
            group.name = std::string{name.str()};
            for (const auto& [key, value] : *g) {
                const std::string k{key.str()};
                if (k == "what") {
                    const auto* text = value.as_string();
                    if (text == nullptr) {
                        throw ProfileError(fmt::format("{}: {}.what must be text", where(file, value.source()), full));
                    }
                    group.what = text->get();
                } else if (k == "rules") {
                    const auto* list = value.as_array();
                    if (list == nullptr || list->empty()) {
                        throw ProfileError(fmt::format("{}: {}.rules must list the rules the fix repairs",
                                                       where(file, value.source()), full));
                    }
                    for (const auto& r : *list) {
                        const auto* id = r.as_string();
                        if (id == nullptr) {
                            throw ProfileError(fmt::format("{}: {}.rules must be rule ids", where(file, r.source()), full));
                        }
                        const bool known = std::any_of(registry.entries().begin(), registry.entries().end(),
                                                       [&](const RuleEntry& e) { return glob_match(id->get(), e.info.id); });
                        if (!known) {
                            throw ProfileError(fmt::format("{}: {}.rules: '{}' matches no rule", where(file, r.source()),
                                                           full, id->get()));
                        }
                        group.rules.push_back(id->get());
                    }
                } else if (k == "cost_minutes") {
                    std::tie(group.cost_low_minutes, group.cost_high_minutes) =
                        parse_range(value, file, full + ".cost_minutes", "minutes per record repaired");
                    group.fix = FixKind::manual;
                } else if (k == "batch_minutes") {
                    std::tie(group.batch_low_minutes, group.batch_high_minutes) =
                        parse_range(value, file, full + ".batch_minutes", "minutes for the batch edit");
                    group.fix = FixKind::batch;
                } else if (k == "seconds_per_record") {
                    group.seconds_per_record = parse_number(value, file, full + ".seconds_per_record");
                } else if (k == "impact") {
                    const auto* text = value.as_string();
                    if (text == nullptr) {
                        throw ProfileError(fmt::format("{}: {}.impact must be text", where(file, value.source()), full));
                    }
                    group.impact = text->get();
                } else if (k == "replaces_record") {
                    const auto* b = value.as_boolean();
                    if (b == nullptr) {
                        throw ProfileError(fmt::format("{}: {}.replaces_record must be true or false",
                                                       where(file, value.source()), full));
                    }
                    group.replaces_record = b->get();
                } else {
                    throw ProfileError(fmt::format("{}: unknown setting '{}.{}' (known: what, rules, cost_minutes, "
                                                   "batch_minutes, seconds_per_record, replaces_record)",
                                                   where(file, value.source()), full, k));
                }
            }
            if (group.rules.empty()) {
                throw ProfileError(fmt::format("{}: {} needs rules = [...]", where(file, node.source()), full));
            }
            // A child profile's group of the same name replaces the parent's.
            std::erase_if(fixes, [&](const FixGroup& f) { return f.name == group.name; });
            fixes.push_back(std::move(group));
        }
    }
    if (const auto* flag = doc.get("oclc")) {
        const auto* b = flag->as_boolean();
        if (b == nullptr) {
            throw ProfileError(fmt::format("{}: oclc must be true or false", where(file, flag->source())));
        }
        oclc = b->get();
    }
    if (const auto* scoring_node = doc.get("scoring")) {
        apply_scoring(*scoring_node, file, scoring);
    }

    // Selection: globs in order, "-" excludes, the last match wins.
    if (const auto* selection = doc.get("rules")) {
        std::vector<std::pair<std::string, const toml::node*>> globs;
        if (const auto* s = selection->as_string()) {
            std::stringstream ss{s->get()};
            std::string item;
            while (std::getline(ss, item, ',')) {
                item.erase(0, item.find_first_not_of(' '));
                item.erase(item.find_last_not_of(' ') + 1);
                if (!item.empty()) {
                    globs.emplace_back(item, selection);
                }
            }
        } else if (const auto* a = selection->as_array()) {
            for (const auto& n : *a) {
                const auto* s2 = n.as_string();
                if (s2 == nullptr) {
                    throw ProfileError(fmt::format("{}: rules must list globs as strings", where(file, n.source())));
                }
                globs.emplace_back(s2->get(), &n);
            }
        } else {
            throw ProfileError(fmt::format("{}: rules must be a list of globs, e.g. [\"-*\", \"marc21-*\"]",
                                           where(file, selection->source())));
        }
        for (const auto& [glob, node] : globs) {
            const bool exclude = glob.starts_with('-');
            const std::string_view pattern = exclude ? std::string_view{glob}.substr(1) : std::string_view{glob};
            bool matched = false;
            for (auto& [id, settings] : rules) {
                if (glob_match(pattern, id)) {
                    settings.enabled = !exclude;
                    matched = true;
                }
            }
            if (!matched) {
                throw ProfileError(fmt::format("{}: rules: '{}' matches no rule (see 'marcaudit rules')",
                                               where(file, node->source()), glob));
            }
        }
    }

    if (auto* per_rule = doc.get("rule")) {
        auto* table = per_rule->as_table();
        if (table == nullptr) {
            throw ProfileError(fmt::format("{}: rule must be a table: [rule.ID]", where(file, per_rule->source())));
        }
        // Sections whose name is a glob ([rule."marc21-*"]) apply to every rule they match,
        // before the sections of single rules, which override them.
        std::vector<std::pair<std::string, toml::node*>> sections;
        for (auto&& [key, node] : *table) {
            if (key.str().find('*') != std::string_view::npos) {
                sections.emplace_back(std::string{key.str()}, &node);
            }
        }
        for (auto&& [key, node] : *table) {
            if (key.str().find('*') == std::string_view::npos) {
                sections.emplace_back(std::string{key.str()}, &node);
            }
        }
        for (const auto& [section, section_node] : sections) {
            toml::node& node = *section_node;
            const bool glob = section.find('*') != std::string::npos;
            std::vector<std::string> ids;
            if (section.find('*') != std::string::npos) {
                for (const auto& [id, settings] : rules) {
                    if (glob_match(section, id)) {
                        ids.push_back(id);
                    }
                }
                if (ids.empty()) {
                    throw ProfileError(fmt::format("{}: [rule.\"{}\"]: the glob matches no rule (see 'marcaudit rules')",
                                                   where(file, node.source()), section));
                }
            } else {
                if (!rules.contains(section) || registry.find(section) == nullptr) {
                    throw ProfileError(fmt::format("{}: [rule.{}]: no such rule (see 'marcaudit rules')",
                                                   where(file, node.source()), section));
                }
                ids.push_back(section);
            }
            auto* settings = node.as_table();
            if (settings == nullptr) {
                throw ProfileError(fmt::format("{}: rule.{} must be a table", where(file, node.source()), section));
            }
            for (const auto& id : ids) {
            const auto it = rules.find(id);
            RuleSettings& s = it->second;
            for (auto&& [skey, value] : *settings) {
                const std::string sk{skey.str()};
                const std::string full = fmt::format("rule.{}.{}", id, sk);
                if (sk == "severity") {
                    s.severity = parse_severity(value, file, full);
                } else if (sk == "enabled") {
                    const auto* b = value.as_boolean();
                    if (b == nullptr) {
                        throw ProfileError(fmt::format("{}: {} must be true or false", where(file, value.source()), full));
                    }
                    s.enabled = b->get();
                } else if (sk == "weight") {
                    s.weight = parse_number(value, file, full);
                } else if (sk == "cost_minutes") {
                    std::tie(s.cost_low_minutes, s.cost_high_minutes) =
                        parse_range(value, file, full, "minutes per finding");
                    s.fix = FixKind::manual;
                } else if (sk == "batch_minutes") {
                    std::tie(s.batch_low_minutes, s.batch_high_minutes) =
                        parse_range(value, file, full, "minutes for the batch edit");
                    s.fix = FixKind::batch;
                } else if (sk == "seconds_per_record") {
                    s.seconds_per_record = parse_number(value, file, full);
                    if (s.seconds_per_record < 0) {
                        throw ProfileError(fmt::format("{}: {} must not be negative", where(file, value.source()), full));
                    }
                } else if (sk == "impact") {
                    const auto* text = value.as_string();
                    if (text == nullptr || (text->get() != "access" && text->get() != "link" &&
                                            text->get() != "facet" && text->get() != "display")) {
                        throw ProfileError(fmt::format("{}: {} must be \"access\", \"link\", \"facet\" or \"display\"",
                                                       where(file, value.source()), full));
                    }
                    s.impact = text->get();
                } else if (sk == "max_findings") {
                    const auto* i = value.as_integer();
                    if (i == nullptr || i->get() < 0) {
                        throw ProfileError(fmt::format("{}: {} must be a whole number from 0 up (the gate fails above "
                                                       "it)",
                                                       where(file, value.source()), full));
                    }
                    s.max_findings = static_cast<long>(i->get());
                } else if (sk == "options") {
                    auto* o = value.as_table();
                    if (o == nullptr) {
                        throw ProfileError(fmt::format("{}: {} must be a table", where(file, value.source()), full));
                    }
                    // Key by key over what a glob section or a parent profile set.
                    auto merged = std::make_shared<RuleOptions::Table>();
                    if (const auto previous = s.options.table()) {
                        merged->table = previous->table;
                    }
                    for (auto&& [okey, ovalue] : *o) {
                        if (glob) {
                            merged->table.insert_or_assign(okey, ovalue);  // shared by several rules
                        } else {
                            merged->table.insert_or_assign(okey, std::move(ovalue));  // keeps its line for messages
                        }
                    }
                    // Keys a rule's own section sets must be options it has; a glob section's
                    // may be meant for other rules it matches.
                    std::vector<std::string> own = s.options.own_keys();
                    if (!glob) {
                        for (auto&& [okey, ovalue] : *o) {
                            own.emplace_back(okey.str());
                        }
                    }
                    s.options = RuleOptions{id, file, std::move(merged)};
                    s.options.set_own_keys(std::move(own));
                } else {
                    throw ProfileError(fmt::format("{}: unknown setting '{}' (known: enabled, severity, weight, "
                                                   "cost_minutes, batch_minutes, seconds_per_record, max_findings, "
                                                   "impact, options)",
                                                   where(file, value.source()), full));
                }
            }
            }
        }
    }
}

/// Gathers the custom checks of the profile at `path` and its parents (parents first): the
/// rule packs each names in `packs`, and its own [[check]] tables.
void collect_checks(const fs::path& path, std::vector<custom::CheckSpec>& checks, std::set<fs::path>& seen,
                    std::set<fs::path>& packs_read) {
    std::error_code ec;
    auto canonical = fs::weakly_canonical(path, ec);
    if (ec) {
        canonical = path;
    }
    if (seen.contains(canonical) || !fs::exists(path)) {
        return;  // apply() reports the circle or the missing file
    }
    seen.insert(canonical);
    const std::string file = path.string();
    const toml::table doc = detail::parse_toml_file(file);
    if (const auto* parent = doc.get("extends"); parent != nullptr && parent->as_string() != nullptr) {
        collect_checks(resolve(parent->as_string()->get(), path.parent_path()), checks, seen, packs_read);
    }
    if (const auto* packs = doc.get("packs")) {
        const auto* a = packs->as_array();
        if (a == nullptr) {
            throw ProfileError(fmt::format("{}: packs must be a list of rule pack names or files, e.g. "
                                           "[\"ebook-local\"]",
                                           where(file, packs->source())));
        }
        for (const auto& n : *a) {
            const auto* name = n.as_string();
            if (name == nullptr) {
                throw ProfileError(fmt::format("{}: packs must list names or files as strings", where(file, n.source())));
            }
            const fs::path given{name->get()};
            const bool is_path = name->get().find('/') != std::string::npos || given.extension() == ".toml";
            const auto pack = is_path ? (given.is_absolute() ? given : path.parent_path() / given)
                                      : rules_directory() / "packs" / (name->get() + ".toml");
            // A pack named by a profile and by its parent is read once.
            std::error_code pack_error;
            auto canonical_pack = fs::weakly_canonical(pack, pack_error);
            if (pack_error) {
                canonical_pack = pack;
            }
            if (packs_read.insert(canonical_pack).second) {
                custom::read_checks(pack, true, checks);
            }
        }
    }
    custom::read_checks(path, false, checks);
}

} // namespace

Profile Profile::load(std::string_view name_or_path, const Registry& registry) {
    const auto path = resolve(name_or_path, {});
    // The custom checks first: the chain's rule selections and sections may name them.
    std::vector<custom::CheckSpec> checks;
    std::set<fs::path> seen;
    std::set<fs::path> packs_read;
    collect_checks(path, checks, seen, packs_read);
    std::shared_ptr<Registry> own;
    if (!checks.empty()) {
        own = std::make_shared<Registry>(registry);
        custom::add_checks(*own, checks);
    }
    Profile p = defaults(own != nullptr ? *own : registry);
    p.m_own_registry = own;
    for (const auto& c : checks) {
        auto& s = p.m_rules.at(c.id);
        s.cost_low_minutes = c.cost_low_minutes;
        s.cost_high_minutes = c.cost_high_minutes;
    }
    p.m_name = std::string{name_or_path};
    seen.clear();
    apply(path, p.registry(), p.m_rules, p.m_scoring, p.m_oclc, p.m_fixes, p.m_files, seen);
    for (auto& [id, s] : p.m_rules) {
        s.options.set_oclc(p.m_oclc);
    }
    return p;
}

std::string Profile::dump() const {
    std::string out = fmt::format("# Effective configuration of profile \"{}\"\n", m_name);
    for (const auto& f : m_files) {
        out += fmt::format("# read: {}\n", f.string());
    }
    out += fmt::format("\n# records from OCLC WorldCat: OCLC's encoding levels (Leader/17 I, J, K, L, M) accepted\n"
                       "oclc = {}\n",
                       m_oclc);
    out += fmt::format("\n[scoring]\nerror = {}\nwarning = {}\ninfo = {}\nmax_per_rule = {}\nrejected_score = {}\ngrades = {{ ",
                       m_scoring.error_points, m_scoring.warning_points, m_scoring.info_points, m_scoring.max_per_rule,
                       m_scoring.rejected_score);
    for (std::size_t i = 0; i < m_scoring.grades.size(); ++i) {
        out += fmt::format("{}{} = {}", i == 0 ? "" : ", ", m_scoring.grades[i].first, m_scoring.grades[i].second);
    }
    out += " }\nclean_grades = { ";
    for (std::size_t i = 0; i < m_scoring.clean_grades.size(); ++i) {
        out += fmt::format("{}{} = {}", i == 0 ? "" : ", ", m_scoring.clean_grades[i].first,
                           m_scoring.clean_grades[i].second);
    }
    out += " }\n";
    for (const auto& [id, s] : m_rules) {
        out += fmt::format("\n[rule.{}]\nenabled = {}\nseverity = \"{}\"\nweight = {}\n", id, s.enabled,
                           to_string(s.severity), s.weight);
        if (s.fix == FixKind::manual) {
            out += fmt::format("cost_minutes = [{}, {}]\n", s.cost_low_minutes, s.cost_high_minutes);
        } else {
            out += fmt::format("batch_minutes = [{}, {}]\nseconds_per_record = {}\n", s.batch_low_minutes,
                               s.batch_high_minutes, s.seconds_per_record);
        }
        if (s.max_findings >= 0) {
            out += fmt::format("max_findings = {}\n", s.max_findings);
        }
        // Every option with its effective value, defaults included: the rule is built once,
        // and what it reads (RuleOptions records each key and value) is printed.
        std::string options;
        if (const auto* entry = m_registry->find(id); entry != nullptr && (entry->make || entry->make_collection)) {
            s.options.clear_effective();
            if (entry->make) {
                (void)entry->make(s.options);
            } else {
                (void)entry->make_collection(s.options);
            }
            options = s.options.effective_toml();
        } else {
            options = s.options.to_toml();
        }
        if (!options.empty()) {
            out += fmt::format("[rule.{}.options]\n{}", id, options);
        }
    }
    return out;
}

} // namespace marcaudit::rules
