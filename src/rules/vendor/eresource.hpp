#pragma once

/// @file
/// What makes a record describe an online resource, as the PCC Provider-Neutral E-Resource
/// MARC Record Guide codes it: 008 form of item `o`, a 006 for an online computer file
/// (006/00 `m`, 006/06 `o`), 300 "online resource", 338 `cr` (a 300 or 338 with `$3`,
/// materials specified, describes a part or a digital surrogate, and does not count). Each e-resource rule asks whether the *other* signals say "online",
/// so that the element it checks is never its own evidence. A 007/00 `c` alone is no
/// evidence: records of photographs and print carry one for their digital surrogates; nor
/// is form of item `s` (electronic: CD-ROMs too).

#include <cstdint>

#include "marcaudit/record/record_view.hpp"

namespace marcaudit::rules::vendor {

/// The e-resource signals of a bibliographic record.
struct EResourceSignals {
    bool form_online = false;  ///< 008/23 (008/29 for maps, visual materials) is o
    bool has_006_m = false;    ///< a 006 for an online computer file (006/00 m, 006/06 o)
    bool has_007_c = false;    ///< a 007 for an electronic resource (007/00 c)
    bool has_007_cr = false;   ///< a 007 for a remote electronic resource (007/00-01 cr)
    bool extent_online = false;///< 300 $a says "online resource"
    bool carrier_online = false;  ///< 338 $b cr or $a "online resource"
    /// 338 says volume (nc), 337 unmediated (n), or 300 $c gives a size (cm, in.), without
    /// $3: the record describes print.
    /// A 006 for an online file is then the online copy's (a print record that links its
    /// scan, the single-record approach), not evidence that the record is online.
    bool carrier_print = false;

    enum Signal : std::uint8_t { form = 1, f006 = 2, f007 = 4, extent = 8, carrier = 16 };
    /// Whether a signal other than those in `except` says the record is online.
    [[nodiscard]] bool online_except(unsigned except) const noexcept {
        return (form_online && !(except & form)) || (has_006_m && !carrier_print && !(except & f006)) ||
               (extent_online && !(except & extent)) || (carrier_online && !(except & carrier));
    }
};

/// The signals of `record` (bibliographic records; all false for others).
[[nodiscard]] EResourceSignals eresource_signals(const record::RecordView& record);

/// Whether the record is described by RDA (040 $e rda): 33X and the "1 online resource"
/// extent are RDA's elements; AACR2 records lack them by rule.
[[nodiscard]] bool is_rda(const record::RecordView& record);

/// The position of the form of item in 008 for this record (23, or 29 for maps and visual
/// materials: Leader/06 e, f, g, k, o, r).
[[nodiscard]] std::size_t form_of_item_position(const record::RecordView& record) noexcept;

/// Whether the 020 `f020` is a print ISBN: its qualifier ($q, or a parenthesized one after
/// the number in $a) names a printed binding (print, pbk., paperback, hardcover, cloth ...).
/// `number`, when given, gets the field's first $a.
[[nodiscard]] bool print_qualifier(const record::FieldView& f020, std::string_view* number = nullptr);

} // namespace marcaudit::rules::vendor
