#include "rules/vendor/eresource_007.hpp"

#include "rules/vendor/eresource.hpp"

namespace marcaudit::rules::vendor {

void EResource007::check(const record::RecordView& record, FindingSink& sink) const {
    if (!eresource_signals(record).online_except(EResourceSignals::f007)) {
        return;
    }
    const record::FieldView* electronic = nullptr;
    for (const auto& field : record.fields()) {
        if (field.tag() == "007" && !field.data().empty() && field.data()[0] == 'c') {
            electronic = &field;
            break;
        }
    }
    if (electronic == nullptr) {
        report(record, nullptr, sink,
               "the record describes an online resource but has no 007 for an electronic resource (007/00 c): "
               "format facets and e-resource limits miss it")
            .fix = "add 007 cr (a remote electronic resource), e.g. cr\\|n|||||||||";
        return;
    }
    const auto data = electronic->data();
    if (data.size() < 2 || data[1] != 'r') {
        Finding& f = report(record, electronic, sink,
                            "007 for an electronic resource does not say it is remote (007/01 should be r)");
        f.position = "/01";
        f.value = std::string{data};
        f.fix = "set 007/01 to r";
    }
}

} // namespace marcaudit::rules::vendor
