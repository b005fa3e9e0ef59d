#pragma once

/// @file
/// Parsers that turn one raw record (as cut by the splitter) into fields. They recover what
/// can be recovered and report what was wrong as `structure-*` findings; a record that cannot
/// be recovered at all is rejected with the reason.

#include <string>
#include <vector>

#include "marcaudit/findings/finding.hpp"
#include "marcaudit/io/batch.hpp"
#include "marcaudit/record/builder.hpp"
#include "marcaudit/record/record_view.hpp"

namespace marcaudit::record {

/// The outcome of parsing one record.
struct ParseResult {
    bool rejected = false;
    std::string reason;           ///< why it was rejected, in words a cataloger can act on
    std::uint64_t reject_offset;  ///< where the problem is in the input
    LeaderView leader;
};

/// Parses ISO 2709 bytes. `fields` receives views into `raw.bytes`.
ParseResult parse_iso2709(const io::RawRecord& raw, std::vector<FieldView>& fields, FindingSink& sink);

/// Parses one `<record>` element; the record is built in `builder`, `fields` views into it.
ParseResult parse_marcxml(const io::RawRecord& raw, RecordBuilder& builder, std::vector<FieldView>& fields,
                          FindingSink& sink);

/// Parses one record of MarcEdit mnemonic text; built in `builder`, `fields` views into it.
ParseResult parse_mnemonic(const io::RawRecord& raw, RecordBuilder& builder, std::vector<FieldView>& fields,
                           FindingSink& sink);

} // namespace marcaudit::record
