#pragma once

#include "marcaudit/rules/rule.hpp"

namespace marcaudit::rules::identifier {

/// Flags records without a 001 (control number), or with an empty one.
/// Doc page: docs/rules/identifier-control-number-missing.md
class ControlNumberMissing final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"identifier-control-number-missing", "identifier", Severity::error,
                                     "A record without a 001 control number (or with an empty one)"};
    ControlNumberMissing() : RecordRule(k_info) {}
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

/// Flags a 001 with blanks before or after the number (LC's LCCN layout aside).
/// Doc page: docs/rules/identifier-control-number-padded.md
class ControlNumberPadded final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"identifier-control-number-padded", "identifier", Severity::warning,
                                     "A 001 control number with blanks before or after it, so matches on it fail"};
    ControlNumberPadded() : RecordRule(k_info) {}
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

/// Flags a 001 without a 003 saying whose control number it is.
/// Doc page: docs/rules/identifier-control-number-source-missing.md
class ControlNumberSourceMissing final : public RecordRule {
public:
    static constexpr RuleInfo k_info{"identifier-control-number-source-missing", "identifier", Severity::info,
                                     "A 001 without a 003: whose control number it is is not recorded"};
    ControlNumberSourceMissing() : RecordRule(k_info) {}
    void check(const record::RecordView& record, FindingSink& sink) const override;
};

} // namespace marcaudit::rules::identifier
