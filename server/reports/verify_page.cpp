#include "server/reports/verify_page.hpp"

#include "question-bank/text.hpp"
#include "server/api/api_support.hpp"
#include "server/reports/certificates.hpp"
#include "server/reports/report_format.hpp"
#include "server/store/data_store.hpp"

namespace phongthi::server::verify_page {

namespace {

constexpr std::string_view prefix = "/verify/";

/// The valid certificate with this code as typed; nullopt for unknown, malformed and revoked.
std::optional<certificate_store::certificate_record> lookup(store::data_store& data,
                                                            std::string_view typed) {
    auto const code = certificate_store::normalize_code(typed);
    if (code.empty())
        return std::nullopt;
    auto found = data.read_side().with(
        [&](store::database& db) { return certificate_store::find_by_code(db, code); });
    return found && !found->revoked ? found : std::nullopt;
}

std::string page(std::string_view title, std::string const& body) {
    return "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"robots\" content=\"noindex\">\n<title>" +
           bank::html_escape(title) +
           "</title>\n<link rel=\"stylesheet\" href=\"/css/app.css\">\n</head>\n<body>\n<main "
           "class=\"verify\">\n" +
           body + "</main>\n</body>\n</html>\n";
}

std::string row(std::string_view label, std::string const& value) {
    if (value.empty())
        return "";
    return "<dt>" + bank::html_escape(label) + "</dt><dd>" + bank::html_escape(value) + "</dd>\n";
}

std::string valid_body(certificate_store::certificate_record const& c) {
    auto const text = [&](char const* key) { return c.data.value(key, ""); };
    auto score = text("score");
    if (!score.empty() && c.data.contains("scale"))
        score += "/" + report_format::score_text(c.data["scale"].get<double>());
    return "<h1>Giấy chứng nhận hợp lệ</h1>\n<p>Giấy chứng nhận số " + bank::html_escape(c.serial) +
           " do nhà trường cấp ngày " +
           report_format::date_text(report_format::iso_day_in_vietnam(c.issued_at)) +
           " cho người có tên dưới đây.</p>\n<dl>\n" + row("Họ và tên", text("full_name")) +
           row("Ngày sinh", report_format::date_text(text("birth_date"))) +
           row("Đơn vị", text("unit")) + row("Khoá học", text("course")) +
           row("Lớp", text("class_name")) + row("Bài kiểm tra", text("exam_title")) +
           row("Điểm", score) + row("Xếp loại", text("classification")) + row("Số hiệu", c.serial) +
           row("Mã xác minh", c.code) + "</dl>\n";
}

http_response html_reply(int status, std::string body) {
    return {status, "text/html; charset=utf-8", std::move(body), {{"Cache-Control", "no-store"}}};
}

} // namespace

bool is_verify_path(std::string_view path) {
    return path.starts_with(prefix) && path.size() > prefix.size();
}

http_response html(store::data_store& data, std::string_view path) {
    auto const found = lookup(data, path.substr(prefix.size()));
    if (!found)
        return html_reply(
            404, page("Không xác minh được giấy chứng nhận",
                      "<h1>Không xác minh được giấy chứng nhận</h1>\n<p>Mã xác minh không đúng, "
                      "hoặc giấy chứng nhận đã bị thu hồi. Hãy kiểm tra lại mã in dưới mã QR "
                      "của giấy chứng nhận.</p>\n"));
    return html_reply(200, page("Giấy chứng nhận " + found->serial, valid_body(*found)));
}

http_response json_reply(store::data_store& data, std::string_view code, language lang) {
    auto const found = lookup(data, code);
    if (!found) {
        auto reply = error_response(404, "not_found", lang);
        auto body = nlohmann::json::parse(reply.body);
        body["valid"] = false;
        reply.body = body.dump();
        return reply;
    }
    return json_response(
        200, {{"valid", true}, {"certificate", certificates::verification_json(*found)}});
}

} // namespace phongthi::server::verify_page
