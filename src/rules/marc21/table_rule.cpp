#include "rules/marc21/table_rule.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace marcaudit::rules::marc21 {

std::string describe_material_type(std::string_view type) {
    static constexpr std::pair<std::string_view, std::string_view> names[] = {
        {"BK", "books"}, {"CR", "continuing resources"}, {"CF", "computer files"}, {"MP", "maps"},
        {"MU", "music"}, {"VM", "visual materials"}, {"MX", "mixed materials"}};
    for (const auto& [code, name] : names) {
        if (code == type) {
            return fmt::format("{} ({})", name, code);
        }
    }
    return std::string{type};
}

TableRule::TableRule(const RuleInfo& info, const RuleOptions& options)
    : RecordRule(info), m_tables(format_tables()) {
    // The fields OCLC defines for WorldCat records outside the local blocks (OCLC
    // Bibliographic Formats and Standards): 019 OCLC control number cross-reference, 029
    // other system control number, 049 local holdings, 539 fixed-length data elements of a
    // reproduction. They come with every record copied from WorldCat: OCLC's, not undefined.
    for (const int tag : k_oclc_tags) {
        m_ignore.set(static_cast<std::size_t>(tag));
    }
    for (const auto& pattern : options.get_strings("ignore_tags", {})) {
        const bool valid = pattern.size() == 3 && std::all_of(pattern.begin(), pattern.end(), [](char c) {
                               return (c >= '0' && c <= '9') || c == 'X' || c == 'x';
                           });
        if (!valid) {
            options.fail("ignore_tags", fmt::format("has '{}', which is not a tag (three digits, X for any digit)",
                                                    pattern));
        }
        for (int n = 0; n < 1000; ++n) {
            const char digits[3] = {static_cast<char>('0' + n / 100), static_cast<char>('0' + n / 10 % 10),
                                    static_cast<char>('0' + n % 10)};
            bool match = true;
            for (int i = 0; i < 3; ++i) {
                match = match && (pattern[i] == 'X' || pattern[i] == 'x' || pattern[i] == digits[i]);
            }
            if (match) {
                m_ignore.set(static_cast<std::size_t>(n));
            }
        }
    }
}

std::string TableRule::label(const Lookup& lookup, const record::FieldView& field) {
    if (lookup.spec == nullptr) {
        return std::string{field.tag()};
    }
    if (lookup.linked) {
        return fmt::format("880 (other-script form of {} {})", lookup.spec->tag, lookup.spec->name);
    }
    return fmt::format("{} ({})", lookup.spec->tag, lookup.spec->name);
}

bool TableRule::ignored(std::string_view tag, bool defined) const noexcept {
    const int n = tag_number(tag);
    return n >= 0 && (m_ignore.test(static_cast<std::size_t>(n)) || is_local_tag(tag, defined));
}

TableRule::Lookup TableRule::lookup(const record::RecordView& record, const record::FieldView& field) const {
    return lookup(FieldRef{field, 0, 0, {}, record::kind_of(record.leader()), tag_number(field.tag())});
}

namespace {

/// The part of a lookup that does not depend on the rule (its ignore_tags do).
struct TableMemo {
    const FormatTable* table = nullptr;
    const FieldSpec* spec = nullptr;
    int tag = -1;          ///< the tag looked up (an 880's $6 tag), -1 when none
    bool linked = false;
    bool local = false;    ///< 9XX, or an X9X the format does not define
};

void look_up(const FormatTables& tables, const FieldRef& ref, TableMemo& m) {
    m = TableMemo{};
    m.table = tables.for_kind(ref.kind);
    if (m.table == nullptr) {
        return;
    }
    std::string_view tag = ref.field.tag();
    int n = ref.tag;
    if (n == 880) {
        const auto six = ref.field.first('6');
        n = six.size() >= 3 ? tag_number(six.substr(0, 3)) : -1;
        if (n < 0) {
            m.linked = true;  // no usable $6: marc21-linkage-880's finding; spec stays null
            return;
        }
        tag = six.substr(0, 3);
        m.linked = true;
    }
    if (n < 0) {
        return;  // not a numeric tag: marc21-tag-undefined's finding
    }
    m.tag = n;
    m.spec = m.table->field(static_cast<unsigned>(n));
    m.local = is_local_tag(tag, m.spec != nullptr);
}

} // namespace

TableRule::Lookup TableRule::lookup(const FieldRef& ref) const {
    // Called by every table rule for every field: the first looks the field up and leaves the
    // answer in the FieldRef; the others only apply their own ignore_tags.
    thread_local TableMemo memo;
    if (ref.format_memo != &memo) {
        look_up(m_tables, ref, memo);
        ref.format_memo = &memo;
    }
    Lookup l;
    l.table = memo.table;
    if (l.table == nullptr) {
        return l;
    }
    l.linked = memo.linked && memo.tag >= 0;
    if ((memo.linked && m_ignore.test(880)) || memo.local ||
        (memo.tag >= 0 && m_ignore.test(static_cast<std::size_t>(memo.tag)))) {
        l.ignored = true;
        return l;
    }
    l.spec = memo.spec;
    return l;
}

} // namespace marcaudit::rules::marc21
