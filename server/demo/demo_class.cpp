#include "server/demo/demo_class.hpp"

#include "question-bank/paper.hpp"
#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/banks/bank_store.hpp"
#include "server/demo/demo.hpp"
#include "server/exams/exam_definition.hpp"
#include "server/exams/exam_secret.hpp"
#include "server/exams/paper_codec.hpp"
#include "server/log.hpp"
#include "server/reports/printables.hpp"
#include "server/reports/report_settings.hpp"
#include "server/results/attempt_grader.hpp"
#include "server/store/data_store.hpp"

#include <array>
#include <stdexcept>

namespace phongthi::server {

namespace {

constexpr std::string_view class_seeded_key = "demo_class_seeded";
constexpr std::string_view learner_password = "hocvien2026";

struct demo_cell {
    std::string_view code;
    std::string_view name;
};

constexpr std::array<demo_cell, 6> cells{{
    {"CB-STC", "Chi bộ Sở Tài chính"},
    {"CB-SGD", "Chi bộ Sở Giáo dục và Đào tạo"},
    {"CB-SNN", "Chi bộ Sở Nông nghiệp và Phát triển nông thôn"},
    {"CB-STP", "Chi bộ Sở Tư pháp"},
    {"CB-SVH", "Chi bộ Sở Văn hoá, Thể thao và Du lịch"},
    {"CB-SKH", "Chi bộ Sở Kế hoạch và Đầu tư"},
}};

/// One learner: `ability` (0..100) decides which questions they get right; below 0: absent.
struct demo_learner {
    std::string_view full_name;
    std::string_view gender;
    std::string_view birth_date;
    int cell;
    std::string_view conduct; ///< a conduct grade key of the classification rules
    int ability;
};

constexpr std::array<demo_learner, 40> learners{{
    {"Nguyễn Văn An", "Nam", "1990-03-12", 0, "tot", 92},
    {"Trần Thị Bích Ngọc", "Nữ", "1994-07-25", 0, "tot", 85},
    {"Lê Hoàng Minh", "Nam", "1988-11-02", 0, "kha", 64},
    {"Phạm Thị Thu Trang", "Nữ", "1996-01-18", 0, "tot", 78},
    {"Hoàng Đức Thắng", "Nam", "1985-09-30", 0, "trung_binh", 28},
    {"Vũ Thị Hồng Nhung", "Nữ", "1993-05-14", 0, "kha", 70},
    {"Đặng Quốc Bảo", "Nam", "1991-12-07", 0, "tot", 88},
    {"Bùi Thị Lan Anh", "Nữ", "1997-04-21", 1, "tot", 95},
    {"Đỗ Văn Hùng", "Nam", "1987-08-09", 1, "kha", 55},
    {"Ngô Thị Mai", "Nữ", "1995-02-27", 1, "tot", 81},
    {"Dương Minh Tuấn", "Nam", "1992-10-15", 1, "kha", 47},
    {"Lý Thị Hương", "Nữ", "1989-06-03", 1, "tot", 74},
    {"Phan Văn Long", "Nam", "1990-01-22", 1, "trung_binh", 36},
    {"Võ Thị Kim Oanh", "Nữ", "1998-09-11", 1, "tot", 90},
    {"Trịnh Xuân Trường", "Nam", "1986-03-29", 2, "kha", 60},
    {"Đinh Thị Thảo", "Nữ", "1994-11-08", 2, "tot", 83},
    {"Hồ Văn Nam", "Nam", "1991-07-19", 2, "kha", -1},
    {"Mai Thị Phương", "Nữ", "1993-12-24", 2, "tot", 77},
    {"Tạ Quang Huy", "Nam", "1988-04-06", 2, "kha", 52},
    {"Lương Thị Yến", "Nữ", "1996-08-17", 2, "tot", 86},
    {"Cao Văn Đạt", "Nam", "1984-02-13", 2, "trung_binh", 41},
    {"Chu Thị Ngọc Ánh", "Nữ", "1999-05-30", 3, "tot", 97},
    {"Kiều Văn Sơn", "Nam", "1990-10-04", 3, "kha", 58},
    {"Lã Thị Thuý Hằng", "Nữ", "1992-03-16", 3, "tot", 72},
    {"Quách Minh Khôi", "Nam", "1995-06-28", 3, "tot", 80},
    {"Tô Thị Huyền", "Nữ", "1987-09-05", 3, "kha", 63},
    {"Văn Đình Phúc", "Nam", "1993-01-09", 3, "kha", 50},
    {"Hà Thị Loan", "Nữ", "1991-11-20", 4, "tot", 79},
    {"Nghiêm Văn Tiến", "Nam", "1989-07-01", 4, "trung_binh", 33},
    {"Âu Thị Quỳnh", "Nữ", "1997-02-10", 4, "tot", 87},
    {"Triệu Văn Hải", "Nam", "1986-05-23", 4, "kha", 66},
    {"Khúc Thị Thanh Tâm", "Nữ", "1994-08-12", 4, "tot", 75},
    {"Giáp Văn Cường", "Nam", "1992-12-31", 4, "kha", -1},
    {"Doãn Thị Hà", "Nữ", "1998-04-04", 4, "tot", 84},
    {"Lục Văn Khánh", "Nam", "1985-10-26", 5, "kha", 57},
    {"Phí Thị Diệu Linh", "Nữ", "1996-06-19", 5, "tot", 91},
    {"Ông Văn Tài", "Nam", "1990-09-14", 5, "kha", 68},
    {"Mạc Thị Xuân", "Nữ", "1993-03-08", 5, "tot", 76},
    {"Thân Đức Anh", "Nam", "1988-12-02", 5, "trung_binh", 45},
    {"Nông Thị Vân", "Nữ", "1995-07-27", 5, "tot", 82},
}};

/// 2026-10-16 08:00 in Vietnam (01:00 UTC): the exam's start; each learner started within two
/// minutes of it and worked for 25 to 44 minutes.
constexpr std::int64_t exam_start_ms = 1'792'112'400'000;
constexpr int duration_minutes = 45;

/// The class, its course and units; returns the class id.
std::int64_t insert_demo_class(store::database& db, std::int64_t now) {
    auto const parent = account_store::find_unit(db, "DBK");
    for (auto const& cell : cells)
        account_store::insert_unit(db, cell.code, cell.name,
                                   parent ? std::optional(parent->id) : std::nullopt, now);
    db.exec("INSERT INTO courses (code, name, kind, starts_on, ends_on) VALUES ('BDDVM-2026', "
            "'Lớp bồi dưỡng đảng viên mới', 'new_member', '2026-10-05', '2026-10-16')");
    auto const course = db.last_insert_rowid();
    db.prepare("INSERT INTO classes (course_id, code, name, room_id, starts_on, ends_on) "
               "SELECT ?1, 'DVM-K02', 'Đảng viên mới khoá 2 năm 2026 (Khối các cơ quan tỉnh)', "
               "id, '2026-10-05', '2026-10-16' FROM rooms WHERE name = 'Phòng máy 1'")
        .bind_all(course)
        .run();
    auto const class_id = db.last_insert_rowid();
    // The demo's lecturers and proctors run this class too (staff act only on their classes).
    db.prepare("INSERT INTO class_staff (class_id, user_id, duty) SELECT ?1, id, role FROM users "
               "WHERE role IN ('lecturer', 'proctor')")
        .bind_all(class_id)
        .run();
    return class_id;
}

/// The learners, enrolled in list order with seats A1..D10; returns their ids.
std::vector<std::int64_t> insert_learners(store::database& db, std::int64_t class_id,
                                          std::string const& hash, std::int64_t now) {
    std::vector<std::int64_t> ids;
    auto details = db.prepare(
        "UPDATE users SET birth_date = ?2, gender = ?3, candidate_code = ?4 WHERE id = ?1");
    auto enrol = db.prepare("INSERT INTO enrollments (class_id, user_id, list_number, seat_label, "
                            "conduct_grade) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (std::size_t i = 0; i < learners.size(); ++i) {
        auto const& l = learners[i];
        auto const number = std::to_string(i + 1);
        auto const two = (i + 1 < 10 ? "0" : "") + number;
        auto const unit =
            account_store::find_unit(db, cells[static_cast<std::size_t>(l.cell)].code);
        auto const id = account_store::insert_user(
            db, {"hv" + two, std::string(l.full_name), role::candidate, unit->id, hash, false},
            now);
        details.bind_all(id, l.birth_date, l.gender, "DVM26-0" + two).run();
        auto const seat =
            std::string(1, static_cast<char>('A' + i / 10)) + std::to_string(i % 10 + 1);
        enrol.bind_all(class_id, id, static_cast<int>(i + 1), seat, l.conduct).run();
        ids.push_back(id);
    }
    return ids;
}

/// The closed exam with its published blueprint: four variants by seat, as in the room.
std::int64_t insert_closed_exam(store::database& db, std::int64_t class_id, std::int64_t bank_id,
                                std::int64_t lecturer_id, std::int64_t now) {
    exam_store::exam_record exam;
    exam.class_id = class_id;
    exam.title = "Kiểm tra kết thúc khoá học";
    exam.settings = {
        {"duration_minutes", duration_minutes}, {"mode", "variants"}, {"variant_count", 4}};
    exam.opens_at = exam_start_ms - 15 * 60'000;
    exam.closes_at = exam_start_ms + 60 * 60'000;
    exam.secret = exam_secret::generate();
    auto const exam_id = exam_store::insert_exam(db, exam, lecturer_id, now);
    if (!publish_blueprint(db, exam_id, demo_blueprint(bank_id), lecturer_id, now).ok())
        throw std::logic_error("the demo bank cannot fill the demo class's exam");
    exam_store::set_exam_started(db, exam_id, exam_start_ms);
    exam_store::set_exam_state(db, exam_id, "closed");
    return exam_id;
}

/// The learner's choice on a question: the right options, or the first wrong one.
std::vector<int> choice_for(bank::question const& q, bool right) {
    std::vector<int> choice;
    for (std::size_t o = 0; o < q.options.size(); ++o)
        if ((q.options[o].weight > 0) == right && (right || choice.empty()))
            choice.push_back(static_cast<int>(o));
    return choice;
}

/// One learner's sitting: the variant of their seat drawn, answers saved, submitted, graded.
void sit(store::database& db, std::int64_t exam_id, exam_store::exam_record const& exam,
         printables::published_blueprint const& published, std::int64_t user_id,
         std::size_t index) {
    auto const& l = learners[index];
    int const row = static_cast<int>(index / 10), col = static_cast<int>(index % 10);
    int const variant = bank::variant_for_seat(row, col, 4);
    auto const seed = exam_secret::variant_seed(exam.secret, variant);
    auto const paper = bank::draw_paper(published.plan, published.pool, seed);
    if (!paper.value)
        throw std::logic_error("the demo class's paper cannot be drawn");
    auto const started = exam_start_ms + static_cast<std::int64_t>(index % 7) * 17'000;
    auto const submitted = started + (25 + static_cast<std::int64_t>(index * 7 % 20)) * 60'000;
    exam_store::attempt_record a;
    a.id = exam_store::max_attempt_id(db) + 1;
    a.user_id = user_id;
    a.blueprint_id = published.id;
    a.paper_seed = seed;
    a.variant_code = bank::variant_code(variant);
    a.started_at = started;
    a.deadline_at = started + duration_minutes * 60'000;
    a.client_address = "10.0.1." + std::to_string(index + 11);
    a.paper = paper_codec::paper_to_json(*paper.value);
    exam_store::insert_attempt(db, exam_id, a);
    exam_store::add_event(db, a.id, "start", {{"variant", a.variant_code}}, std::nullopt,
                          a.client_address, started);
    for (std::size_t n = 0; n < paper.value->items.size(); ++n) {
        auto const q = bank_store::load_revision(db, paper.value->items[n].revision_id);
        bool const right = static_cast<int>((index * 37 + n * 53) % 100) < l.ability;
        exam_store::save_answer(db, {a.id, static_cast<int>(n), choice_for(*q, right),
                                     static_cast<std::int64_t>(n + 1), false,
                                     started + static_cast<std::int64_t>(n + 1) * 150'000});
    }
    exam_store::set_attempt_state(db, a.id, "submitted", submitted);
    exam_store::add_event(db, a.id, "submit", nullptr, std::nullopt, a.client_address, submitted);
    attempt_grader::grade_and_store(db, a.id);
}

void seed_class(store::database& db, std::string const& hash) {
    auto const now = now_ms();
    auto banks = db.prepare("SELECT id, owner_id FROM question_banks ORDER BY id LIMIT 1");
    if (!banks.step())
        throw std::logic_error("the demo class needs the demo bank");
    auto const class_id = insert_demo_class(db, now);
    auto const ids = insert_learners(db, class_id, hash, now);
    auto const exam_id =
        insert_closed_exam(db, class_id, banks.column_int64(0), banks.column_int64(1), now);
    auto const exam = exam_store::find_exam(db, exam_id);
    auto const published = printables::find_published(db, exam_id);
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (learners[i].ability >= 0)
            sit(db, exam_id, *exam, *published, ids[i], i);
    report_settings::header_settings header;
    header.organisation = "ĐẢNG BỘ TỈNH";
    header.school = "TRƯỜNG CHÍNH TRỊ TỈNH";
    header.place = "Thành phố Bắc Ninh";
    header.signer_title = "HIỆU TRƯỞNG";
    header.signer_name = "Nguyễn Văn Quản";
    actor const demo{std::nullopt, "demo", "local"};
    report_settings::store_header(db, header, demo, now);
    db.prepare("INSERT INTO server_settings (key, value, updated_at) VALUES (?1, 'true', ?2)")
        .bind_all(class_seeded_key, now)
        .run();
    account_store::append_audit(db, demo, "demo.seed_class", "exam:" + std::to_string(exam_id), "",
                                now);
}

} // namespace

std::string_view demo_class_line() {
    return "Lớp demo có bài thi đã chấm / demo class with a graded exam: \"Đảng viên mới khoá 2\", "
           "40 học viên hv01…hv40 / hocvien2026 — mọi báo cáo tải được ngay / every report ready";
}

bool seed_demo_class(store::data_store& data, auth::hash_params const& params) {
    if (data.read_side().with(
            [](store::database& db) { return demo_step_done(db, class_seeded_key); }))
        return false;
    auto const hash = auth::hash_password(learner_password, params);
    data.write_side().write([&](store::database& db) { seed_class(db, hash); });
    log(log_level::info, "demo.class_seeded", {{"learners", std::to_string(learners.size())}});
    return true;
}

} // namespace phongthi::server
