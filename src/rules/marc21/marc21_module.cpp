#include "rules/marc21/marc21_module.hpp"

#include <fmt/format.h>

#include "rules/marc21/control_character.hpp"
#include "rules/marc21/control_field_length.hpp"
#include "rules/marc21/control_field_subfields.hpp"
#include "rules/marc21/fixed_field_invalid.hpp"
#include "rules/marc21/indicator_invalid.hpp"
#include "rules/marc21/code_invalid.hpp"
#include "rules/marc21/fixed_field_missing.hpp"
#include "rules/marc21/isbd_punctuation.hpp"
#include "rules/marc21/linkage_880.hpp"
#include "rules/marc21/linkage_position.hpp"
#include "rules/marc21/subfield_typed.hpp"
#include "rules/marc21/main_entry_repeated.hpp"
#include "rules/marc21/nonfiling_indicator.hpp"
#include "rules/marc21/obsolete.hpp"
#include "rules/marc21/subfield_empty.hpp"
#include "rules/marc21/subfield_not_repeatable.hpp"
#include "rules/marc21/subfield_undefined.hpp"
#include "rules/marc21/tag_not_repeatable.hpp"
#include "rules/marc21/tag_undefined.hpp"
#include "rules/marc21/title_missing.hpp"
#include "rules/marc21/title_subfield_a.hpp"

namespace marcaudit::rules::marc21 {

std::string show_code(char c) {
    if (c == ' ') return "blank";
    if (c == '|') return "| (no attempt to code)";
    if (c == '#') return "'#' (a number sign: the documentation writes a blank as #, records must hold a real blank)";
    return fmt::format("'{}'", display_value(std::string_view{&c, 1}, 4));
}

std::size_t count_characters(std::string_view s) noexcept {
    std::size_t n = 0;
    for (char c : s) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1U : 0U;
    }
    return n;
}

void register_module(Registry& registry) {
    add_rule<ControlCharacter>(registry);
    add_rule<ControlFieldLength>(registry);
    add_rule<ControlFieldSubfields>(registry);
    add_rule<CodeInvalid>(registry);
    add_rule<FixedFieldInvalid>(registry);
    add_rule<FixedFieldNumberSign>(registry);
    add_rule<FixedFieldMissing>(registry);
    add_rule<IndicatorInvalid>(registry);
    add_rule<IsbdPunctuation>(registry);
    add_rule<Linkage880>(registry);
    add_rule<LinkagePosition>(registry);
    add_rule<MainEntryRepeated>(registry);
    add_rule<NonfilingIndicator>(registry);
    add_rule<Obsolete>(registry);
    add_rule<RecordTooLong>(registry);
    add_rule<SubfieldEmpty>(registry);
    add_rule<SubfieldNotRepeatable>(registry);
    add_rule<SubfieldTyped>(registry);
    add_rule<SubfieldUndefined>(registry);
    add_rule<TagNotRepeatable>(registry);
    add_rule<TagUndefined>(registry);
    add_rule<TitleMissing>(registry);
    add_rule<TitleSubfieldA>(registry);
}

} // namespace marcaudit::rules::marc21
