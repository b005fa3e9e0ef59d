#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "marcaudit/rules/custom.hpp"
#include "marcaudit/rules/rule.hpp"
#include "rules/heading/heading_module.hpp"
#include "rules/identifier/identifier_module.hpp"
#include "rules/marc21/marc21_module.hpp"
#include "rules/vendor/vendor_module.hpp"

namespace marcaudit::rules {

Finding& RecordRule::report(const record::RecordView& record, const record::FieldView* field, FindingSink& sink,
                            std::string message) const {
    Finding& f = sink.add(m_info.id, m_info.severity, field != nullptr ? field->byte_offset() : record.byte_offset(),
                          std::move(message));
    if (field != nullptr) {
        f.tag = field->tag();
        std::uint32_t occurrence = 0;
        for (const auto& other : record.fields()) {
            occurrence += other.tag() == field->tag() ? 1U : 0U;
            if (&other == field) {
                break;
            }
        }
        f.occurrence = occurrence;
    }
    return f;
}

Finding& RecordRule::report(const FieldRef& field, FindingSink& sink, std::string message) const {
    Finding& f = sink.add(m_info.id, m_info.severity, field.field.byte_offset(), std::move(message));
    f.tag = field.field.tag();
    f.occurrence = field.occurrence;
    return f;
}

RecordRef RecordRef::of(const record::RecordView& record) {
    return RecordRef{record.source_index(), record.record_number(), record.byte_offset(),
                     std::string{record.control_number()}};
}

Finding& CollectionRule::report(const RecordRef& where, FindingSink& sink, std::string message) const {
    sink.begin_record(where.source_index, where.record_number);
    sink.set_control_number(where.control_number);
    return sink.add(m_info.id, m_info.severity, where.byte_offset, std::move(message));
}

void Registry::add_collection(RuleInfo info, CollectionFactory make) {
    add(info);
    const auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const RuleEntry& e) { return e.info.id == info.id; });
    it->make_collection = std::move(make);
}

void Registry::add(RuleInfo info, RuleFactory make) {
    const auto dash = info.id.find('-');
    if (dash == std::string_view::npos || info.id.substr(0, dash) != info.module) {
        throw std::logic_error(fmt::format("rule id '{}' is not '{}-<name>'", info.id, info.module));
    }
    const auto it = std::lower_bound(m_entries.begin(), m_entries.end(), info.id,
                                     [](const RuleEntry& e, std::string_view id) { return e.info.id < id; });
    if (it != m_entries.end() && it->info.id == info.id) {
        throw std::logic_error(fmt::format("rule id '{}' registered twice", info.id));
    }
    m_entries.insert(it, RuleEntry{info, std::move(make), {}});
}

const RuleEntry* Registry::find(std::string_view id) const noexcept {
    const auto it = std::lower_bound(m_entries.begin(), m_entries.end(), id,
                                     [](const RuleEntry& e, std::string_view v) { return e.info.id < v; });
    return it != m_entries.end() && it->info.id == id ? &*it : nullptr;
}

namespace {

/// The `structure` and `encoding` modules: checks the readers perform while reading.
void register_reader_checks(Registry& registry) {
    for (const auto& info : builtin_rules()) {
        registry.add(info);
    }
}

} // namespace

void register_builtin_rules(Registry& registry) {
    register_reader_checks(registry);  // structure, encoding
    marc21::register_module(registry);
    heading::register_module(registry);
    identifier::register_module(registry);
    vendor::register_module(registry);
    // Later modules register here, one call each: custom.
}

const Registry& builtin_registry() {
    static const Registry registry = [] {
        Registry r;
        register_builtin_rules(r);
        return r;
    }();
    return registry;
}

std::string_view rule_summary(std::string_view id) {
    if (const auto* entry = builtin_registry().find(id); entry != nullptr) {
        return entry->info.summary;
    }
    return custom::summary(id);
}

} // namespace marcaudit::rules
