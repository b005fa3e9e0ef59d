#include "rules/marc21/marc21_module.hpp"

#include "rules/marc21/control_character.hpp"
#include "rules/marc21/control_field_subfields.hpp"
#include "rules/marc21/main_entry_repeated.hpp"
#include "rules/marc21/subfield_empty.hpp"
#include "rules/marc21/title_missing.hpp"

namespace marcaudit::rules::marc21 {

namespace {
template <typename Rule>
void add(Registry& registry) {
    registry.add(Rule::k_info, [](const RuleOptions&) { return std::make_unique<Rule>(); });
}
} // namespace

void register_module(Registry& registry) {
    add<ControlCharacter>(registry);
    add<ControlFieldSubfields>(registry);
    add<MainEntryRepeated>(registry);
    add<SubfieldEmpty>(registry);
    add<TitleMissing>(registry);
}

} // namespace marcaudit::rules::marc21
