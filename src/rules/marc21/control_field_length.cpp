#include "rules/marc21/control_field_length.hpp"

#include <algorithm>
#include <span>
#include <string>

#include <fmt/format.h>

#include "rules/marc21/marc21_module.hpp"

namespace marcaudit::rules::marc21 {

namespace {

std::string lengths_text(std::span<const unsigned> lengths) {
    std::string out;
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        out += i == 0 ? "" : i + 1 == lengths.size() ? " or " : ", ";
        out += std::to_string(lengths[i]);
    }
    return out;
}

} // namespace

void ControlFieldLength::check_field(const record::RecordView& record, const FieldRef& ref, FindingSink& sink) const {
    const auto& field = ref.field;
    const FormatTable* table = m_tables.for_kind(record::kind_of(record.leader()));
    if (table == nullptr || ignored(field.tag(), true) || table->field(field.tag()) == nullptr) {
        return;
    }
    const auto tag = field.tag();
    const auto data = field.data();
    static constexpr unsigned k_empty_007 = 2;  // at least category and specific material designation
    unsigned fixed = 0;
    std::span<const unsigned> allowed;
    if (tag == "007") {
        if (!data.empty()) {
            allowed = table->field007_lengths(data[0]);  // longest first
            if (allowed.empty()) {
                return;  // unknown category: marc21-fixed-field-invalid's finding
            }
        } else {
            allowed = {&k_empty_007, 1};
        }
    } else if (fixed = table->fixed_length(tag); fixed != 0) {
        allowed = {&fixed, 1};
    }
    const std::size_t length = count_characters(data);
    if (allowed.empty() || std::find(allowed.begin(), allowed.end(), length) != allowed.end()) {
        return;
    }
    const unsigned expected = *std::max_element(allowed.begin(), allowed.end());
    const std::string what = tag == "007" && !data.empty() ? fmt::format(" for category '{}'", data[0]) : std::string{};
    const bool short_field = length < expected;
    std::string effect;
    if (data.empty()) {
        effect = "an empty fixed field carries none of its codes";
    } else if (short_field) {
        effect = "the positions after its end are missing, so systems read them as blank or reject the field";
    } else {
        effect = "extra characters shift every position after them (or sit at the end, where systems may reject "
                 "the field)";
    }
    auto& f = report(ref, sink,
                     fmt::format("{} has {} character{} but must have {}{}: {}", tag, length, length == 1 ? "" : "s",
                                 lengths_text(allowed), what, effect));
    f.value = full_value(data);
    f.fix = short_field ? fmt::format("complete {} to {} characters (blank or | for positions not coded)", tag, expected)
                        : fmt::format("find the inserted or doubled characters and remove them, so {} has {}", tag,
                                      lengths_text(allowed));
}

} // namespace marcaudit::rules::marc21
