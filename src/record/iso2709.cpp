// ISO 2709 (MARC 21 exchange format) parser, lenient and recovering.
//
// A record is: a 24-byte leader; a directory of 12-byte entries (tag, field length, start
// position relative to the base address) ended by a field terminator; the fields, each ended
// by a field terminator; a record terminator.

#include <algorithm>

#include <fmt/format.h>

#include "detail/digits.hpp"
#include "marcaudit/record/readers.hpp"
#include "marcaudit/findings/checks.hpp"

namespace marcaudit::record {

namespace {

using detail::digits;


struct Entry {
    std::string_view tag;
    long length;
    long start;
};

/// Checks the leader's structural positions; reports one finding listing every problem.
void check_leader(std::string_view leader, std::uint64_t offset, FindingSink& sink) {
    std::vector<std::string> problems;
    if (digits(leader, 0, 5) < 0) {
        problems.push_back(fmt::format("Leader/00-04 (record length) is \"{}\", not a number",
                                       display_value(leader.substr(0, 5))));
    }
    if (leader[10] != '2') {
        problems.push_back(fmt::format("Leader/10 (indicator count) is '{}', must be 2",
                                       display_value(leader.substr(10, 1))));
    }
    if (leader[11] != '2') {
        problems.push_back(fmt::format("Leader/11 (subfield code length) is '{}', must be 2",
                                       display_value(leader.substr(11, 1))));
    }
    if (digits(leader, 12, 5) < 0) {
        problems.push_back(fmt::format("Leader/12-16 (base address) is \"{}\", not a number",
                                       display_value(leader.substr(12, 5))));
    }
    if (leader.substr(20, 4) != "4500") {
        problems.push_back(fmt::format("Leader/20-23 (entry map) is \"{}\", must be 4500",
                                       display_value(leader.substr(20, 4))));
    }
    // Leader/09 has its own check (encoding-leader09-invalid).
    auto non_ascii = leader.end();
    for (auto it = leader.begin(); it != leader.end(); ++it) {
        const auto c = static_cast<unsigned char>(*it);
        if ((c >= 0x80 || c < 0x20) && it - leader.begin() != 9) {
            non_ascii = it;
            break;
        }
    }
    if (non_ascii != leader.end()) {
        problems.push_back(fmt::format("Leader/{:02d} holds the control or non-ASCII byte 0x{:02X}",
                                       non_ascii - leader.begin(), static_cast<unsigned char>(*non_ascii)));
    }
    if (problems.empty()) {
        return;
    }
    std::string message;
    for (const auto& p : problems) {
        message += message.empty() ? p : "; " + p;
    }
    auto& f = checks::report(sink, checks::leader_invalid, offset, std::move(message));
    f.tag = "LDR";
    f.value = display_value(leader);
    f.fix = "correct the leader (most systems rewrite these positions when the record is saved)";
}

std::string tag_list(const std::vector<std::string_view>& tags) {
    std::string out;
    const std::size_t shown = std::min<std::size_t>(tags.size(), 12);
    for (std::size_t i = 0; i < shown; ++i) {
        out += i == 0 ? "" : ", ";
        out += display_value(tags[i]);
    }
    if (tags.size() > shown) {
        out += fmt::format(" and {} more", tags.size() - shown);
    }
    return out;
}

} // namespace

ParseResult parse_iso2709(const io::RawRecord& raw, std::vector<FieldView>& fields, FindingSink& sink) {
    fields.clear();
    ParseResult result;
    const std::uint64_t offset = raw.byte_offset;
    std::string_view rec = raw.bytes;
    const long declared = digits(rec, 0, 5);

    auto reject = [&](std::string reason, std::uint64_t at) {
        result.rejected = true;
        result.reason = std::move(reason);
        result.reject_offset = at;
        return result;
    };

    if (raw.skipped_before > 0) {
        checks::report(sink, checks::bytes_between_records, raw.skipped_offset,
               fmt::format("{} byte(s) that belong to no record (line ends, padding or junk) were "
                           "skipped before this record", raw.skipped_before))
            .fix = "remove them; some systems stop loading at the first stray byte";
    }

    const bool terminated = !rec.empty() && rec.back() == record_terminator;
    if (terminated) {
        rec.remove_suffix(1);
    }
    switch (raw.end) {
        case io::RecordEnd::as_declared:
            break;
        case io::RecordEnd::terminator_elsewhere:
            if (declared >= 0) {
                auto& f = checks::report(sink, checks::record_length_mismatch, offset,
                                 fmt::format("Leader/00-04 says the record is {} bytes long, but its "
                                             "record terminator comes after {} bytes; the terminator "
                                             "was trusted",
                                             declared, raw.bytes.size()));
                f.tag = "LDR";
                f.value = fmt::format("{:05d}", declared);
                f.fix = raw.bytes.size() > 99999
                            ? std::string{"the record is longer than 99,999 bytes, the most ISO 2709 allows: "
                                          "split it, or move long notes or holdings out of it"}
                            : fmt::format("set Leader/00-04 to {:05d}", raw.bytes.size());
            }
            break;
        case io::RecordEnd::next_leader:
            checks::report(sink, checks::record_terminator_missing, offset + raw.bytes.size(),
                   fmt::format("the record has no record terminator (0x1D); the next record's leader "
                               "starts where Leader/00-04 says this one ends ({} bytes)", declared))
                .fix = "add the record terminator (re-save the record in a MARC editor)";
            break;
        case io::RecordEnd::end_of_input:
            if (declared >= 24 && rec.size() + 1 < static_cast<std::size_t>(declared)) {
                return reject(fmt::format("the file ends inside this record: its leader says {} bytes "
                                          "but only {} remain. The file was cut short (an interrupted "
                                          "download or copy): get a complete copy from the source",
                                          declared, rec.size()),
                              offset);
            }
            checks::report(sink, checks::record_terminator_missing, offset + raw.bytes.size(),
                   "the last record in the file has no record terminator (0x1D)")
                .fix = "add the record terminator (re-save the record in a MARC editor)";
            break;
        case io::RecordEnd::too_long:
            return reject("no record terminator in the next 16 MiB: this is not MARC data, or the "
                          "record terminators were stripped",
                          offset);
    }

    if (rec.size() < 24) {
        return reject(fmt::format("only {} byte(s) (\"{}\"): too short to be a record (a leader alone "
                                  "is 24 bytes)",
                                  rec.size(), display_value(rec, 30)),
                      offset);
    }
    const std::string_view leader = rec.substr(0, 24);
    result.leader = LeaderView{leader};
    check_leader(leader, offset, sink);

    // ---- directory ------------------------------------------------------------------------
    // Two witnesses say where it ends: the first field terminator, and the base address. When
    // they disagree, believe the one that gives a directory of well-formed entries.
    const long base = digits(leader, 12, 5);
    const auto dir_end = rec.find(field_terminator, 24);
    auto plausible_directory = [&](std::size_t end) {
        if (end < 24 || end > rec.size() || (end - 24) % 12 != 0) {
            return false;
        }
        for (std::size_t i = 24; i < end; i += 12) {
            if (digits(rec, i + 3, 9) < 0) {
                return false;
            }
        }
        return true;
    };
    std::string_view directory;
    std::size_t data_start = 0;
    const bool base_usable = base > 24 && static_cast<std::size_t>(base) <= rec.size();
    if (dir_end == std::string_view::npos) {
        if (!base_usable) {
            return reject("no field terminator anywhere and no usable base address (Leader/12-16): "
                          "the directory cannot be found, so this is not a readable MARC record",
                          offset);
        }
        directory = rec.substr(24, static_cast<std::size_t>(base) - 25);
        data_start = static_cast<std::size_t>(base);
    } else if (base_usable && static_cast<std::size_t>(base) != dir_end + 1 &&
               !plausible_directory(dir_end) && plausible_directory(static_cast<std::size_t>(base) - 1)) {
        directory = rec.substr(24, static_cast<std::size_t>(base) - 25);
        data_start = static_cast<std::size_t>(base);
        auto& f = checks::report(sink, checks::directory_invalid, offset + static_cast<std::size_t>(base) - 1,
                         fmt::format("the directory does not end with a field terminator (0x1E) where "
                                     "Leader/12-16 says (byte {}: 0x{:02X} instead); the base address was "
                                     "trusted",
                                     base - 1, static_cast<unsigned char>(rec[static_cast<std::size_t>(base) - 1])));
        f.fix = "re-save the record in a MARC editor so the directory is rebuilt";
    } else {
        directory = rec.substr(24, dir_end - 24);
        data_start = dir_end + 1;
        if (base >= 0 && base != static_cast<long>(data_start)) {  // not a number: a leader finding
            auto& f = checks::report(sink, checks::base_address_invalid, offset + 12,
                             fmt::format("Leader/12-16 says the data starts at byte {}, but the "
                                         "directory ends (and the data starts) at byte {}; the directory's end was "
                                         "trusted",
                                         display_value(leader.substr(12, 5)), data_start));
            f.tag = "LDR";
            f.value = std::string{leader.substr(12, 5)};
            f.fix = fmt::format("set Leader/12-16 to {:05d}", data_start);
        }
    }
    const std::string_view data = data_start <= rec.size() ? rec.substr(data_start) : std::string_view{};
    const std::uint64_t data_offset = offset + data_start;
    thread_local std::vector<Entry> t_entries;  // reused: no allocation per record once warm
    std::vector<Entry>& entries = t_entries;
    entries.clear();
    const std::size_t stray = directory.size() % 12;
    auto entry_at = [&](std::size_t i) {
        return Entry{directory.substr(i, 3), digits(directory, i + 3, 4), digits(directory, i + 7, 5)};
    };
    auto numeric = [](const Entry& e) { return e.length >= 0 && e.start >= 0; };
    if (stray == 0) {
        for (std::size_t i = 0; i < directory.size(); i += 12) {
            entries.push_back(entry_at(i));
        }
    } else {
        // A byte lost (or added) inside the directory shifts every entry after it. Entries
        // counted back from the directory's end are then still aligned: use whichever
        // alignment gives well-formed entries.
        std::vector<Entry> from_start;
        std::vector<Entry> from_end;
        for (std::size_t i = 0; i + 12 <= directory.size(); i += 12) {
            from_start.push_back(entry_at(i));
        }
        for (std::size_t i = stray; i + 12 <= directory.size(); i += 12) {
            from_end.push_back(entry_at(i));
        }
        // An entry fits when its field ends with a field terminator where it says.
        auto fits = [&](const Entry& e) {
            return numeric(e) && e.length > 0 &&
                   static_cast<std::size_t>(e.start) + static_cast<std::size_t>(e.length) <= data.size() &&
                   data[static_cast<std::size_t>(e.start + e.length - 1)] == field_terminator;
        };
        const auto good_start = std::count_if(from_start.begin(), from_start.end(), fits);
        const auto good_end = std::count_if(from_end.begin(), from_end.end(), fits);
        const std::string_view head = directory.substr(0, stray);
        if (good_end > good_start) {
            std::string_view tag_part = head;
            Entry damaged{{}, -1, -1};
            if (stray >= 9) {
                damaged = Entry{head.substr(0, stray - 9), digits(head, stray - 9, 4), digits(head, stray - 5, 5)};
                tag_part = damaged.tag;
            }
            if (numeric(damaged)) {
                entries.push_back(damaged);
            }
            entries.insert(entries.end(), from_end.begin(), from_end.end());
            checks::report(sink, checks::directory_invalid, offset + 24,
                   fmt::format("the directory is {} bytes long, not a multiple of 12: a byte was lost or "
                               "added in an entry (it starts \"{}\"), which shifts the entries after it; they "
                               "were read back from the directory's end{}",
                               directory.size(), display_value(head),
                               numeric(damaged) ? fmt::format(", and the damaged entry's field kept with the "
                                                              "incomplete tag \"{}\"", display_value(tag_part))
                                                : std::string{", and the damaged entry was ignored"}))
                .fix = "re-save the record in a MARC editor and check the first field's tag";
        } else {
            entries.assign(from_start.begin(), from_start.end());
            checks::report(sink, checks::directory_invalid, offset + 24,
                   fmt::format("the directory is {} bytes long, not a multiple of 12 (one entry is 12 bytes); "
                               "the last {} byte(s) were ignored",
                               directory.size(), stray))
                .value = display_value(directory.substr(directory.size() - stray));
        }
    }

    // ---- fields, by the directory -------------------------------------------------------
    bool by_directory = true;
    std::vector<std::string_view> unterminated;
    std::uint64_t first_unterminated = 0;
    // When the entries tile the data exactly and every field ends with its terminator, the
    // lengths are right: no need to scan each field for a terminator inside it.
    bool tiled = !entries.empty() && entries.front().start == 0;
    for (std::size_t i = 0; tiled && i + 1 < entries.size(); ++i) {
        tiled = entries[i].length > 0 && entries[i + 1].start == entries[i].start + entries[i].length;
    }
    tiled = tiled && static_cast<std::size_t>(entries.back().start + entries.back().length) == data.size();
    for (const auto& e : entries) {
        if (e.length < 1 || e.start < 0 ||
            static_cast<std::size_t>(e.start) + static_cast<std::size_t>(e.length) > data.size()) {
            by_directory = false;
            break;
        }
        auto slice = data.substr(static_cast<std::size_t>(e.start), static_cast<std::size_t>(e.length));
        const bool ends_with_terminator = slice.back() == field_terminator;
        if (ends_with_terminator) {
            slice.remove_suffix(1);
        } else {
            if (unterminated.empty()) {
                first_unterminated = data_offset + static_cast<std::size_t>(e.start);
            }
            unterminated.push_back(e.tag);
        }
        if ((!tiled || !ends_with_terminator) && slice.find(field_terminator) != std::string_view::npos) {
            by_directory = false;  // the slice spans two fields: lengths are off
            break;
        }
        fields.emplace_back(e.tag, slice, data_offset + static_cast<std::size_t>(e.start));
    }
    // Slices without terminators are plausible only when the record has (almost) none at all.
    if (by_directory && !unterminated.empty()) {
        const auto terminators = static_cast<std::size_t>(std::count(data.begin(), data.end(), field_terminator));
        if (terminators >= entries.size() - unterminated.size() + 1) {
            by_directory = false;
        }
    }
    if (by_directory) {
        if (!unterminated.empty()) {
            auto& f = checks::report(sink, checks::field_terminator_missing, first_unterminated,
                             fmt::format("{} field(s) do not end with a field terminator (0x1E): {}; "
                                         "their lengths in the directory were trusted",
                                         unterminated.size(), tag_list(unterminated)));
            f.fix = "re-save the record in a MARC editor, which writes the terminators";
        }
    } else {
        fields.clear();
        // ---- recovery: the field terminators are more trustworthy than the directory ----
        std::vector<std::string_view> pieces;
        std::vector<std::size_t> starts;
        for (std::size_t p = 0; p < data.size();) {
            const auto e = data.find(field_terminator, p);
            const auto end = e == std::string_view::npos ? data.size() : e;
            pieces.push_back(data.substr(p, end - p));
            starts.push_back(p);
            p = end + 1;
        }
        // An entry whose start matches a piece's start claims it; the other entries take the
        // remaining pieces in data order (starts past 99,999 bytes wrap, lengths past 9,999 too).
        std::vector<std::size_t> piece_of(entries.size(), SIZE_MAX);
        std::vector<bool> claimed(pieces.size(), false);
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (entries[i].start < 0) {
                continue;
            }
            const auto it = std::lower_bound(starts.begin(), starts.end(), static_cast<std::size_t>(entries[i].start));
            if (it != starts.end() && *it == static_cast<std::size_t>(entries[i].start)) {
                const auto k = static_cast<std::size_t>(it - starts.begin());
                if (!claimed[k]) {
                    claimed[k] = true;
                    piece_of[i] = k;
                }
            }
        }
        std::size_t next_free = 0;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (piece_of[i] != SIZE_MAX) {
                continue;
            }
            while (next_free < pieces.size() && claimed[next_free]) {
                ++next_free;
            }
            if (next_free < pieces.size()) {
                claimed[next_free] = true;
                piece_of[i] = next_free;
            }
        }
        std::vector<std::string_view> wrong;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const auto k = piece_of[i];
            if (k != SIZE_MAX && (entries[i].start != static_cast<long>(starts[k]) ||
                                  entries[i].length != static_cast<long>(pieces[k].size() + 1))) {
                wrong.push_back(entries[i].tag);
            }
        }
        const auto unclaimed = static_cast<std::size_t>(std::count(claimed.begin(), claimed.end(), false));
        std::vector<std::string_view> lost;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (piece_of[i] == SIZE_MAX) {
                lost.push_back(entries[i].tag);
                continue;
            }
            const auto k = piece_of[i];
            fields.emplace_back(entries[i].tag, pieces[k], data_offset + starts[k]);
        }
        std::string message = fmt::format(
            "the directory's lengths or start positions are wrong for {} of {} field(s) ({}); the "
            "fields were recovered from their field terminators",
            wrong.size() + lost.size(), entries.size(), tag_list(wrong.empty() ? lost : wrong));
        if (!lost.empty()) {
            message += fmt::format("; {} field(s) could not be located and are missing from the audit: {}",
                                   lost.size(), tag_list(lost));
        }
        if (unclaimed > 0) {
            message += fmt::format("; {} piece(s) of data have no directory entry and were ignored",
                                   unclaimed);
        }
        auto& f = checks::report(sink, checks::directory_invalid, offset + 24, std::move(message));
        f.fix = "re-save the record in a MARC editor so the directory is rebuilt; check the "
                "recovered fields";
    }
    if (fields.empty()) {
        checks::report(sink, checks::no_fields, offset, "the record has a leader but no fields")
            .fix = "delete the record or replace it with a complete copy";
    }
    return result;
}

} // namespace marcaudit::record
