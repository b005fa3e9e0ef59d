// The `identifier` module: standard numbers (ISBN, ISSN) and control numbers checked record
// by record, and duplicate records across the batch and against the catalog.

#include "rules/identifier/identifier_module.hpp"

#include <memory>

#include "rules/identifier/control_number.hpp"
#include "rules/identifier/duplicate.hpp"
#include "rules/identifier/isbn_invalid.hpp"
#include "rules/identifier/issn_invalid.hpp"

namespace marcaudit::rules::identifier {

namespace {

constexpr RuleInfo k_duplicate_control_number{
    "identifier-duplicate-control-number", "identifier", Severity::error,
    "Records with the same 001 (and 003): a load overlays or rejects one of them"};
constexpr RuleInfo k_duplicate_isbn{"identifier-duplicate-isbn", "identifier", Severity::warning,
                                    "Records with the same ISBN (020 $a; set ISBNs aside)"};
constexpr RuleInfo k_duplicate_oclc_number{"identifier-duplicate-oclc-number", "identifier", Severity::error,
                                           "Records with the same OCLC number (035 $a, or 001 with 003 OCoLC)"};
constexpr RuleInfo k_duplicate_record{"identifier-duplicate-record", "identifier", Severity::warning,
                                      "Near-identical records: same main entry, title, date, publisher, edition, extent, type and form"};

void add_duplicate(Registry& registry, const RuleInfo& info, identifiers::DuplicateKind kind) {
    registry.add_collection(info, [&info, kind](const RuleOptions&) { return std::make_unique<Duplicate>(info, kind); });
}

} // namespace

void register_module(Registry& registry) {
    add_rule<ControlNumberMissing>(registry);
    add_rule<ControlNumberPadded>(registry);
    add_rule<ControlNumberSourceMissing>(registry);
    add_duplicate(registry, k_duplicate_control_number, identifiers::DuplicateKind::control_number);
    add_duplicate(registry, k_duplicate_isbn, identifiers::DuplicateKind::isbn);
    add_duplicate(registry, k_duplicate_oclc_number, identifiers::DuplicateKind::oclc_number);
    add_duplicate(registry, k_duplicate_record, identifiers::DuplicateKind::near_identical);
    add_rule<IsbnInvalid>(registry);
    add_rule<IssnInvalid>(registry);
}

} // namespace marcaudit::rules::identifier
