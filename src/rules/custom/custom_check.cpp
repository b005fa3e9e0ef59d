#include "rules/custom/custom_check.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <mutex>

#include <fmt/format.h>
#include <toml++/toml.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include "marcaudit/rules/custom.hpp"
#include "marcaudit/rules/profile.hpp"
#include "rules/toml_file.hpp"

namespace marcaudit::rules::custom {

namespace {

/// Checks registered in this process, by id. Rule ids and summaries live as long as the
/// process: findings keep their id as a string_view.
struct Catalogue {
    std::mutex mutex;
    std::deque<std::string> strings;
    struct Entry {
        std::shared_ptr<const CheckSpec> spec;
        std::string_view summary;  ///< the kept copy its RuleInfo points to
    };
    std::map<std::string, Entry, std::less<>> checks;
};

Catalogue& catalogue() {
    static Catalogue c;
    return c;
}

/// `s` stored for the life of the process (the caller holds the catalogue's mutex).
std::string_view keep(Catalogue& c, std::string s) {
    return c.strings.emplace_back(std::move(s));
}

[[noreturn]] void fail(const std::string& file, const toml::node& node, std::string_view what) {
    throw ProfileError(fmt::format("{}:{}: {}", file, node.source().begin.line, what));
}

std::string string_key(const toml::table& t, std::string_view key, const std::string& file, bool required) {
    const auto* node = t.get(key);
    if (node == nullptr) {
        if (required) {
            fail(file, t, fmt::format("[[check]] needs a {} (see rules/README.md)", key));
        }
        return {};
    }
    const auto* s = node->as_string();
    if (s == nullptr) {
        fail(file, *node, fmt::format("{} must be a string", key));
    }
    return s->get();
}

bool is_tag_char(char c) {
    return (c >= '0' && c <= '9') || c == 'X' || c == 'x';
}

std::size_t parse_position(std::string_view text, const std::string& file, const toml::node& node,
                           std::string_view what) {
    std::size_t n = 0;
    if (text.empty() || text.size() > 2 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        fail(file, node, fmt::format("'{}': positions are numbers, as MARC 21 writes them (LDR/06, 008/35-37)", what));
    }
    for (const char c : text) {
        n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    return n;
}

/// "856", "6XX", "856$u", "LDR/06", "008/35-37".
Place parse_place(std::string_view text, const std::string& file, const toml::node& node) {
    Place p;
    const auto slash = text.find('/');
    const auto dollar = text.find('$');
    p.tag = std::string{text.substr(0, std::min(slash, dollar))};
    const bool leader = p.tag == "LDR";
    if (!leader && (p.tag.size() != 3 || !std::all_of(p.tag.begin(), p.tag.end(), is_tag_char))) {
        fail(file, node, fmt::format("'{}' is not a place in a record: write a tag (856, 6XX), a subfield (856$u) or "
                                     "positions (LDR/06, 008/35-37)",
                                     text));
    }
    std::transform(p.tag.begin(), p.tag.end(), p.tag.begin(), [](char c) { return c == 'x' ? 'X' : c; });
    const bool control = leader || p.tag.starts_with("00");
    if (slash != std::string_view::npos) {
        if (!control) {
            fail(file, node, fmt::format("'{}': positions belong to the leader and the control fields (001-009)", text));
        }
        const auto range = text.substr(slash + 1);
        const auto dash = range.find('-');
        p.has_positions = true;
        p.first = parse_position(range.substr(0, dash), file, node, text);
        p.last = dash == std::string_view::npos ? p.first : parse_position(range.substr(dash + 1), file, node, text);
        if (p.last < p.first || (leader && p.last > 23)) {
            fail(file, node, fmt::format("'{}': the positions run backwards or past the leader's 24", text));
        }
    } else if (dollar != std::string_view::npos) {
        if (control || text.size() != dollar + 2) {
            fail(file, node, fmt::format("'{}': a subfield is a data field's tag, $ and one code (856$u)", text));
        }
        p.subfield = text[dollar + 1];
    } else if (leader) {
        fail(file, node, "'LDR' needs positions (LDR/06)");
    }
    return p;
}

std::vector<std::string> string_list(const toml::node& node, const std::string& file, std::string_view key) {
    std::vector<std::string> out;
    if (const auto* s = node.as_string()) {
        out.push_back(s->get());
        return out;
    }
    const auto* a = node.as_array();
    if (a == nullptr) {
        fail(file, node, fmt::format("{} must be a string or a list of strings", key));
    }
    for (const auto& v : *a) {
        const auto* s = v.as_string();
        if (s == nullptr) {
            fail(file, v, fmt::format("{} must list strings", key));
        }
        out.push_back(s->get());
    }
    return out;
}

CheckSpec parse_check(const toml::table& t, const std::string& file) {
    CheckSpec c;
    c.source = fmt::format("{}:{}", file, t.source().begin.line);
    c.id = string_key(t, "id", file, true);
    if (!c.id.starts_with("custom-") || c.id.size() == 7 ||
        !std::all_of(c.id.begin(), c.id.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'; })) {
        fail(file, *t.get("id"), fmt::format("id '{}' must be custom-<name> in lower case, digits and hyphens "
                                             "(custom-url-platform)", c.id));
    }
    c.message = string_key(t, "message", file, true);
    c.summary = string_key(t, "summary", file, false);
    if (c.summary.empty()) {
        c.summary = c.message.substr(0, c.message.find(": "));
    }
    c.fix = string_key(t, "fix", file, false);
    if (const auto* s = t.get("severity")) {
        const auto v = s->as_string() != nullptr ? s->as_string()->get() : std::string{};
        if (v == "error") c.severity = Severity::error;
        else if (v == "warning") c.severity = Severity::warning;
        else if (v == "info") c.severity = Severity::info;
        else fail(file, *s, "severity must be \"error\", \"warning\" or \"info\"");
    }
    if (const auto* cost = t.get("cost_minutes")) {
        const auto* a = cost->as_array();
        auto number = [&](const toml::node* n) {
            if (n != nullptr && n->as_integer() != nullptr) return static_cast<double>(n->as_integer()->get());
            if (n != nullptr && n->as_floating_point() != nullptr) return n->as_floating_point()->get();
            fail(file, *cost, "cost_minutes must be [low, high] minutes per occurrence");
        };
        if (a == nullptr || a->size() != 2) {
            fail(file, *cost, "cost_minutes must be [low, high] minutes per occurrence");
        }
        c.cost_low_minutes = number(a->get(0));
        c.cost_high_minutes = number(a->get(1));
        if (!(c.cost_low_minutes >= 0 && c.cost_low_minutes <= c.cost_high_minutes) ||
            !std::isfinite(c.cost_high_minutes)) {
            fail(file, *cost, "cost_minutes must be [low, high] minutes per occurrence with 0 <= low <= high");
        }
    }
    const auto* field = t.get("field");
    if (field == nullptr || field->as_string() == nullptr) {
        fail(file, field != nullptr ? *field : static_cast<const toml::node&>(t),
             "[[check]] needs field = \"<tag>\", \"<tag>$<code>\" or \"LDR/<position>\"");
    }
    c.place = parse_place(field->as_string()->get(), file, *field);

    // Exactly one test.
    static constexpr std::pair<std::string_view, Test> k_tests[] = {
        {"required", Test::required},   {"forbidden", Test::forbidden}, {"repeatable", Test::not_repeatable},
        {"matches", Test::matches},     {"not_matches", Test::not_matches}, {"in_list", Test::in_list},
        {"not_in_list", Test::not_in_list},
    };
    int tests = 0;
    for (const auto& [key, test] : k_tests) {
        const auto* node = t.get(key);
        if (node == nullptr) {
            continue;
        }
        ++tests;
        c.test = test;
        if (test == Test::required || test == Test::forbidden || test == Test::not_repeatable) {
            const auto* b = node->as_boolean();
            const bool expected = test != Test::not_repeatable;  // required = true, repeatable = false
            if (b == nullptr || b->get() != expected) {
                fail(file, *node, fmt::format("{} = {}: the only value it takes (leave it out otherwise)", key,
                                              expected ? "true" : "false"));
            }
            if (c.place.has_positions) {
                fail(file, *node, fmt::format("{} is about fields and subfields, not positions", key));
            }
        } else if (test == Test::matches || test == Test::not_matches) {
            const auto* s = node->as_string();
            if (s == nullptr) {
                fail(file, *node, fmt::format("{} must be a regular expression (a string)", key));
            }
            c.regex_text = s->get();
            UErrorCode status = U_ZERO_ERROR;
            UParseError parse{};
            const auto pattern = icu::UnicodeString::fromUTF8(icu::StringPiece(c.regex_text.data(),
                                                                                static_cast<int32_t>(c.regex_text.size())));
            std::shared_ptr<icu::RegexPattern> compiled{icu::RegexPattern::compile(pattern, 0, parse, status)};
            if (U_FAILURE(status)) {
                fail(file, *node, fmt::format("{} '{}' is not a regular expression ({} near character {})", key,
                                              c.regex_text, u_errorName(status), parse.offset));
            }
            c.regex = std::move(compiled);
        } else {
            c.values = string_list(*node, file, key);
            if (c.values.empty()) {
                fail(file, *node, fmt::format("{} is empty", key));
            }
        }
        const bool values = test != Test::required && test != Test::forbidden && test != Test::not_repeatable;
        if (values && !c.place.has_positions && c.place.subfield == 0 && !c.place.tag.starts_with("00")) {
            fail(file, *node, fmt::format("{} tests values: name a subfield (field = \"{}$a\")", key, c.place.tag));
        }
    }
    if (tests != 1) {
        fail(file, t, "[[check]] needs exactly one test: required, forbidden, repeatable = false, matches, "
                      "not_matches, in_list or not_in_list");
    }
    if (const auto* when = t.get("when")) {
        const auto* w = when->as_table();
        if (w == nullptr) {
            fail(file, *when, "when must be a table: when = { \"LDR/06\" = \"a\" }");
        }
        for (const auto& [key, node] : *w) {
            Condition cond;
            cond.place = parse_place(key.str(), file, node);
            if (!cond.place.has_positions || cond.place.tag.find('X') != std::string::npos) {
                fail(file, node, fmt::format("when: '{}' must name positions of the leader or of one control field, "
                                             "without X (\"LDR/06\", \"008/23\")",
                                             key.str()));
            }
            cond.values = string_list(node, file, key.str());
            for (const auto& v : cond.values) {
                if (v.size() != cond.place.last - cond.place.first + 1) {
                    fail(file, node, fmt::format("when: '{}' has {} position(s), but '{}' has {} character(s)",
                                                 key.str(), cond.place.last - cond.place.first + 1, v,
                                                 v.size()));
                }
            }
            cond.values.shrink_to_fit();
            c.when.push_back(std::move(cond));
        }
    }
    static constexpr std::string_view k_keys[] = {"id",       "summary",     "message",  "fix",   "severity",
                                                  "cost_minutes", "field",   "required", "forbidden",
                                                  "repeatable", "matches",  "not_matches", "in_list",
                                                  "not_in_list", "when"};
    for (const auto& [key, node] : t) {
        if (std::find(std::begin(k_keys), std::end(k_keys), key.str()) == std::end(k_keys)) {
            fail(file, node, fmt::format("[[check]] {}: unknown key '{}' (see rules/README.md)", c.id, key.str()));
        }
    }
    return c;
}

/// The text at the place's positions of a control field or the leader; empty when short.
std::string_view positions(std::string_view data, const Place& p) {
    return data.size() > p.last ? data.substr(p.first, p.last - p.first + 1) : std::string_view{};
}

/// `value` without the blanks and ISBD punctuation that end it ("eng." → "eng").
std::string_view trimmed(std::string_view value) {
    while (!value.empty() && (value.back() == ' ' || value.back() == '.' || value.back() == ',' ||
                              value.back() == ';' || value.back() == ':' || value.back() == '/')) {
        value.remove_suffix(1);
    }
    while (!value.empty() && value.front() == ' ') {
        value.remove_prefix(1);
    }
    return value;
}

} // namespace

std::string Place::display() const {
    if (has_positions) {
        return first == last ? fmt::format("{}/{:02}", tag, first) : fmt::format("{}/{:02}-{:02}", tag, first, last);
    }
    return subfield != 0 ? fmt::format("{}${}", tag, subfield) : tag;
}

bool Place::tag_matches(std::string_view t) const noexcept {
    if (t.size() != 3 || tag.size() != 3) {
        return false;
    }
    for (std::size_t i = 0; i < 3; ++i) {
        if (tag[i] != 'X' ? tag[i] != t[i] : (t[i] < '0' || t[i] > '9')) {
            return false;
        }
    }
    return true;
}

void read_checks(const std::filesystem::path& path, bool pack, std::vector<CheckSpec>& out) {
    const std::string file = path.string();
    if (!std::filesystem::exists(path)) {
        throw ProfileError(fmt::format("{}: no such rule pack (packs are in {})", file,
                                       (rules_directory() / "packs").string()));
    }
    const toml::table doc = detail::parse_toml_file(file);
    if (pack) {
        for (const auto& [key, node] : doc) {
            if (key.str() != "name" && key.str() != "description" && key.str() != "check") {
                fail(file, node, fmt::format("unknown key '{}' in a rule pack (known: name, description, [[check]])",
                                             key.str()));
            }
        }
    }
    const auto* checks = doc.get("check");
    if (checks == nullptr) {
        return;
    }
    const auto* a = checks->as_array();
    if (a == nullptr) {
        fail(file, *checks, "checks are an array of tables: write each as [[check]]");
    }
    for (const auto& node : *a) {
        const auto* t = node.as_table();
        if (t == nullptr) {
            fail(file, node, "checks are an array of tables: write each as [[check]]");
        }
        out.push_back(parse_check(*t, file));
    }
}

void add_checks(Registry& registry, const std::vector<CheckSpec>& checks) {
    auto& c = catalogue();
    const std::lock_guard lock{c.mutex};
    std::map<std::string_view, const CheckSpec*> seen;
    for (const auto& spec : checks) {
        if (const auto [it, fresh] = seen.emplace(spec.id, &spec); !fresh) {
            throw ProfileError(fmt::format("{}: check '{}' is declared twice (also at {})", spec.source, spec.id,
                                           it->second->source));
        }
        auto shared = std::make_shared<const CheckSpec>(spec);
        const RuleInfo info{keep(c, spec.id), "custom", spec.severity, keep(c, spec.summary)};
        // The same pack loaded again (a second profile in one process) gets its latest form.
        c.checks.insert_or_assign(spec.id, Catalogue::Entry{shared, info.summary});
        registry.add(info, [info, shared](const RuleOptions&) { return std::make_unique<CustomCheck>(info, shared); });
    }
}

std::shared_ptr<const CheckSpec> find_check(std::string_view id) {
    auto& c = catalogue();
    const std::lock_guard lock{c.mutex};
    const auto it = c.checks.find(id);
    return it == c.checks.end() ? nullptr : it->second.spec;
}

std::string_view summary(std::string_view id) {
    auto& c = catalogue();
    const std::lock_guard lock{c.mutex};
    const auto it = c.checks.find(id);
    return it == c.checks.end() ? std::string_view{} : it->second.summary;
}

std::string explain(std::string_view id) {
    const auto spec = find_check(id);
    if (spec == nullptr) {
        return {};
    }
    const auto& s = *spec;
    std::string test;
    auto list = [](const std::vector<std::string>& v) {
        std::string out;
        for (const auto& x : v) {
            out += out.empty() ? fmt::format("`{}`", x) : fmt::format(", `{}`", x);
        }
        return out;
    };
    const auto place = s.place.display();
    switch (s.test) {
        case Test::required: test = fmt::format("the record must have {}", place); break;
        case Test::forbidden: test = fmt::format("the record must not have {}", place); break;
        case Test::not_repeatable: test = fmt::format("{} must not be repeated", place); break;
        case Test::matches: test = fmt::format("every {} must match the regular expression `{}`", place, s.regex_text); break;
        case Test::not_matches: test = fmt::format("no {} may match the regular expression `{}`", place, s.regex_text); break;
        case Test::in_list: test = fmt::format("every {} must be one of {}", place, list(s.values)); break;
        case Test::not_in_list: test = fmt::format("no {} may be one of {}", place, list(s.values)); break;
    }
    std::string when;
    for (const auto& cond : s.when) {
        when += fmt::format("{}{} is {}", when.empty() ? "" : " and ", cond.place.display(), list(cond.values));
    }
    return fmt::format("# {}\n\n{}\n\nA custom check, declared in {} (module `custom`: see rules/README.md).\n\n"
                       "- Default severity: **{}**\n- Test: {}\n- Applies to: {}\n- Message: {}\n- Fix: {}\n"
                       "- Cost per finding: {}-{} minutes\n",
                       s.id, s.summary, s.source, to_string(s.severity), test,
                       when.empty() ? std::string{"every record"} : "records where " + when, s.message,
                       s.fix.empty() ? std::string{"(none given)"} : s.fix, s.cost_low_minutes, s.cost_high_minutes);
}

CustomCheck::CustomCheck(const RuleInfo& info, std::shared_ptr<const CheckSpec> spec)
    : RecordRule(info), m_spec(std::move(spec)) {}

CustomCheck::~CustomCheck() = default;

bool CustomCheck::applies(const record::RecordView& record) const {
    for (const auto& cond : m_spec->when) {
        std::string_view data;
        if (cond.place.tag == "LDR") {
            data = record.leader().bytes();
        } else if (const auto* f = record.first_field(cond.place.tag); f != nullptr) {
            data = f->data();
        }
        const auto at = positions(data, cond.place);
        if (at.empty() || std::find(cond.values.begin(), cond.values.end(), at) == cond.values.end()) {
            return false;
        }
    }
    return true;
}

bool CustomCheck::value_fails(std::string_view value) const {
    const auto& s = *m_spec;
    switch (s.test) {
        case Test::matches:
        case Test::not_matches: {
            UErrorCode status = U_ZERO_ERROR;
            const auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(value.data(), static_cast<int32_t>(value.size())));
            auto& matcher = m_matchers.local();
            if (matcher == nullptr) {
                matcher.reset(s.regex->matcher(status));
            }
            // reset() keeps a reference to text, which outlives the find below.
            const bool found = U_SUCCESS(status) && matcher != nullptr && matcher->reset(text).find(status) &&
                               U_SUCCESS(status);
            return s.test == Test::matches ? !found : found;
        }
        case Test::in_list:
        case Test::not_in_list: {
            const bool listed = std::find(s.values.begin(), s.values.end(), value) != s.values.end();
            return s.test == Test::in_list ? !listed : listed;
        }
        default: return false;
    }
}

void CustomCheck::report_value(const record::RecordView& record, const record::FieldView* field, std::string_view value,
                               FindingSink& sink) const {
    const auto& s = *m_spec;
    Finding& f = report(record, field, sink, s.message);
    if (s.place.tag == "LDR") {
        f.tag = "LDR";
    }
    if (s.place.has_positions) {
        f.position = s.place.first == s.place.last ? fmt::format("/{:02}", s.place.first)
                                                   : fmt::format("/{:02}-{:02}", s.place.first, s.place.last);
    } else if (s.place.subfield != 0) {
        f.position = fmt::format("${}", s.place.subfield);
    }
    f.value = full_value(value);
    f.fix = s.fix;
}

void CustomCheck::check(const record::RecordView& record, FindingSink& sink) const {
    if (!applies(record)) {
        return;
    }
    const auto& s = *m_spec;
    const auto& p = s.place;
    if (p.tag == "LDR") {
        const auto at = positions(record.leader().bytes(), p);
        if (value_fails(at)) {
            report_value(record, nullptr, at, sink);
        }
        return;
    }
    std::size_t occurrences = 0;
    const record::FieldView* without_subfield = nullptr;  // for `required` with a subfield
    for (const auto& field : record.fields()) {
        if (!p.tag_matches(field.tag())) {
            continue;
        }
        // A subfield place ("XXX$a") is about data fields only: control fields have none.
        if (field.is_control() && p.subfield != 0) {
            continue;
        }
        if (field.is_control()) {
            const auto data = field.data();
            const auto value = p.has_positions ? positions(data, p) : data;
            ++occurrences;
            if (s.test == Test::forbidden || (s.test == Test::not_repeatable && occurrences == 2)) {
                report_value(record, &field, data, sink);
            } else if (s.test != Test::required && s.test != Test::not_repeatable && value_fails(value)) {
                report_value(record, &field, value, sink);
            }
            continue;
        }
        if (p.subfield == 0) {
            ++occurrences;
            if (s.test == Test::forbidden || (s.test == Test::not_repeatable && occurrences == 2)) {
                report_value(record, &field, field.data(), sink);
            }
            continue;
        }
        std::size_t in_field = 0;
        for (const auto& sf : field.subfields()) {
            if (sf.code != p.subfield) {
                continue;
            }
            ++in_field;
            ++occurrences;
            if (s.test == Test::forbidden || (s.test == Test::not_repeatable && in_field == 2)) {
                report_value(record, &field, sf.value, sink);
            } else if (s.test != Test::required && s.test != Test::not_repeatable && value_fails(s.test == Test::matches || s.test == Test::not_matches ? sf.value : trimmed(sf.value))) {
                report_value(record, &field, sf.value, sink);
            }
        }
        if (in_field == 0 && without_subfield == nullptr) {
            without_subfield = &field;
        }
    }
    if (s.test == Test::required && occurrences == 0) {
        report_value(record, without_subfield, {}, sink);
    }
}

} // namespace marcaudit::rules::custom
