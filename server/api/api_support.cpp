#include "server/api/api_support.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <utility>

namespace phongthi::server {

namespace {

struct message_text {
    std::string_view code;
    std::string_view vi;
    std::string_view en;
};

constexpr message_text messages[] = {
    {"bad_request", "Yêu cầu không hợp lệ", "The request is not valid"},
    {"bad_json", "Nội dung gửi lên không phải JSON hợp lệ", "The body is not valid JSON"},
    {"bad_credentials", "Tên đăng nhập hoặc mật khẩu không đúng", "Wrong username or password"},
    {"account_disabled", "Tài khoản đã bị khoá. Hãy liên hệ quản trị viên",
     "This account is disabled. Please contact the administrator"},
    {"too_many_attempts", "Đăng nhập sai quá nhiều lần. Hãy thử lại sau ít phút",
     "Too many failed logins. Please try again in a few minutes"},
    {"too_many_requests", "Máy này gửi quá nhiều yêu cầu tới máy chủ. Hãy đợi vài giây rồi thử lại",
     "This computer is sending too many requests to the server. Please wait a few seconds and try "
     "again"},
    {"server_busy", "Máy chủ đang bận. Hãy thử lại sau giây lát",
     "The server is busy. Please try again in a moment"},
    {"unauthenticated", "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại",
     "Your session has ended. Please sign in again"},
    {"forbidden", "Bạn không có quyền thực hiện thao tác này", "You are not allowed to do this"},
    {"not_class_staff",
     "Bạn không phụ trách lớp này: chỉ cán bộ được phân công cho lớp (hoặc quản trị) mới thao tác "
     "được",
     "You are not on this class's staff: only the staff assigned to the class (or an admin) may do "
     "this"},
    {"not_course_staff",
     "Bạn không phụ trách lớp nào của khoá học này: chỉ cán bộ được phân công cho một lớp của khoá "
     "(hoặc quản trị) mới thao tác được",
     "You are not on the staff of any class of this course: only the staff assigned to one of its "
     "classes (or an admin) may do this"},
    {"not_found", "Không tìm thấy", "Not found"},
    {"method_not_allowed", "Phương thức không được hỗ trợ", "Method not allowed"},
    {"username_taken", "Tên tài khoản đã tồn tại", "This account name is already taken"},
    {"code_taken", "Mã đơn vị đã tồn tại", "This unit code is already taken"},
    {"invalid_field", "Trường dữ liệu không hợp lệ", "A field is not valid"},
    {"unknown_unit", "Không có đơn vị với mã này", "There is no unit with this code"},
    {"password_too_short",
     "Mật khẩu quá ngắn: tài khoản cán bộ (quản trị, giảng viên, giám thị) cần ít nhất 12 ký tự, "
     "học viên ít nhất 8 ký tự",
     "The password is too short: staff accounts (admin, lecturer, proctor) need at least 12 "
     "characters, candidates at least 8"},
    {"password_too_long", "Mật khẩu quá dài: tối đa 256 byte",
     "The password is too long: 256 bytes at most"},
    {"password_contains_username", "Mật khẩu không được chứa tên tài khoản",
     "The password must not contain the account name"},
    {"password_too_common",
     "Mật khẩu quá phổ biến, dễ bị đoán (ví dụ matkhau123, password, 123456789, phongthi): hãy "
     "chọn mật khẩu khác",
     "The password is too common and easy to guess (e.g. matkhau123, password, 123456789, "
     "phongthi): choose another"},
    {"session_revoked", "Phiên đăng nhập này đã bị thu hồi. Hãy đăng nhập lại",
     "This session was revoked. Please sign in again"},
    {"internal", "Lỗi máy chủ. Thao tác chưa được lưu", "Server error. Nothing was saved"},
    {"not_saved",
     "Máy chủ chưa lưu được câu trả lời (ổ đĩa đầy hoặc lỗi ghi). Câu trả lời vẫn được giữ trên "
     "máy này và sẽ tự gửi lại; hãy báo giám thị",
     "The server could not save your answer (disk full or a write error). It is kept on this PC "
     "and will be sent again; tell the proctor"},
    {"storage_failing",
     "Máy chủ không ghi được dữ liệu (ổ đĩa đầy, lỗi ghi hoặc tệp chỉ đọc): câu trả lời chưa được "
     "lưu",
     "The server cannot write its data (disk full, a write error or a read-only file): answers "
     "are not being saved"},
    {"payload_too_large",
     "Dữ liệu gửi lên quá lớn, máy chủ không nhận; không có gì được lưu. Hãy chia nhỏ tệp rồi "
     "gửi lại",
     "The upload is too large for the server; nothing was saved. Split the file and send it "
     "again"},
    {"unknown_type", "Loại thông điệp không được hỗ trợ", "Unknown message type"},
    {"invalid_questions", "Tệp hoặc câu hỏi có lỗi; không có gì được lưu",
     "The file or question has errors; nothing was saved"},
    {"binary_not_supported", "Chỉ nhận thông điệp dạng văn bản", "Only text messages are accepted"},
    {"exam_not_found", "Không tìm thấy bài thi", "There is no such exam"},
    {"not_enrolled", "Bạn không có tên trong lớp của bài thi này",
     "You are not enrolled in this exam's class"},
    {"exam_not_open", "Phòng thi chưa mở", "The exam room is not open yet"},
    {"exam_closed", "Bài thi đã kết thúc", "The exam is closed"},
    {"start_code_required", "Hãy nhập mã bắt đầu do giám thị công bố",
     "Enter the start code the proctor announces"},
    {"wrong_start_code", "Mã bắt đầu không đúng hoặc đã hết hạn",
     "The start code is wrong or has expired"},
    {"paper_unavailable", "Chưa tạo được đề thi. Hãy báo giám thị",
     "No paper could be drawn. Tell the proctor"},
    {"not_running", "Bài làm không ở trạng thái đang thi", "The attempt is not running"},
    {"time_over", "Đã hết giờ làm bài", "Time is over"},
    {"paused", "Giờ thi đang tạm dừng; câu trả lời sẽ được lưu khi tiếp tục",
     "The clock is paused; the answer is saved when it runs again"},
    {"bad_question", "Không có câu hỏi này trong đề", "There is no such question on the paper"},
    {"bad_option", "Lựa chọn không hợp lệ cho câu hỏi này",
     "The choice is not valid for this question"},
    {"attempts_used", "Bạn đã dùng hết số lần thi", "You have used every attempt"},
    {"taken_over", "Bài làm đang được mở ở một máy khác", "The attempt was opened elsewhere"},
    {"invalid_state", "Không thực hiện được ở trạng thái hiện tại của bài thi",
     "Not possible in the exam's current state"},
    {"imported_exam", "Bài thi nhập từ máy chủ khác chỉ để xem, không sửa được",
     "An exam imported from another server is read-only"},
    {"exam_not_closed", "Bài thi chưa đóng: đóng bài thi rồi mới xuất kết quả",
     "The exam is not closed yet: close it before exporting its results"},
    {"blueprint_short", "Ngân hàng câu hỏi không đủ câu cho ma trận đề",
     "The banks cannot fill the blueprint"},
    {"unknown_field", "Có trường dữ liệu không được hỗ trợ", "A field is not supported"},
    {"course_code_taken", "Mã khoá học đã tồn tại", "This course code is already taken"},
    {"class_code_taken", "Khoá học đã có lớp với mã này",
     "The course already has a class with this code"},
    {"unknown_course", "Không có khoá học này", "There is no such course"},
    {"unknown_room", "Không có phòng thi này", "There is no such room"},
    {"unknown_account", "Không có tài khoản với tên này", "There is no account with this name"},
    {"not_staff", "Tài khoản này không phải cán bộ (giảng viên, giám thị)",
     "This account is not a staff member (lecturer, proctor)"},
    {"roster_has_errors",
     "Danh sách có lỗi nên chưa có gì được lưu. Hãy sửa các dòng được nêu rồi tải lên lại",
     "The list has errors, so nothing was saved. Fix the rows named and upload it again"},
    {"roster_changed", "Lớp vừa thay đổi trong lúc nhập danh sách; hãy nhập lại",
     "The class changed during the import; please import again"},
    {"unknown_candidate_code", "Không có học viên nào với mã này",
     "There is no learner with this code"},
    {"not_in_class", "Học viên này không có tên trong lớp", "This learner is not in this class"},
    {"session_taken", "Lớp đã có buổi học vào ngày và buổi này",
     "The class already has a session on this day and part"},
    {"room_name_taken", "Tên phòng đã tồn tại", "This room name is already taken"},
    {"room_in_use", "Phòng đang được một lớp hoặc bài thi sử dụng nên không xoá được",
     "A class or an exam uses this room, so it cannot be deleted"},
    {"seat_in_use", "Ghế đã có người ngồi thi nên không bỏ được",
     "Someone sat an exam at this seat, so it cannot be removed"},
    {"class_has_no_room", "Lớp chưa được gắn phòng học", "The class has no room"},
    {"no_such_seat", "Phòng không có ghế này", "The room has no such seat"},
    {"seat_taken", "Ghế này đã có học viên khác ngồi", "Another learner has this seat"},
    {"room_full", "Phòng đã hết ghế trống", "The room has no free seat"},
    {"learner_not_in_class", "Học viên này không có tên trong lớp",
     "This learner is not enrolled in the class"},
    {"course_closed", "Khoá học đã kết thúc: kết quả rèn luyện không sửa được nữa",
     "The course is closed: conduct grades can no longer be changed"},
    {"survey_not_found", "Bài thi này chưa có phiếu khảo sát", "This exam has no survey"},
    {"survey_has_responses",
     "Phiếu khảo sát đã có người trả lời nên không sửa được nữa; chỉ có thể đóng hoặc mở lại",
     "The survey has responses, so it can no longer be edited; it can only be closed or reopened"},
    {"survey_closed", "Phiếu khảo sát đã đóng", "The survey is closed"},
    {"survey_not_submitted", "Bạn chỉ trả lời phiếu khảo sát sau khi đã nộp bài thi này",
     "You can answer the survey only after submitting this exam"},
    {"survey_already_answered", "Bạn đã trả lời phiếu khảo sát này rồi",
     "You have already answered this survey"},
    {"material_too_large", "Tệp tài liệu quá lớn", "The document file is too large"},
    {"material_type_refused",
     "Chỉ nhận tài liệu PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx), OpenDocument (.odt, "
     ".odp) và ảnh PNG, JPEG, GIF",
     "Only PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx), OpenDocument (.odt, .odp) "
     "documents and PNG, JPEG, GIF pictures are accepted"},
    {"material_extension_mismatch", "Đuôi tên tệp không khớp với nội dung tệp",
     "The file name's extension does not match the file's content"},
    {"material_during_exam", "Không xem được tài liệu trong lúc đang làm bài thi",
     "Course materials cannot be opened during an exam"},
};

} // namespace

std::optional<std::int64_t> parse_iso_time(std::string_view text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, used = 0;
    std::string const copy(text);
    if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &year, &month, &day, &hour, &minute,
                    &used) != 5)
        return std::nullopt;
    std::string_view rest = text.substr(static_cast<std::size_t>(used));
    if (rest.starts_with(':')) {
        int more = 0;
        if (std::sscanf(copy.c_str() + used, ":%2d%n", &second, &more) != 1)
            return std::nullopt;
        rest.remove_prefix(static_cast<std::size_t>(more));
        if (rest.starts_with('.')) // fractions of a second, as JavaScript's toISOString writes
            rest.remove_prefix(std::min(rest.find_first_not_of("0123456789", 1), rest.size()));
    }
    int offset_minutes = 0;
    if (rest == "Z") {
        offset_minutes = 0;
    } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
        int oh = 0, om = 0;
        if (std::sscanf(copy.c_str() + (text.size() - 5), "%2d:%2d", &oh, &om) != 2)
            return std::nullopt;
        offset_minutes = (rest[0] == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    std::tm parts{};
    parts.tm_year = year - 1900;
    parts.tm_mon = month - 1;
    parts.tm_mday = day;
    parts.tm_hour = hour;
    parts.tm_min = minute;
    parts.tm_sec = second;
    std::time_t const seconds = timegm(&parts);
    return (static_cast<std::int64_t>(seconds) - offset_minutes * 60) * 1000;
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

std::optional<std::string_view>
read_text_fields(json const& body,
                 std::initializer_list<std::pair<std::string_view, std::string*>> fields) {
    for (auto [key, target] : fields) {
        auto const it = body.find(key);
        if (it == body.end() || it->is_null())
            continue;
        if (!it->is_string())
            return key;
        *target = it->get<std::string>();
    }
    return std::nullopt;
}

http_response invalid_field(std::string_view field, language lang) {
    return error_response(400, "invalid_field", lang, json{{"field", field}});
}

http_response password_refused(password_problem problem, std::string_view field, language lang) {
    return error_response(400, password_problem_code(problem), lang, json{{"field", field}});
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
