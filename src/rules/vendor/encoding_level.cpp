#include "rules/vendor/encoding_level.hpp"

#include <fmt/format.h>

#include "marcaudit/rules/profile.hpp"

namespace marcaudit::rules::vendor {

namespace {

/// What a Leader/17 value says, when it is not a full level; empty for full levels.
std::string_view less_than_full(char level) {
    switch (level) {
        case '2': return "less-than-full level, material not examined";
        case '3': return "abbreviated level";
        case '5': return "partial (preliminary) level";
        case '7': return "minimal level";
        case '8': return "prepublication level (CIP, described before the book existed)";
        case 'u': return "unknown";
        case 'z': return "not applicable, as brief order and acquisitions records are coded";
        case 'I': return "OCLC's full level input by a member library, not a MARC 21 value";
        case 'J': return "OCLC's code for a deleted record";
        case 'K': return "OCLC's minimal level input by a member library";
        case 'L': return "OCLC's added-from-a-batch-load level (older, less than full)";
        case 'M': return "OCLC's added-from-a-batch-load level (less than full)";
        default: return {};
    }
}

} // namespace

EncodingLevel::EncodingLevel(const RuleOptions& options) : RecordRule(k_info) {
    for (const auto& level : options.get_strings("accept", {})) {
        if (level.size() != 1) {
            options.fail("accept", fmt::format("holds '{}': give Leader/17 values one character each, e.g. [\"I\", \"7\"]", level));
        }
        m_accept += level;
    }
    m_oclc = options.oclc();
    m_sold_as_full = options.get_bool("sold_as_full", false);
    if (m_oclc) {
        m_accept += 'I';  // OCLC's full level
    }
}

void EncodingLevel::check(const record::RecordView& record, FindingSink& sink) const {
    const char level = record.leader().encoding_level();
    const auto what = less_than_full(level);
    if (what.empty() || m_accept.find(level) != std::string::npos) {
        return;
    }
    // OCLC's I is a full level, but one MARC 21 does not define: load tables that rank levels by
    // MARC 21's codes (to overlay brief records with full ones) do not know it.
    const auto why = level == 'I' ? std::string_view{"load profiles that rank records by MARC 21's levels do not know it, "
                                                     "and may let a briefer record overlay it"}
                                  : std::string_view{"brief records lack the subjects, classification and notes patrons "
                                                     "search on"};
    // With the profile's oclc setting, OCLC's letters are codes like MARC 21's.
    std::string description{what};
    if (m_oclc && description.ends_with(", not a MARC 21 value")) {
        description.resize(description.size() - std::string_view{", not a MARC 21 value"}.size());
    }
    Finding& f = report(record, nullptr, sink,
                        fmt::format("Leader/17 (encoding level) is {}: {}{}; {}", level, description,
                                    m_sold_as_full ? ", in a batch sold as full MARC 21 records" : "", why));
    f.tag = "LDR";
    f.position = "/17";
    f.value = std::string(1, level);
    f.fix = m_sold_as_full ? "ask the vendor for full-level records (Leader/17 blank or 1) or upgrade the record; accept "
                             "the level in the profile (option accept) when the contract allows it"
                           : "upgrade the record to full level (add what it lacks, then set Leader/17 to blank or 1), "
                             "or overlay it with a full record";
}

} // namespace marcaudit::rules::vendor
