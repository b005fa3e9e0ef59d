#include "rules/vendor/aacr2_abbreviation.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rules/vendor/eresource.hpp"

namespace marcaudit::rules::vendor {

namespace {

/// AACR2's abbreviations (AACR2 Appendix B) that RDA 1.7.8 and Appendix B.4 spell out in
/// the physical description and the publication statement, with the words RDA records.
/// Units of time (hr., min., sec.) and "cm" stay: RDA B.5.3 and B.5.1 keep them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 15> k_abbreviations{{
    {"p.", "pages"},
    {"pp.", "pages"},
    {"v.", "volumes"},
    {"ill.", "illustrations"},
    {"col.", "colour or color"},
    {"port.", "portrait"},
    {"ports.", "portraits"},
    {"facsim.", "facsimile"},
    {"facsims.", "facsimiles"},
    {"geneal.", "genealogical"},
    {"ca.", "approximately"},
    {"sd.", "sound"},
    {"[S.l.]", "[Place of publication not identified]"},
    {"[s.n.]", "[publisher not identified]"},
    {"[n.d.]", "[date of publication not identified]"},
}};

/// The words of a subfield value: split at blanks, ISBD commas and semicolons, with the
/// parentheses of "(xii, 250 p.)" taken off (the brackets of "[S.l.]" are kept: they are
/// part of the abbreviation).
std::vector<std::string_view> words(std::string_view value) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < value.size()) {
        while (i < value.size() && (value[i] == ' ' || value[i] == ',' || value[i] == ';' || value[i] == '(')) {
            ++i;
        }
        std::size_t j = i;
        while (j < value.size() && value[j] != ' ' && value[j] != ',' && value[j] != ';') {
            ++j;
        }
        auto w = value.substr(i, j - i);
        while (!w.empty() && (w.back() == ')' || w.back() == ':')) {
            w.remove_suffix(1);
        }
        if (!w.empty()) {
            out.push_back(w);
        }
        i = j;
    }
    return out;
}

/// Whether `word` is AACR2's copyright date ("c2010"), which RDA gives as "©2010".
bool copyright_c(std::string_view word) {
    if (word.starts_with('[')) {
        word.remove_prefix(1);
    }
    return word.size() >= 5 && word[0] == 'c' &&
           std::isdigit(static_cast<unsigned char>(word[1])) != 0 && std::isdigit(static_cast<unsigned char>(word[2])) != 0 &&
           std::isdigit(static_cast<unsigned char>(word[3])) != 0 && std::isdigit(static_cast<unsigned char>(word[4])) != 0;
}

} // namespace

void Aacr2Abbreviation::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    if (!is_rda(record)) {
        return;
    }
    std::vector<std::string> found;
    std::vector<std::string> spelled;
    std::string position;
    for (const auto& sf : ref.subfields) {
        // 300 $a extent, $b other physical details; 260/264 $a place, $b publisher, $c date.
        if (sf.code != 'a' && sf.code != 'b' && sf.code != 'c') {
            continue;
        }
        for (const auto w : words(sf.value)) {
            std::string_view instead;
            for (const auto& [abbr, full] : k_abbreviations) {
                if (w == abbr) {
                    instead = full;
                }
            }
            if (instead.empty() && ref.tag != 300 && sf.code == 'c' && copyright_c(w)) {
                instead = "© before the year (in 264 second indicator 4)";
            }
            if (instead.empty()) {
                continue;
            }
            const auto entry = fmt::format("{} → {}", w, instead);
            if (std::find(found.begin(), found.end(), std::string{w}) == found.end()) {
                found.emplace_back(w);
                spelled.push_back(entry);
            }
            if (position.empty()) {
                position = fmt::format("${}", sf.code);
            }
        }
    }
    if (found.empty()) {
        return;
    }
    Finding& f = report(ref, sink,
                        fmt::format("{} has AACR2 abbreviations ({}) in an RDA record: RDA records words as they are, "
                                    "and patrons read \"p.\" and \"[S.l.]\" as jargon",
                                    ref.field.tag(), fmt::join(found, ", ")));
    f.position = position;
    f.value = full_value(ref.field.data());
    f.fix = fmt::format("spell them out: {}", fmt::join(spelled, "; "));
}

} // namespace marcaudit::rules::vendor
