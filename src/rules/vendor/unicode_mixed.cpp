#include "rules/vendor/unicode_mixed.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace marcaudit::rules::vendor {

void UnicodeMixed::check(const record::RecordView& record, FindingSink& sink) const {
    // A MARC-8 record's forms are those of marcaudit's own decoding, not the record's.
    if (record.encoding() != record::Encoding::utf8) {
        return;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) {
        return;
    }
    const record::FieldView* decomposed = nullptr;  // first field with a sequence NFC would compose
    const record::FieldView* composed = nullptr;    // first field with a character NFD would decompose
    for (const auto& field : record.fields()) {
        // 880s hold other scripts (Cyrillic й, Hangul), often keyed with other tools: their
        // form says nothing about the romanized fields beside them. Local fields are the
        // library's own to define.
        if (field.is_control() || field.tag() == "880" ||
            is_local_tag(record::tag_number(field.tag()), record::RecordKind::bibliographic)) {
            continue;
        }
        const auto data = field.data();
        if (std::all_of(data.begin(), data.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
            continue;  // ASCII is both
        }
        const auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(data.data(), static_cast<int32_t>(data.size())));
        if (decomposed == nullptr && !nfc->isNormalized(text, status)) {
            decomposed = &field;
        }
        if (composed == nullptr && !nfd->isNormalized(text, status)) {
            composed = &field;
        }
        if (decomposed != nullptr && composed != nullptr) {
            break;
        }
    }
    if (decomposed == nullptr || composed == nullptr || U_FAILURE(status)) {
        return;
    }
    Finding& f = report(record, decomposed, sink,
                        fmt::format("the record mixes Unicode forms: {} has decomposed letters (a base letter and a "
                                    "combining accent, NFD) and {} precomposed ones (NFC); systems that compare bytes "
                                    "see 'é' (U+00E9) and 'e\xCC\x81' (e and U+0301) as different, so the same word "
                                    "indexes twice",
                                    decomposed->tag(), composed->tag()));
    f.value = full_value(decomposed->data());
    f.fix = "convert the record to one form, NFC (e.g. ICU's uconv -x Any-NFC on the file as mnemonic text, or the "
            "normalization function of your MARC editor)";
}

} // namespace marcaudit::rules::vendor
