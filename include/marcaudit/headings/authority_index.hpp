#pragma once

/// @file
/// The authority index: what the authority files given with `--authorities` say about
/// headings. Each authority record's 1XX is an authorized form; its 4XX are see-from forms
/// that lead to it; its 5XX name related headings (see also); its 001, 010, 024 and 035
/// identify it, so a $0 in a bibliographic heading finds it. Keys are NACO keys within an authority scope (see authority_scope()).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <functional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "marcaudit/headings/heading.hpp"
#include "marcaudit/record/record_view.hpp"

namespace marcaudit::headings {

/// The key under which a heading is looked up: the authority scope, the kind of heading
/// and the NACO key, so that a topical term never matches a personal name spelt alike.
[[nodiscard]] std::string scoped_key(std::string_view scope, HeadingKind kind, std::string_view key);

/// One authority record.
struct Authority {
    std::string display;         ///< the 1XX heading as written ("Twain, Mark, 1835-1910")
    std::string tag;             ///< "100", "150"...
    HeadingKind kind = HeadingKind::personal_name;
    std::string scope;           ///< "name", "lcsh", "mesh"... (see authority_scope())
    std::string key;             ///< scoped_key() of the 1XX
    std::string control_number;  ///< 001
    std::uint32_t source_index = 0;
    std::uint64_t record_number = 0;
    std::uint64_t byte_offset = 0;
};

/// A problem inside the authority data itself.
struct AuthorityConflict {
    enum class Kind : std::uint8_t {
        same_authorized_form,  ///< two records' 1XX normalize alike
        variant_is_authorized, ///< a record's 4XX normalizes like another record's 1XX
    };
    Kind kind = Kind::same_authorized_form;
    std::uint32_t record = 0;  ///< the record with the problem (index into records())
    std::uint32_t other = 0;   ///< the record it conflicts with
    std::string form;          ///< the conflicting heading as written in `record`
};

/// Authority records and their keys. Built record by record (add(), possibly in several
/// parts merged with merge()), then seal()ed before lookups. Lookups are thread-safe.
class AuthorityIndex {
public:
    /// Adds an authority record (Leader/06 'z'); other records, and records Leader/05 marks
    /// as deleted, obsolete, split or replaced, are left out. Returns whether it was indexed.
    bool add(const record::RecordView& record);
    /// Moves the records of `other` into this index.
    void merge(AuthorityIndex&& other);
    /// Orders the records by file and record number (so that the index is the same for any
    /// thread count), builds the lookup tables and finds the conflicts.
    void seal();

    [[nodiscard]] std::span<const Authority> records() const noexcept { return m_records; }
    [[nodiscard]] bool empty() const noexcept { return m_records.empty(); }
    /// The records whose 1XX has the scoped key `key`.
    [[nodiscard]] std::span<const std::uint32_t> authorized(std::string_view key) const;
    /// The records with a 4XX of the scoped key `key`.
    [[nodiscard]] std::span<const std::uint32_t> see_from(std::string_view key) const;
    /// The records with a 5XX (see also: a related heading) of the scoped key `key`.
    [[nodiscard]] std::span<const std::uint32_t> see_also(std::string_view key) const;
    /// The records an identifier names (normalize_identifier() form): by their 001, 010 $a,
    /// 024 or 035; else by a cancelled number in their 010 $z (a record merged into them).
    [[nodiscard]] std::span<const std::uint32_t> identified_by(std::string_view id) const;
    /// Whether any record controls headings of `scope` ("name", "lcsh"...).
    [[nodiscard]] bool covers(std::string_view scope) const;
    /// Whether any record controls headings of the scope and kind of the scoped key `key`
    /// (a file of LC names, with a few place names coded LCSH, does not control LCSH topics).
    [[nodiscard]] bool covers_key(std::string_view key) const;
    /// How many records control headings of the scope and kind of the scoped key `key`
    /// (only its "scope, 0x1E, kind" prefix counts).
    [[nodiscard]] std::size_t records_of_scope(std::string_view key) const;
    /// Records left out: deleted, obsolete, split or replaced (Leader/05 d, o, s, x).
    [[nodiscard]] std::size_t withdrawn() const noexcept { return m_withdrawn; }
    /// Records that repeat another file's record (the same 001): indexed once.
    [[nodiscard]] std::size_t duplicates() const noexcept { return m_duplicates; }
    /// Conflicts inside the authority data, in record order.
    [[nodiscard]] std::span<const AuthorityConflict> conflicts() const noexcept { return m_conflicts; }
    /// How many records of each scope, sorted by scope.
    [[nodiscard]] std::span<const std::pair<std::string, std::size_t>> scopes() const noexcept { return m_scopes; }

private:
    struct Pending {  ///< a key of a record, before seal() numbers the records
        std::string key;
        std::uint32_t record;
    };
    struct Hash {
        using is_transparent = void;
        // Not noexcept on purpose: libstdc++ then keeps each key's hash in its node, and a
        // lookup compares hashes before it compares long keys byte by byte.
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Table = std::unordered_map<std::string, std::vector<std::uint32_t>, Hash, std::equal_to<>>;
    static std::span<const std::uint32_t> find(const Table& table, std::string_view key);

    std::vector<Authority> m_records;
    std::vector<Pending> m_see_from;
    std::vector<Pending> m_see_also;
    std::vector<Pending> m_identifiers;
    std::vector<Pending> m_cancelled;  ///< 010 $z
    Table m_authorized_table;
    Table m_see_from_table;
    Table m_see_also_table;
    Table m_identifier_table;
    Table m_cancelled_table;
    std::vector<AuthorityConflict> m_conflicts;
    std::vector<std::pair<std::string, std::size_t>> m_scopes;
    /// (scope, 0x1E, kind; records): what the records control, and how many control it
    std::vector<std::pair<std::string, std::size_t>> m_covered;
    std::size_t m_withdrawn = 0;
    std::size_t m_duplicates = 0;
};

} // namespace marcaudit::headings
