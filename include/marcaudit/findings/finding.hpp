#pragma once

/// @file
/// A finding: one defect found in one record (or in a file, between records).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace marcaudit {

/// How bad a finding is. The order matters: a gate on `warning` also fails on `error`.
enum class Severity : std::uint8_t { info = 0, warning = 1, error = 2 };

/// "error", "warning" or "info".
[[nodiscard]] std::string_view to_string(Severity severity) noexcept;

/// One defect. Owns its strings, so it outlives the batch the record came from.
struct Finding {
    std::string_view rule_id;      ///< `<module>-<name>`; points to a static string
    Severity severity = Severity::error;
    std::uint32_t source_index = 0;    ///< which input file (index into the run's sources)
    std::uint64_t record_number = 0;   ///< 1-based within its file; 0 = the file itself
    std::uint64_t byte_offset = 0;     ///< offset in the (decompressed) input of the defect
    std::string control_number;        ///< the record's 001, when it has one
    std::string tag;                   ///< field tag ("245", "LDR"), empty when not about a field
    std::uint32_t occurrence = 0;      ///< 1-based occurrence of the tag in the record; 0 = n/a
    /// Where in the field: "ind1", "ind2", "$a" (the second $a: "$a[2]"), "/18-21" for
    /// positions of the leader or a fixed field; empty for the whole field or record.
    std::string position;
    std::string message;               ///< what is wrong, in a cataloger's words
    std::string value;                 ///< the offending value, shortened for display
    std::string fix;                   ///< how to fix it, when known
};

/// Receives findings from the readers and rules for one record at a time.
/// Not thread-safe: each worker thread has its own sink.
class FindingSink {
public:
    /// Sets what every following finding is about until the next call.
    void begin_record(std::uint32_t source_index, std::uint64_t record_number) {
        m_source_index = source_index;
        m_record_number = record_number;
        m_first_of_record = m_findings.size();
        m_control_number.clear();  // not the previous record's: set once this one is parsed
    }

    /// Sets the 001 of the current record on the findings already added for it and later ones.
    void set_control_number(std::string_view control_number);

    /// Adds a finding about the current record. `rule_id` must point to a static string.
    Finding& add(std::string_view rule_id, Severity severity, std::uint64_t byte_offset,
                 std::string message);

    /// Adds a finding made elsewhere (one about the bytes between records), as it is.
    void append(Finding&& finding) { m_findings.push_back(std::move(finding)); }
    /// Makes room for `n` findings.
    void reserve(std::size_t n) { m_findings.reserve(n); }

    [[nodiscard]] const std::vector<Finding>& findings() const noexcept { return m_findings; }
    [[nodiscard]] std::vector<Finding> take() noexcept { return std::move(m_findings); }

private:
    std::vector<Finding> m_findings;
    std::string m_control_number;
    std::uint32_t m_source_index = 0;
    std::uint64_t m_record_number = 0;
    std::size_t m_first_of_record = 0;
};

/// Shortens `value` to at most `max_chars` bytes on a UTF-8 boundary, adding "…" when cut,
/// and replaces control characters by visible symbols so a message prints on one line.
[[nodiscard]] std::string display_value(std::string_view value, std::size_t max_chars = 80);

/// `value` whole, with control characters replaced by visible symbols as display_value()
/// does: what a finding's value holds, so the JSON and CSV reports carry all of it (a double
/// space at character 300 can be found); the text and HTML reports shorten it.
[[nodiscard]] std::string full_value(std::string_view value);

/// `value` without leading and trailing blanks: a control number as it is compared and shown
/// ("n  79021164 " → "n  79021164"; LC pads its numbers).
[[nodiscard]] std::string_view trim_blanks(std::string_view value) noexcept;

} // namespace marcaudit
