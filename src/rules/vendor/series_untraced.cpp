#include "rules/vendor/series_untraced.hpp"

namespace marcaudit::rules::vendor {

void SeriesUntraced::check(const record::RecordView& record, FindingSink& sink) const {
    // A 490 0 beside an 8XX is wrong only when some 8XX is left over once each traced 490
    // (first indicator 1) has its own: a record may have a traced and an untraced series.
    std::size_t series_entries = 0;
    std::size_t traced = 0;
    for (const auto& field : record.fields()) {
        const auto tag = field.tag();
        series_entries += tag == "800" || tag == "810" || tag == "811" || tag == "830" ? 1 : 0;
        traced += tag == "490" && field.indicator(1) == '1' ? 1 : 0;
    }
    const bool has_8xx = series_entries > 0;
    for (const auto& field : record.fields()) {
        if (field.tag() != "490") {
            continue;
        }
        const char ind1 = field.indicator(1);
        if (ind1 == '1' && !has_8xx) {
            Finding& f = report(record, &field, sink,
                                "490 says the series is traced (first indicator 1) but the record has no 800/810/811/830: "
                                "the series is in no series index, and a search on it misses the record");
            f.position = "ind1";
            f.value = full_value(field.first('a'));
            f.fix = "add the series' authorized form in 830 (or 800-811), or set the 490 first indicator to 0";
        } else if (ind1 == '0' && series_entries > traced) {
            Finding& f = report(record, &field, sink,
                                "490 says the series is not traced (first indicator 0) but the record has an 8XX");
            f.position = "ind1";
            f.value = full_value(field.first('a'));
            f.fix = "set the 490 first indicator to 1";
        }
    }
}

} // namespace marcaudit::rules::vendor
