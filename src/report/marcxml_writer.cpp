#include "marcaudit/report/reports.hpp"
#include "report/xml.hpp"

namespace marcaudit::report {

namespace {

void append_escaped(std::string_view text, std::string& out) {
    detail::append_xml_escaped(text, out);
}

} // namespace

void append_marcxml(const record::RecordView& record, std::string& out) {
    out += "<record>\n  <leader>";
    append_escaped(record.leader().bytes(), out);
    out += "</leader>\n";
    for (const auto& field : record.fields()) {
        if (field.is_control()) {
            out += "  <controlfield tag=\"";
            append_escaped(field.tag(), out);
            out += "\">";
            append_escaped(field.data(), out);
            out += "</controlfield>\n";
            continue;
        }
        out += "  <datafield tag=\"";
        append_escaped(field.tag(), out);
        out += "\" ind1=\"";
        out.push_back(field.indicator(1));
        out += "\" ind2=\"";
        out.push_back(field.indicator(2));
        out += "\">\n";
        for (const auto& sf : field.subfields()) {
            out += "    <subfield code=\"";
            append_escaped(std::string_view{&sf.code, sf.code == 0 ? 0U : 1U}, out);
            out += "\">";
            append_escaped(sf.value, out);
            out += "</subfield>\n";
        }
        out += "  </datafield>\n";
    }
    out += "</record>\n";
}

} // namespace marcaudit::report
