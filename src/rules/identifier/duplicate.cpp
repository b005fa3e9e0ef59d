#include "rules/identifier/duplicate.hpp"

#include <map>

#include <fmt/format.h>

namespace marcaudit::rules::identifier {

namespace {

std::string_view what_is_shared(identifiers::DuplicateKind kind) noexcept {
    switch (kind) {
        case identifiers::DuplicateKind::control_number: return "control number (001)";
        case identifiers::DuplicateKind::oclc_number: return "OCLC number";
        case identifiers::DuplicateKind::isbn: return "ISBN";
        case identifiers::DuplicateKind::near_identical: return "main entry, title, date, publisher, edition, extent and form";
    }
    return "";
}

} // namespace

void Duplicate::finalize(State& /*state*/, const RunContext& context, FindingSink& sink) const {
    if (context.duplicates == nullptr) {
        return;
    }
    const auto& analysis = *context.duplicates;
    const auto records = analysis.records();
    // Another record, named by its file only when it is in another file than `of`'s.
    auto name = [&](std::uint32_t i, std::uint32_t of) {
        const auto& r = records[i];
        const bool same_file = r.source_index == records[of].source_index;
        const auto file = same_file || r.source_index >= context.source_names.size()
                              ? std::string{}
                              : " of " + context.source_names[r.source_index];
        return fmt::format("{}record {}{}{}", analysis.in_batch(i) ? "" : "catalog ", r.record_number, file,
                           r.control_number.empty() ? "" : fmt::format(" (001 {})", display_value(r.control_number, 30)));
    };
    // Groups of this kind with the same records (two records sharing two ISBNs) are
    // reported once, with every shared value.
    std::map<std::vector<std::uint32_t>, std::string> values_of;
    for (const auto& group : analysis.groups()) {
        if (group.kind == m_kind) {
            auto& v = values_of[group.records];
            v += (v.empty() ? "" : ", ") + group.value;
        }
    }
    for (const auto& group : analysis.groups()) {
        if (group.kind != m_kind) {
            continue;
        }
        auto merged = values_of.find(group.records);
        if (merged == values_of.end()) {
            continue;  // reported with an earlier group of the same records
        }
        const std::string value = std::move(merged->second);
        values_of.erase(merged);
        std::size_t in_catalog = 0;
        for (auto m : group.records) {
            in_catalog += analysis.in_batch(m) ? 0 : 1;
        }
        for (auto m : group.records) {
            if (!analysis.in_batch(m)) {
                continue;  // catalog records are context: not audited
            }
            std::string others;
            std::size_t shown = 0;
            for (auto o : group.records) {
                if (o == m) {
                    continue;
                }
                if (shown++ == 3) {
                    others += fmt::format("; and {} more", group.records.size() - 1 - 3);
                    break;
                }
                others += (others.empty() ? "" : "; ") + name(o, m);
            }
            const bool number = m_kind != identifiers::DuplicateKind::near_identical;
            Finding& f = report(records[m], sink,
                                fmt::format("the record shares its {}{} with {} other record{}: {}", what_is_shared(m_kind),
                                            number ? " " + value : std::string{}, group.records.size() - 1,
                                            group.records.size() == 2 ? "" : "s", others));
            f.value = number ? value : std::string{};
            f.fix = in_catalog > 0 ? "the catalog already has this record: load it as an overlay of the catalog record, or "
                                     "leave it out of the load"
                                   : "keep one of these records (merge what the others add) before loading";
        }
    }
}

} // namespace marcaudit::rules::identifier
