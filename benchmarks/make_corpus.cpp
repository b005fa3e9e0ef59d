// marcaudit_make_corpus: a large input for throughput tests, built from real records.
//
//   marcaudit_make_corpus OUT.mrc N [--xml OUT.xml] SOURCE.mrc...
//
// Writes at least N records to OUT.mrc (ISO 2709) by going round the records of the
// SOURCE files (real UTF-8 and MARC-8 files, cut by marcaudit's own splitter) again and
// again. The first round is written byte for byte. Each later round k changes each record
// lightly, so that the batch looks like a catalog rather than one file a hundred times over:
//   - the 001 and the OCLC number in 035 $a "(OCoLC)..." get round k's digits in front, so
//     control numbers do not all repeat;
//   - each ISBN in 020 $a gets new digits with a correct check digit (an ISBN whose check
//     digit was wrong is left as it was, wrong);
//   - about half the headings (1XX, 6XX, 7XX names and subjects) get a word added to their
//     $a, so the heading index grows with the file as a real catalog's does.
// Records whose structure is damaged (lengths or directory that do not add up) are written
// unchanged in every round: they stay the defects they are. Leader and directory are
// rewritten for the new lengths. MARC-8 records stay MARC-8 (the changes are ASCII).
//
// With --xml, OUT.xml gets the same records as MARCXML (UTF-8: MARC-8 records decoded by
// marcaudit's reader, Leader/09 set to a), read back from OUT.mrc; records the ISO 2709
// reader rejects cannot be written as XML and are counted on stderr.
//
// Output is deterministic: the same sources and N give the same bytes. Prints the counts.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "marcaudit/findings/finding.hpp"
#include "marcaudit/io/splitter.hpp"
#include "marcaudit/record/builder.hpp"
#include "marcaudit/record/encoding.hpp"
#include "marcaudit/record/readers.hpp"
#include "marcaudit/record/record_view.hpp"
#include "marcaudit/report/reports.hpp"
#include "rules/identifier/standard_numbers.hpp"

namespace {

using namespace marcaudit;

constexpr char k_field_terminator = '\x1E';
constexpr char k_record_terminator = '\x1D';
constexpr char k_delimiter = '\x1F';

struct Field {
    std::string tag;
    std::string data;  ///< with its field terminator
};

bool all_digits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::size_t number(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) {
        n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    return n;
}

/// The fields of a well-formed record, or false when its leader, directory or lengths do
/// not add up (then it is written unchanged).
bool split_fields(std::string_view raw, std::string& leader, std::vector<Field>& fields) {
    fields.clear();
    if (raw.size() < 25 || !all_digits(raw.substr(0, 5)) || !all_digits(raw.substr(12, 5)) ||
        number(raw.substr(0, 5)) != raw.size() || raw.back() != k_record_terminator) {
        return false;
    }
    const std::size_t base = number(raw.substr(12, 5));
    if (base < 25 || base > raw.size() || raw[base - 1] != k_field_terminator || (base - 25) % 12 != 0) {
        return false;
    }
    leader.assign(raw.substr(0, 24));
    for (std::size_t e = 24; e + 12 <= base - 1; e += 12) {
        const auto entry = raw.substr(e, 12);
        if (!all_digits(entry.substr(3))) {
            return false;
        }
        const std::size_t length = number(entry.substr(3, 4));
        const std::size_t start = base + number(entry.substr(7, 5));
        if (length == 0 || start + length > raw.size() - 1 || raw[start + length - 1] != k_field_terminator) {
            return false;
        }
        fields.push_back(Field{std::string{entry.substr(0, 3)}, std::string{raw.substr(start, length)}});
    }
    return true;
}

std::string join_fields(std::string leader, const std::vector<Field>& fields) {
    std::string directory;
    std::string data;
    for (const auto& f : fields) {
        char entry[13];
        std::snprintf(entry, sizeof entry, "%.3s%04zu%05zu", f.tag.c_str(), f.data.size(), data.size());
        directory.append(entry, 12);
        data += f.data;
    }
    directory.push_back(k_field_terminator);
    const std::size_t base = 24 + directory.size();
    const std::size_t total = base + data.size() + 1;
    char digits[6];
    std::snprintf(digits, sizeof digits, "%05zu", total);
    leader.replace(0, 5, digits, 5);
    std::snprintf(digits, sizeof digits, "%05zu", base);
    leader.replace(12, 5, digits, 5);
    return leader + directory + data + k_record_terminator;
}

/// The ISBN at the start of `isbn` with four middle digits taken from `round` and its check
/// digit made right again (marcaudit's own ISBN check); unchanged unless it is a valid
/// ISBN-10 or ISBN-13. What followed the number (a qualifier) is kept.
std::string vary_isbn(const std::string& isbn, std::size_t round) {
    using rules::identifier::check_isbn;
    using rules::identifier::NumberCheck;
    const auto original = check_isbn(isbn);
    if (original.check != NumberCheck::valid) {
        return isbn;
    }
    std::string digits = original.digits;
    digits.replace(digits.size() == 13 ? 8 : 5, 4, std::to_string(1000 + round % 9000));
    if (const auto changed = check_isbn(digits); changed.check == NumberCheck::bad_check_digit) {
        digits.back() = changed.expected;
    }
    // The old number's place in the text: from its first digit, as many digits as it had
    // (hyphens and blanks inside it skipped). What stands before and after it is kept.
    const std::size_t start = std::min(isbn.find_first_of("0123456789"), isbn.size());
    std::size_t end = start;
    for (std::size_t seen = 0; end < isbn.size() && seen < digits.size(); ++end) {
        seen += isbn[end] != '-' && isbn[end] != ' ' ? 1 : 0;
    }
    return isbn.substr(0, start) + digits + isbn.substr(end);
}

/// Round k's word: k in letters (1 → "b", 26 → "ba"), added to a heading.
std::string round_word(std::size_t round) {
    std::string word;
    do {
        word.insert(word.begin(), static_cast<char>('a' + round % 26));
        round /= 26;
    } while (round > 0);
    return word;
}

bool is_heading_tag(std::string_view tag) {
    static constexpr std::string_view tags[] = {"100", "110", "111", "600", "610", "611", "650", "651", "700", "710", "711"};
    for (const auto t : tags) {
        if (t == tag) {
            return true;
        }
    }
    return false;
}

/// Applies `edit` to the value of the first subfield `code` of a data field.
template <typename Edit>
void edit_subfield(std::string& data, char code, const Edit& edit) {
    const char marker[2] = {k_delimiter, code};
    const auto at = data.find(std::string_view{marker, 2});
    if (at == std::string::npos) {
        return;
    }
    const auto start = at + 2;
    auto end = data.find_first_of(std::string_view{"\x1F\x1E", 2}, start);
    if (end == std::string::npos) {
        end = data.size();
    }
    data.replace(start, end - start, edit(data.substr(start, end - start)));
}

/// Record `raw` as round `round` changes it (see the file comment); `salt` spreads the
/// heading changes over records.
std::string vary(std::string_view raw, std::size_t round, std::size_t salt) {
    std::string leader;
    std::vector<Field> fields;
    if (!split_fields(raw, leader, fields)) {
        return std::string{raw};
    }
    const std::string prefix = std::to_string(round);
    std::size_t n = 0;
    for (auto& f : fields) {
        ++n;
        if (f.tag == "001") {
            const auto value = f.data.substr(0, f.data.size() - 1);
            const auto digit = value.find_first_of("0123456789");
            f.data = (digit == std::string::npos ? value + prefix : value.substr(0, digit) + prefix + value.substr(digit)) +
                     k_field_terminator;
        } else if (f.tag == "035") {
            edit_subfield(f.data, 'a', [&](const std::string& v) {
                return v.starts_with("(OCoLC)") ? "(OCoLC)" + prefix + v.substr(7) : v;
            });
        } else if (f.tag == "020") {
            edit_subfield(f.data, 'a', [&](const std::string& v) { return vary_isbn(v, round); });
        } else if (is_heading_tag(f.tag) && (salt + n + round) % 2 == 0) {
            edit_subfield(f.data, 'a', [&](const std::string& v) {
                auto end = v.find_last_not_of(" ,.;:");
                end = end == std::string::npos ? v.size() : end + 1;
                return v.substr(0, end) + " " + round_word(round) + v.substr(end);
            });
        }
        if (f.data.size() > 9999) {
            return std::string{raw};
        }
    }
    auto out = join_fields(leader, fields);
    return out.size() > 99999 ? std::string{raw} : out;
}

int usage() {
    std::cerr << "usage: marcaudit_make_corpus OUT.mrc N [--xml OUT.xml] SOURCE.mrc...\n";
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        return usage();
    }
    const std::filesystem::path out_path = argv[1];
    std::size_t want = 0;
    try {
        want = std::stoul(argv[2]);
    } catch (const std::exception&) {
        return usage();
    }
    std::filesystem::path xml_path;
    std::vector<std::string> sources;
    for (int i = 3; i < argc; ++i) {
        if (std::strcmp(argv[i], "--xml") == 0 && i + 1 < argc) {
            xml_path = argv[++i];
        } else {
            sources.emplace_back(argv[i]);
        }
    }
    if (want == 0 || sources.empty()) {
        return usage();
    }
    try {
        // The source records, raw, in file order.
        std::vector<std::string> records;
        for (std::uint32_t s = 0; s < sources.size(); ++s) {
            io::Splitter splitter{sources[s], s};
            if (splitter.format() != io::Format::iso2709) {
                std::cerr << sources[s] << ": not ISO 2709, left out\n";
                continue;
            }
            while (auto batch = splitter.next()) {
                for (const auto& raw : batch->records) {
                    records.emplace_back(raw.bytes);
                }
            }
        }
        if (records.empty()) {
            std::cerr << "no records in the sources\n";
            return 1;
        }
        const auto tmp = out_path.string() + ".tmp";
        std::size_t written = 0;
        std::uint64_t bytes = 0;
        {
            std::ofstream out{tmp, std::ios::binary | std::ios::trunc};
            for (std::size_t round = 0; written < want; ++round) {
                for (std::size_t r = 0; r < records.size() && written < want; ++r) {
                    const std::string record = round == 0 ? records[r] : vary(records[r], round, r);
                    out.write(record.data(), static_cast<std::streamsize>(record.size()));
                    bytes += record.size();
                    ++written;
                }
            }
            if (!out.flush()) {
                std::cerr << tmp << ": write failed\n";
                return 1;
            }
        }
        std::filesystem::rename(tmp, out_path);
        std::cout << out_path.string() << ": " << written << " records, " << bytes << " bytes (" << records.size()
                  << " source records from " << sources.size() << " files)\n";

        if (!xml_path.empty()) {
            const auto xml_tmp = xml_path.string() + ".tmp";
            std::ofstream xml{xml_tmp, std::ios::binary | std::ios::trunc};
            xml << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection xmlns=\"http://www.loc.gov/MARC21/slim\">\n";
            io::Splitter splitter{out_path.string(), 0};
            std::vector<record::FieldView> fields;
            record::RecordBuilder builder;
            record::Marc8Decoder decoder;
            std::size_t in_xml = 0;
            std::size_t rejected = 0;
            std::string text;
            while (auto batch = splitter.next()) {
                for (const auto& raw : batch->records) {
                    FindingSink sink;
                    sink.begin_record(0, raw.record_number);
                    fields.clear();
                    const auto parsed = record::parse_iso2709(raw, fields, sink);
                    if (parsed.rejected) {
                        ++rejected;
                        continue;
                    }
                    (void)record::resolve_encoding(parsed.leader, raw.byte_offset, fields, builder, decoder, sink);
                    std::string leader{parsed.leader.bytes()};
                    if (leader.size() > 9) {
                        leader[9] = 'a';  // the XML is UTF-8
                    }
                    const record::RecordView view{record::LeaderView{leader}, fields, 0, raw.record_number,
                                                  raw.byte_offset, record::Encoding::utf8};
                    text.clear();
                    report::append_marcxml(view, text);
                    xml << text;
                    ++in_xml;
                }
            }
            xml << "</collection>\n";
            if (!xml.flush()) {
                std::cerr << xml_tmp << ": write failed\n";
                return 1;
            }
            xml.close();
            std::filesystem::rename(xml_tmp, xml_path);
            std::cout << xml_path.string() << ": " << in_xml << " records as MARCXML (" << rejected
                      << " rejected by the ISO 2709 reader, not written)\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "marcaudit_make_corpus: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
