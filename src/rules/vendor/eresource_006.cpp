#include "rules/vendor/eresource_006.hpp"

#include "rules/vendor/eresource.hpp"

namespace marcaudit::rules::vendor {

void EResource006::check(const record::RecordView& record, FindingSink& sink) const {
    if (record.leader().type_of_record() == 'm' || !eresource_signals(record).online_except(EResourceSignals::f006)) {
        return;  // a computer-file record (Leader/06 m) has the computer-file codes in its 008
    }
    const record::FieldView* computer = nullptr;
    for (const auto& field : record.fields()) {
        if (field.tag() == "006" && !field.data().empty() && field.data()[0] == 'm') {
            computer = &field;
            break;
        }
    }
    if (computer == nullptr) {
        report(record, nullptr, sink,
               "the record describes an online resource but has no 006 for a computer file (006/00 m): systems that "
               "limit a search to e-resources by 006 leave it out")
            .fix = "add 006 m\\\\\\\\\\o\\\\d\\\\\\\\\\\\\\\\ (computer file, online, document; \\ is a blank)";
        return;
    }
    const auto data = computer->data();
    if (data.size() <= 6 || data[6] != 'o') {
        Finding& f = report(record, computer, sink,
                            "006 for a computer file does not say the file is online (006/06 should be o)");
        f.position = "/06";
        f.value = std::string{data};
        f.fix = "set 006/06 to o";
    }
}

} // namespace marcaudit::rules::vendor
