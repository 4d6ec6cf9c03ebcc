#include "server/api/api_support.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <ctime>
#include <utility>

namespace phongthi::server {

namespace {

struct message_text {
    std::string_view code;
    std::string_view vi;
    std::string_view en;
};

constexpr std::array<message_text, 20> messages{{
    {"bad_request", "Yêu cầu không hợp lệ", "The request is not valid"},
    {"bad_json", "Nội dung gửi lên không phải JSON hợp lệ", "The body is not valid JSON"},
    {"bad_credentials", "Tên đăng nhập hoặc mật khẩu không đúng", "Wrong username or password"},
    {"account_disabled", "Tài khoản đã bị khoá. Hãy liên hệ quản trị viên",
     "This account is disabled. Please contact the administrator"},
    {"too_many_attempts", "Đăng nhập sai quá nhiều lần. Hãy thử lại sau ít phút",
     "Too many failed logins. Please try again in a few minutes"},
    {"server_busy", "Máy chủ đang bận. Hãy thử lại sau giây lát",
     "The server is busy. Please try again in a moment"},
    {"unauthenticated", "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại",
     "Your session has ended. Please sign in again"},
    {"forbidden", "Bạn không có quyền thực hiện thao tác này", "You are not allowed to do this"},
    {"not_found", "Không tìm thấy", "Not found"},
    {"method_not_allowed", "Phương thức không được hỗ trợ", "Method not allowed"},
    {"username_taken", "Tên tài khoản đã tồn tại", "This account name is already taken"},
    {"code_taken", "Mã đơn vị đã tồn tại", "This unit code is already taken"},
    {"invalid_field", "Trường dữ liệu không hợp lệ", "A field is not valid"},
    {"unknown_unit", "Không có đơn vị với mã này", "There is no unit with this code"},
    {"weak_password", "Mật khẩu phải có ít nhất 8 ký tự",
     "The password needs at least 8 characters"},
    {"internal", "Lỗi máy chủ. Thao tác chưa được lưu", "Server error. Nothing was saved"},
    {"payload_too_large", "Dữ liệu gửi lên quá lớn", "The upload is too large"},
    {"unknown_type", "Loại thông điệp không được hỗ trợ", "Unknown message type"},
    {"invalid_questions", "Tệp hoặc câu hỏi có lỗi; không có gì được lưu",
     "The file or question has errors; nothing was saved"},
    {"binary_not_supported", "Chỉ nhận thông điệp dạng văn bản", "Only text messages are accepted"},
}};

} // namespace

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string iso_utc(std::int64_t ms) {
    std::time_t const seconds = static_cast<std::time_t>(ms / 1000);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return text;
}

std::string_view error_message(std::string_view code, language lang) {
    for (auto const& m : messages) {
        if (m.code == code)
            return lang == language::en ? m.en : m.vi;
    }
    return code;
}

http_response json_response(int status, json const& body) {
    return {
        status, "application/json; charset=utf-8", body.dump(), {{"Cache-Control", "no-store"}}};
}

http_response error_response(int status, std::string_view code, language lang, json extra) {
    extra["code"] = code;
    extra["message"] = error_message(code, lang);
    return json_response(status, json{{"error", std::move(extra)}});
}

std::optional<json> parse_object(std::string_view body) {
    json parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
        return std::nullopt;
    return parsed;
}

std::optional<std::string> string_member(json const& object, std::string_view key) {
    auto const it = object.find(key);
    if (it == object.end() || !it->is_string())
        return std::nullopt;
    return it->get<std::string>();
}

std::optional<std::int64_t> parse_id(std::string_view text) {
    std::int64_t id = 0;
    auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc{} || end != text.data() + text.size() || id <= 0)
        return std::nullopt;
    return id;
}

json to_json(unit_record const& unit) {
    return json{{"id", unit.id},
                {"code", unit.code},
                {"name", unit.name},
                {"parent_code", unit.parent_code ? json(*unit.parent_code) : json(nullptr)}};
}

json to_json(user_record const& user) {
    return json{{"id", user.id},
                {"username", user.username},
                {"full_name", user.full_name},
                {"role", role_key(user.user_role)},
                {"unit", user.unit ? to_json(*user.unit) : json(nullptr)},
                {"must_change_password", user.must_change_password},
                {"disabled", user.disabled},
                {"created_at", iso_utc(user.created_at)}};
}

} // namespace phongthi::server
