// The `heading` module: the findings of the heading analysis (headings/analysis.hpp),
// one rule per verdict, and conflicts inside the authority data. The engine gathers the
// headings once for all of these rules and runs the analysis after the last record.

#include <memory>

#include <fmt/format.h>

#include "marcaudit/headings/analysis.hpp"
#include "marcaudit/rules/profile.hpp"
#include "marcaudit/rules/rule.hpp"
#include "rules/heading/heading_module.hpp"

namespace marcaudit::rules::heading {

namespace {

/// A rule that reports from the heading analysis the engine runs once for all of them.
class HeadingRule : public AnalysisRule {
public:
    explicit HeadingRule(const RuleInfo& info) noexcept : AnalysisRule(info) {}
    [[nodiscard]] bool uses_headings() const override { return true; }
};

/// Reports the judged headings of one verdict.
class VerdictRule final : public HeadingRule {
public:
    VerdictRule(const RuleInfo& info, headings::Verdict verdict) noexcept : HeadingRule(info), m_verdict(verdict) {}

    void finalize(State& /*state*/, const RunContext& context, FindingSink& sink) const override {
        if (context.headings == nullptr) {
            return;
        }
        const auto places = context.headings->records();
        for (const auto& h : context.headings->headings()) {
            if (h.verdict != m_verdict) {
                continue;
            }
            const auto& p = places[h.record];
            // An unpaired 880 is reported as the 880 it is, named as the field it stands for.
            const auto what = h.tag == h.heading_tag ? fmt::format("{:03}", h.tag)
                                                     : fmt::format("{:03} ({:03})", h.tag, h.heading_tag);
            Finding& f = report(RecordRef{p.source_index, p.record_number, p.byte_offset, p.control_number}, sink,
                                fmt::format("{} heading '{}' {}", what, display_value(h.display, 120), h.detail));
            f.tag = fmt::format("{:03}", h.tag);
            f.occurrence = h.occurrence;
            f.value = full_value(h.display);
            f.fix = h.fix;
        }
    }

private:
    headings::Verdict m_verdict;
};

/// Conflicts inside the authority files: reported on the authority records.
class AuthorityConflictRule final : public HeadingRule {
public:
    explicit AuthorityConflictRule(const RuleInfo& info) noexcept : HeadingRule(info) {}

    void finalize(State& /*state*/, const RunContext& context, FindingSink& sink) const override {
        if (context.headings == nullptr || context.headings->authorities() == nullptr) {
            return;
        }
        const auto& index = *context.headings->authorities();
        const auto records = index.records();
        for (const auto& c : index.conflicts()) {
            const auto& a = records[c.record];
            const auto& other = records[c.other];
            const auto cn = trim_blanks(other.control_number);
            const auto other_name =
                fmt::format("record {}{}{}", other.record_number, cn.empty() ? "" : fmt::format(" ({})", cn),
                            other.source_index == a.source_index || other.source_index >= context.source_names.size()
                                ? std::string{}
                                : " of " + context.source_names[other.source_index]);
            Finding& f = report(RecordRef{a.source_index, a.record_number, a.byte_offset, a.control_number}, sink,
                                c.kind == headings::AuthorityConflict::Kind::same_authorized_form
                                    ? fmt::format("authorized heading '{}' normalizes like the authorized heading of {}",
                                                  display_value(a.display, 120), other_name)
                                    : fmt::format("a see-from (4XX) form normalizes like '{}', the authorized heading of {}",
                                                  display_value(c.form, 120), other_name));
            f.tag = c.kind == headings::AuthorityConflict::Kind::same_authorized_form ? a.tag : "4XX";
            f.value = full_value(c.kind == headings::AuthorityConflict::Kind::same_authorized_form ? a.display : c.form);
            f.fix = c.kind == headings::AuthorityConflict::Kind::same_authorized_form
                        ? "Differentiate the two headings (dates, fuller form, qualifier) or merge the records"
                        : "Remove the see-from, or differentiate it from the other record's authorized heading";
        }
    }
};

constexpr RuleInfo k_uncontrolled{"heading-uncontrolled", "heading", Severity::warning,
                                  "A heading that matches no authorized or see-from form of authority data that covers "
                                  "its vocabulary and kind (never reported without --authorities)"};
constexpr RuleInfo k_unlinked{"heading-unlinked", "heading", Severity::info,
                              "A heading without a $0/$1 authority link where most headings of its file, vocabulary "
                              "and kind have one (unlinked is not uncontrolled)"};
constexpr RuleInfo k_split_possible{"heading-split-possible", "heading", Severity::info,
                                    "Perhaps one entity under two forms, too weakly joined to be sure (an undated name "
                                    "beside a dated one, two death dates, spellings only a majority tells apart)"};
constexpr RuleInfo k_variant{"heading-variant-form", "heading", Severity::error,
                             "A heading in a see-from (4XX) form: the authorized (1XX) form is the fix"};
constexpr RuleInfo k_ambiguous{"heading-ambiguous", "heading", Severity::warning,
                               "A heading that matches more than one authority record"};
constexpr RuleInfo k_split{"heading-split", "heading", Severity::warning,
                           "One person, body or subject recorded under two or more forms, so a search on one misses the others"};
constexpr RuleInfo k_link_mismatch{"heading-link-mismatch", "heading", Severity::error,
                                   "A $0/$1 names an authority record whose authorized form differs from the heading"};
constexpr RuleInfo k_new{"heading-new-to-catalog", "heading", Severity::info,
                         "A heading no record of the catalog (--catalog) has yet: it needs its authority record or a check"};
constexpr RuleInfo k_conflict{"heading-authority-conflict", "heading", Severity::warning,
                              "Two authority records whose headings normalize alike (1XX and 1XX, or 4XX and 1XX)"};

void add_verdict(Registry& registry, const RuleInfo& info, headings::Verdict verdict) {
    registry.add_collection(info, [&info, verdict](const RuleOptions&) { return std::make_unique<VerdictRule>(info, verdict); });
}

} // namespace

void register_module(Registry& registry) {
    add_verdict(registry, k_uncontrolled, headings::Verdict::uncontrolled);
    add_verdict(registry, k_variant, headings::Verdict::variant_form);
    add_verdict(registry, k_ambiguous, headings::Verdict::ambiguous);
    add_verdict(registry, k_split, headings::Verdict::split);
    add_verdict(registry, k_split_possible, headings::Verdict::split_possible);
    add_verdict(registry, k_link_mismatch, headings::Verdict::link_mismatch);
    add_verdict(registry, k_new, headings::Verdict::new_to_catalog);
    add_verdict(registry, k_unlinked, headings::Verdict::unlinked);
    registry.add_collection(k_conflict, [](const RuleOptions&) { return std::make_unique<AuthorityConflictRule>(k_conflict); });
}

} // namespace marcaudit::rules::heading
