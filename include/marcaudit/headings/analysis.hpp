#pragma once

/// @file
/// Heading analysis across a whole run: the headings of the audited batch (and of the
/// catalog it will join) are gathered per thread, merged, matched against the authority
/// index, grouped into entities (one person, body, subject... under all its forms), judged
/// heading by heading, and the search effect of the cleanup is estimated.
/// See docs/search-effect.md for the model.

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "marcaudit/headings/authority_index.hpp"
#include "marcaudit/headings/heading.hpp"
#include "marcaudit/record/record_view.hpp"

namespace marcaudit::headings {

/// Where a record is, to name it in a report.
struct RecordPlace {
    std::uint32_t source_index = 0;
    std::uint64_t record_number = 0;
    std::uint64_t byte_offset = 0;
    std::string control_number;
    bool in_batch = true;  ///< false: a catalog record (context, not audited)
};

/// Gathers the controllable headings of records on one thread (one collector per thread).
class HeadingCollector {
public:
    /// Adds the headings of a bibliographic record; `in_batch` false for catalog records.
    void add(const record::RecordView& record, bool in_batch);

private:
    friend class HeadingAnalysis;
    struct Hash {
        using is_transparent = void;
        // Not noexcept on purpose: libstdc++ then keeps each key's hash in its node, and a
        // lookup compares hashes before it compares long keys byte by byte.
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Interned = std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>>;

    struct Display {              ///< one way a form is written
        std::string text;         ///< as written, trailing punctuation and blanks removed
        std::uint32_t entry_size; ///< bytes of `text` before the first subdivision
    };
    struct Form {                 ///< one scoped NACO key
        std::string key;          ///< scoped_key() of the whole heading
        std::uint32_t entry_size; ///< bytes of `key` before the first subdivision
        HeadingKind kind;
        std::vector<Display> displays;
    };
    struct Use {                  ///< one heading field of one record
        std::uint32_t record;     ///< index into records
        std::uint32_t form;
        std::uint32_t ids;        ///< index into id_sets; 0: no $0/$1
        std::uint32_t field_index;
        std::uint32_t display;    ///< index into the form's displays
        std::uint32_t occurrence; ///< of the field's own tag (an 880's among 880s)
        std::uint16_t tag;        ///< the field's tag number (880 for an other-script field)
        std::uint16_t heading_tag;///< the tag it counts as (an unpaired 880: its $6 tag)
    };

    struct Cached {               ///< what a heading field's bytes make
        std::uint32_t form = 0;
        std::uint32_t ids = 0;
        std::uint32_t display = 0;
        bool heading = false;     ///< false: not a heading to keep
    };
    static constexpr std::size_t k_field_cache_limit = 1U << 18;

    std::uint32_t intern_form(const Heading& h, std::string_view scope);
    std::uint32_t intern_ids(const Heading& h);
    /// Works out the heading of a field the cache does not know (`whole`: the record, for a
    /// 240, whose heading joins the record's 1XX).
    Cached judge_field(const record::FieldView& field, int n, const record::RecordView* whole = nullptr);

    std::vector<RecordPlace> m_records;
    std::vector<Form> m_forms;
    Interned m_form_ids;
    /// The main heading's identifiers, each "source 0x1E number" (identifier_source(),
    /// normalize_identifier()), sorted and joined by 0x1F; [0] none
    std::vector<std::string> m_id_sets{std::string{}};
    Interned m_id_set_ids;
    std::vector<Use> m_uses;
    std::unordered_map<std::string, Cached, Hash, std::equal_to<>> m_field_cache;  ///< by tag + field bytes
    std::string m_key;  ///< reused for lookups
    Heading m_heading;  ///< reused
    std::vector<record::SubfieldView> m_subfields;  ///< reused
};

/// What is wrong with one heading of the batch, if anything.
enum class Verdict : std::uint8_t {
    fine,           ///< authorized form, or not a heading any authority data controls
    uncontrolled,   ///< matches no authorized or see-from form of authority data that covers its scope
    variant_form,   ///< matches a see-from (4XX): the authorized form is the fix
    ambiguous,      ///< matches more than one authority record
    split,          ///< another form of an entity recorded under several forms (high or medium confidence)
    split_possible, ///< perhaps another form of an entity, but too weakly joined to say so (low confidence)
    link_mismatch,  ///< its $0/$1 names an authority whose authorized form differs
    new_to_catalog, ///< otherwise fine, but no record of the catalog (`--catalog`) has it yet
    unlinked,       ///< otherwise fine, but no $0/$1 where most headings of its file and scope have one
};

/// How well the authority data covers one scope (vocabulary and kind of heading) of the
/// batch's headings. A scope the data does not cover has its unmatched headings left
/// unjudged: they are not called uncontrolled (see HeadingAnalysis::covered()).
struct Coverage {
    std::string scope;                   ///< "name", "lcsh", "fast"... (authority_scope())
    HeadingKind kind = HeadingKind::topical;
    std::uint64_t authority_records = 0; ///< authority records of this scope and kind
    std::uint64_t headings = 0;          ///< heading fields of the batch in it
    std::uint64_t matched = 0;           ///< of those, matched by text (1XX, 4XX) or by $0/$1
    bool covered = false;
};

/// One judged heading of the batch.
struct JudgedHeading {
    Verdict verdict = Verdict::fine;
    std::uint32_t record = 0;       ///< index into HeadingAnalysis::records()
    std::uint32_t field_index = 0;
    std::uint32_t occurrence = 0;   ///< of the field's tag
    std::uint16_t tag = 0;          ///< the field's tag (880 for an other-script field)
    std::uint16_t heading_tag = 0;  ///< the tag it counts as (an unpaired 880: its $6 tag)
    std::uint32_t entity = 0;       ///< index into entities(), or no_entity
    std::string display;            ///< the heading as written
    std::string detail;             ///< what the verdict rests on, in a cataloger's words
    std::string fix;
};

/// One entity: the forms that name the same person, body, place or subject.
struct Entity {
    std::string preferred;           ///< the authorized form, or the suggested preferred form
    std::int64_t authority = -1;     ///< the authority record, when there is one
    /// true: every form counted in `after` joined by authority data or a shared identifier
    /// (high confidence); false: some by text alone, case, diacritics, dates (medium).
    bool confident = true;
    struct Form {
        std::string display;
        std::uint32_t records = 0;
        bool preferred = false;
    };
    std::vector<Form> forms;           ///< the forms of high or medium confidence, most used first
    std::vector<std::uint32_t> before; ///< records a search on the preferred form finds now
    /// records under the preferred form or a form joined to it with high or medium confidence:
    /// found after the fix (forms of low confidence are not counted)
    std::vector<std::uint32_t> after;
};

/// Totals of the search effect.
struct SearchTotals {
    std::uint64_t headings = 0;        ///< entities whose search the cleanup improves
    std::uint64_t before = 0;          ///< records found now, summed over those headings
    std::uint64_t after = 0;           ///< records found after the fix
    std::uint64_t unreachable = 0;     ///< distinct records missed by some authorized-form search
};

/// The heading analysis of one run. Deterministic: the same for any thread count.
class HeadingAnalysis {
public:
    HeadingAnalysis() = default;
    /// Merges the collectors (in any order), matches against `authorities` (may be empty),
    /// groups forms into entities and judges every heading of the batch. Headings new to
    /// the catalog are judged only when catalog records were gathered.
    HeadingAnalysis(std::span<HeadingCollector* const> collectors, const AuthorityIndex& authorities);

    static constexpr std::uint32_t no_entity = 0xFFFFFFFF;

    [[nodiscard]] std::span<const RecordPlace> records() const noexcept { return m_records; }
    [[nodiscard]] std::span<const JudgedHeading> headings() const noexcept { return m_judged; }
    [[nodiscard]] std::span<const Entity> entities() const noexcept { return m_entities; }
    /// The entities whose authorized-form search finds fewer records than the fix would,
    /// most records recovered first.
    [[nodiscard]] std::span<const std::uint32_t> search_effect() const noexcept { return m_effect; }
    [[nodiscard]] const SearchTotals& totals() const noexcept { return m_totals; }
    [[nodiscard]] const AuthorityIndex* authorities() const noexcept { return m_authorities; }
    /// With authority data: one row per scope and kind of the batch's headings, sorted.
    [[nodiscard]] std::span<const Coverage> coverage() const noexcept { return m_coverage; }

    /// The authority data covers a scope when it holds at least `k_min_authority_records`
    /// records of it and matches at least `k_min_matched_share` of the batch's headings in it,
    /// or when it holds `k_complete_records` or more (a whole authority file, not an extract).
    static constexpr std::uint64_t k_min_authority_records = 20;
    static constexpr double k_min_matched_share = 0.5;
    static constexpr std::uint64_t k_complete_records = 50000;
    [[nodiscard]] static bool covered(std::uint64_t authority_records, std::uint64_t headings,
                                      std::uint64_t matched) noexcept {
        return authority_records >= k_complete_records ||
               (authority_records >= k_min_authority_records && headings > 0 &&
                static_cast<double>(matched) >= k_min_matched_share * static_cast<double>(headings));
    }
    /// Headings gathered (batch and catalog) and distinct forms.
    [[nodiscard]] std::uint64_t heading_count() const noexcept { return m_heading_count; }

private:
    std::vector<RecordPlace> m_records;
    std::vector<JudgedHeading> m_judged;
    std::vector<Entity> m_entities;
    std::vector<std::uint32_t> m_effect;
    std::vector<Coverage> m_coverage;
    SearchTotals m_totals;
    const AuthorityIndex* m_authorities = nullptr;
    std::uint64_t m_heading_count = 0;
};

} // namespace marcaudit::headings
