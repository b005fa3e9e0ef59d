#include "rules/vendor/record_brief.hpp"

#include <string>

#include <fmt/format.h>

#include "marcaudit/rules/profile.hpp"
#include "rules/vendor/eresource.hpp"

namespace marcaudit::rules::vendor {

RecordBrief::RecordBrief(const RuleOptions& options)
    : RecordRule(k_info),
      m_min_score(0),
      m_latest_year(scoring::tt_default_latest_year()),
      m_codes(scoring::tt_code_lists()) {
    const long min = options.get_int("min_score", 12);
    if (min < 0 || min > 1000) {
        options.fail("min_score", "must be a score from 0 to 1000 (the rubric's capped rows add up to 47)");
    }
    m_min_score = static_cast<unsigned>(min);
    m_print = options.get_bool("print", false);
    m_before_1923 = options.get_bool("before_1923", false);
}

namespace {

/// Whether 008/07-10 (Date 1) says the book came out before 1923: "18uu" does, "19uu" and a
/// missing or blank date do not.
bool before_1923(const record::RecordView& record) {
    const auto* f008 = record.first_field("008");
    if (f008 == nullptr || f008->data().size() < 11) {
        return false;
    }
    int year = 0;
    for (const char c : f008->data().substr(7, 4)) {
        if (c == 'u') {
            year = year * 10 + 9;  // the latest year it can be
        } else if (c >= '0' && c <= '9') {
            year = year * 10 + (c - '0');
        } else {
            return false;
        }
    }
    return year < 1923;
}

} // namespace

bool RecordBrief::completeness_applies(const record::RecordView& record) const {
    if (!scoring::tt_applies(record)) {
        return false;
    }
    if (!m_before_1923 && before_1923(record)) {
        return false;
    }
    if (!m_print) {
        const auto s = eresource_signals(record);
        if (!s.online_except(0)) {
            return false;
        }
    }
    return true;
}

void RecordBrief::check(const record::RecordView& record, FindingSink& sink) const {
    if (!completeness_applies(record)) {
        return;
    }
    const auto score = scoring::thompson_traill(record, m_codes, m_latest_year);
    const auto total = score.total();
    if (total >= m_min_score) {
        return;
    }
    // What the record lacks of what gives subject and content access, the rows a brief
    // record misses first.
    std::string missing;
    auto lacks = [&](bool absent, std::string_view what) {
        if (absent) {
            missing += missing.empty() ? std::string{what} : fmt::format(", {}", what);
        }
    };
    using E = scoring::TtElement;
    lacks(score[E::lcsh] + score[E::mesh] + score[E::fast] + score[E::other_subjects] == 0, "subject headings");
    lacks(score[E::classification] == 0, "an LC/NLM class number (050, 060, 090)");
    lacks(score[E::contents_abstract] == 0, "a contents note (505) or summary (520)");
    lacks(score[E::authors] + score[E::contributors] == 0, "names (1XX, 7XX)");
    lacks(score[E::date_008] == 0, "a valid date in 008/07-10");
    Finding& f = report(record, nullptr, sink,
                        fmt::format("the record scores {} on the Thompson–Traill completeness rubric, below {}: a brief "
                                    "record{}{}, which patrons find only by its exact title or author",
                                    total, m_min_score, missing.empty() ? "" : " without ", missing));
    f.value = fmt::format("score {}", total);
    f.fix = "add subject headings, a class number and a summary or contents note (from the print version's record), "
            "or ask the vendor for the full record";
}

} // namespace marcaudit::rules::vendor
