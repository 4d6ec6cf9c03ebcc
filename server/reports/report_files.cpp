#include "server/reports/report_files.hpp"

#include "scoring/certificate.hpp"
#include "scoring/login_cards.hpp"
#include "scoring/printable_papers.hpp"
#include "server/reports/report_format.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace phongthi::server::report_files {

namespace {

struct kind_info {
    report_kind kind;
    std::string_view name;
    std::array<std::string_view, 3> formats; ///< the first is the default; "" fills
};

constexpr std::array<kind_info, 7> kinds{{
    {report_kind::class_scores, "class", {"xlsx", "csv", "pdf"}},
    {report_kind::units, "units", {"pdf", "zip", ""}},
    {report_kind::items, "items", {"pdf", "xlsx", ""}},
    {report_kind::certificates, "certificates", {"pdf", "", ""}},
    {report_kind::cards, "cards", {"pdf", "", ""}},
    {report_kind::papers, "papers", {"pdf", "", ""}},
    {report_kind::keys, "keys", {"pdf", "", ""}},
}};

kind_info const& info(report_kind kind) {
    return *std::find_if(kinds.begin(), kinds.end(),
                         [kind](kind_info const& k) { return k.kind == kind; });
}

std::string type_of(std::string_view format) {
    if (format == "xlsx")
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (format == "csv")
        return "text/csv; charset=utf-8";
    if (format == "zip")
        return "application/zip";
    return "application/pdf";
}

report_file file(std::string bytes, std::string_view format, std::string_view what,
                 std::string_view title) {
    return {std::move(bytes), type_of(format), std::string(what) + " - " + std::string(title),
            "." + std::string(format)};
}

} // namespace

std::optional<report_kind> parse_kind(std::string_view name) {
    for (auto const& k : kinds)
        if (k.name == name)
            return k.kind;
    return std::nullopt;
}

bool offers(report_kind kind, std::string_view format) {
    auto const& f = info(kind).formats;
    return !format.empty() && std::find(f.begin(), f.end(), format) != f.end();
}

std::string_view default_format(report_kind kind) {
    return info(kind).formats.front();
}

std::string formats_of(report_kind kind) {
    std::string list;
    for (auto const format : info(kind).formats)
        if (!format.empty())
            list += (list.empty() ? "" : "|") + std::string(format);
    return list;
}

std::string report_file::disposition() const {
    return report_format::content_disposition(name, extension);
}

report_file class_file(scoring::class_report const& report, std::string_view format) {
    auto bytes = format == "xlsx"  ? scoring::write_class_report_xlsx(report)
                 : format == "csv" ? scoring::write_class_report_csv(report)
                                   : scoring::write_class_report_pdf(report);
    return file(std::move(bytes), format, "Bảng điểm", report.header.exam_title);
}

report_file units_file(report_data::notices const& notices, std::string_view format) {
    auto bytes = format == "zip" ? scoring::write_unit_notices_zip(notices.header, notices.units)
                                 : scoring::write_unit_notices_pdf(notices.header, notices.units);
    return file(std::move(bytes), format, "Thông báo kết quả", notices.header.exam_title);
}

report_file items_file(scoring::item_report const& report, std::string_view format) {
    auto bytes = format == "xlsx" ? scoring::write_item_report_xlsx(report)
                                  : scoring::write_item_report_pdf(report);
    return file(std::move(bytes), format, "Phân tích câu hỏi", report.header.exam_title);
}

report_file certificates_file(certificates::print_job const& job) {
    return file(scoring::write_certificates_pdf(job.layout, job.pages), "pdf", "Giấy chứng nhận",
                job.exam_title);
}

report_file cards_file(printables::cards const& cards, std::string_view server_url) {
    return file(scoring::write_login_cards_pdf(cards.title, server_url, cards.list), "pdf",
                "Thẻ đăng nhập", cards.title);
}

report_file papers_file(printables::papers const& papers, bool keys) {
    auto bytes = keys ? scoring::write_answer_keys_pdf(papers.header, papers.variants)
                      : scoring::write_papers_pdf(papers.header, papers.variants);
    return file(std::move(bytes), "pdf", keys ? "Đáp án" : "Đề thi", papers.header.exam_title);
}

} // namespace phongthi::server::report_files
