#include "rules/vendor/isbn_qualifier.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "rules/identifier/standard_numbers.hpp"
#include "rules/vendor/eresource.hpp"

namespace marcaudit::rules::vendor {

namespace {

bool isbn_char(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == 'X' || c == 'x';
}

/// Whether the record was keyed when MARC 21 had 020 $q (defined in 2013): an RDA record, or
/// one whose 008/00-05 (date entered on file, yymmdd) is 2013 or later. Machine-readable
/// records began in 1968, so years 13-67 are this century's. Before $q, MARC 21 had the
/// qualifier follow the number in $a, and records of that time are right as they are.
bool keyed_with_q(const record::RecordView& record) {
    if (is_rda(record)) {
        return true;
    }
    const auto* f008 = record.first_field("008");
    if (f008 == nullptr || f008->data().size() < 6) {
        return false;
    }
    const auto d = f008->data();
    if (std::isdigit(static_cast<unsigned char>(d[0])) == 0 || std::isdigit(static_cast<unsigned char>(d[1])) == 0) {
        return false;
    }
    const int year = (d[0] - '0') * 10 + (d[1] - '0');
    return year >= 13 && year <= 67;
}

} // namespace

void IsbnQualifier::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    for (const auto& sf : ref.subfields) {
        // $a, and $z (a canceled or invalid ISBN), which MARC 21 qualifies in $q the same way.
        if (sf.code != 'a' && sf.code != 'z') {
            continue;
        }
        const char code = sf.code;
        // Numbers that are no ISBN at all are identifier-isbn-invalid's.
        const auto number = identifier::check_isbn(sf.value);
        if (number.check == identifier::NumberCheck::malformed) {
            continue;
        }
        const auto value = sf.value;
        std::size_t start = 0;
        while (start < value.size() && !isbn_char(value[start])) {
            ++start;
        }
        // The number ends with its last digit, as check_isbn read it: "0306406152 2nd ed." is
        // an ISBN-10 and a qualifier, not a longer number.
        std::size_t end = start;
        std::size_t digits = 0;
        bool separators = false;
        while (end < value.size() && digits < number.digits.size() &&
               (isbn_char(value[end]) || value[end] == '-' || value[end] == ' ')) {
            separators = separators || value[end] == '-' || value[end] == ' ';
            digits += isbn_char(value[end]) ? 1 : 0;
            ++end;
        }
        const auto before = value.substr(0, start);
        // ISBD punctuation before the next subfield (" :" before $c) is not stray; a
        // qualifier's own full stop ("pbk.") stays in it.
        auto after = value.substr(end);
        while (!after.empty() && after.front() == ' ') {
            after.remove_prefix(1);
        }
        while (!after.empty() && (after.back() == ' ' || after.back() == ':' || after.back() == ';')) {
            after.remove_suffix(1);
        }
        std::string message;
        std::string fix;
        // A qualifier: in parentheses, or words ("pbk.", "2nd ed.").
        const bool words = std::any_of(after.begin(), after.end(),
                                       [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
        if (!after.empty() && (after.front() == '(' || (words && std::isalnum(static_cast<unsigned char>(after.front())) != 0))) {
            if (!keyed_with_q(record)) {
                continue;  // the practice of its time: the qualifier followed the number in $a
            }
            message = fmt::format("020 ${} has '{}' glued to the ISBN: since 2013 MARC 21 puts qualifiers in $q, and "
                                  "systems that match or link on ${} see a different number",
                                  code, display_value(after, 40), code);
            auto q = after;
            if (q.front() == '(' && q.find(')') != std::string_view::npos) {
                q = q.substr(1, q.find(')') - 1);  // "(pbk.)." → "pbk."
            }
            fix = fmt::format("${}{}$q{}", code, number.digits, q);
        } else if (!before.empty() || !after.empty()) {
            message = fmt::format("020 ${} has characters around the ISBN ('{}'): systems that match on ${} miss it",
                                  code, display_value(before.empty() ? after : before, 20), code);
            fix = fmt::format("keep only the ISBN in ${} (a price goes in $c, a qualifier in $q)", code);
        } else if (separators) {
            message = fmt::format("020 ${} has hyphens or blanks in the ISBN: MARC 21 records it without them, and "
                                  "exact-match loads and link resolvers compare the digits as written",
                                  code);
            fix = fmt::format("${}{}", code, number.digits);
        } else {
            continue;
        }
        Finding& f = report(ref, sink, std::move(message));
        f.position = fmt::format("${}", code);
        f.value = full_value(value);
        f.fix = std::move(fix);
    }
}

} // namespace marcaudit::rules::vendor
