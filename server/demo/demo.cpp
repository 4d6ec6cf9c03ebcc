#include "server/demo/demo.hpp"

#include "question-bank/json_bank.hpp"
#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/banks/bank_store.hpp"
#include "server/demo/demo_class.hpp"
#include "server/exams/exam_definition.hpp"
#include "server/exams/exam_secret.hpp"
#include "server/log.hpp"
#include "server/store/data_store.hpp"

#include <stdexcept>

namespace phongthi::server {

namespace {

constexpr std::string_view seeded_key = "demo_seeded";

struct demo_person {
    demo_account account;
    role user_role;
    std::string_view unit_code;
};

std::vector<demo_person> demo_people() {
    return {
        {{"admin", "quantri2026", "admin", "Nguyễn Văn Quản"}, role::admin, "BTC"},
        {{"giangvien", "giangvien2026", "lecturer", "Trần Thị Giảng"}, role::lecturer, "TRUONG-CT"},
        {{"giamthi", "giamthi2026", "proctor", "Lê Văn Giám"}, role::proctor, "TRUONG-CT"},
        {{"thisinh01", "thisinh2026", "candidate", "Phạm Thị Hoa"}, role::candidate, "CB-VP"},
        {{"thisinh02", "thisinh2026", "candidate", "Hoàng Văn Nam"}, role::candidate, "CB-VP"},
        {{"thisinh03", "thisinh2026", "candidate", "Đặng Thị Thu Hằng"}, role::candidate, "CB-YT"},
    };
}

std::int64_t insert_units(store::database& db, std::int64_t now) {
    std::int64_t const province =
        account_store::insert_unit(db, "DBK", "Đảng bộ Khối các cơ quan tỉnh", std::nullopt, now);
    account_store::insert_unit(db, "BTC", "Ban Tổ chức Tỉnh ủy", std::nullopt, now);
    account_store::insert_unit(db, "TRUONG-CT", "Trường Chính trị tỉnh", std::nullopt, now);
    account_store::insert_unit(db, "CB-VP", "Chi bộ Văn phòng Sở Nội vụ", province, now);
    account_store::insert_unit(db, "CB-YT", "Chi bộ Sở Y tế", province, now);
    return province;
}

std::int64_t insert_class(store::database& db) {
    db.exec("INSERT INTO courses (code, name, kind, starts_on, ends_on) VALUES ('DVM-2026', "
            "'Lớp bồi dưỡng lý luận chính trị cho đảng viên mới', 'new_member', '2026-11-16', "
            "'2026-11-27')");
    std::int64_t const course = db.last_insert_rowid();
    db.exec("INSERT INTO rooms (name, rows, cols) VALUES ('Phòng máy 1', 5, 10)");
    std::int64_t const room = db.last_insert_rowid();
    // Seats A1..A10 in the front row, then B1.., as the room's plan labels them.
    auto seat = db.prepare("INSERT INTO seats (room_id, row, col, label) VALUES (?1, ?2, ?3, ?4)");
    for (int row = 0; row < 5; ++row)
        for (int col = 0; col < 10; ++col) {
            seat.bind_all(room, row, col,
                          std::string(1, static_cast<char>('A' + row)) + std::to_string(col + 1));
            seat.run();
        }
    db.prepare("INSERT INTO classes (course_id, code, name, room_id, starts_on, ends_on) VALUES "
               "(?1, 'K01', 'Đảng viên mới khoá 1 năm 2026', ?2, '2026-11-16', '2026-11-27')")
        .bind_all(course, room)
        .run();
    return db.last_insert_rowid();
}

/// A published 30-minute exam of 7 questions over the demo bank, ready for the proctor to open.
void insert_exam(store::database& db, std::int64_t class_id, std::int64_t bank_id,
                 std::int64_t lecturer_id, std::int64_t now) {
    exam_store::exam_record exam;
    exam.class_id = class_id;
    exam.title = "Kiểm tra cuối khoá (thử)";
    exam.settings = {{"duration_minutes", 30}};
    exam.secret = exam_secret::generate();
    auto const exam_id = exam_store::insert_exam(db, exam, lecturer_id, now);
    if (!publish_blueprint(db, exam_id, demo_blueprint(bank_id), lecturer_id, now).ok())
        throw std::logic_error("the demo bank cannot fill the demo exam's blueprint");
    exam_store::set_exam_state(db, exam_id, "scheduled");
}

void seed(store::database& db, std::vector<demo_person> const& people,
          std::vector<std::string> const& hashes, bank::bank_import const& bank) {
    std::int64_t const now = now_ms();
    insert_units(db, now);
    std::int64_t const class_id = insert_class(db);
    std::int64_t lecturer_id = 0;
    int list_number = 0;
    for (std::size_t i = 0; i < people.size(); ++i) {
        auto const& person = people[i];
        auto const unit = account_store::find_unit(db, person.unit_code);
        std::int64_t const id = account_store::insert_user(
            db,
            {person.account.username, person.account.full_name, person.user_role,
             unit ? std::optional(unit->id) : std::nullopt, hashes[i], false},
            now);
        if (person.user_role == role::candidate) {
            ++list_number;
            db.prepare("INSERT INTO enrollments (class_id, user_id, list_number, seat_label) "
                       "VALUES (?1, ?2, ?3, ?4)")
                .bind_all(class_id, id, list_number, "A" + std::to_string(list_number))
                .run();
        } else if (person.user_role != role::admin) {
            db.prepare("INSERT INTO class_staff (class_id, user_id, duty) VALUES (?1, ?2, ?3)")
                .bind_all(class_id, id, role_key(person.user_role))
                .run();
            if (person.user_role == role::lecturer)
                lecturer_id = id;
        }
    }
    auto const bank_id =
        bank_store::insert_bank(db, bank.name, bank.description, lecturer_id, bank.questions, now);
    insert_exam(db, class_id, bank_id, lecturer_id, now);
    db.prepare("INSERT INTO server_settings (key, value, updated_at) VALUES (?1, 'true', ?2)")
        .bind_all(seeded_key, now)
        .run();
    account_store::append_audit(db, actor{std::nullopt, "demo", "local"}, "demo.seed", "", "", now);
}

} // namespace

bool demo_step_done(store::database& db, std::string_view key) {
    auto query = db.prepare("SELECT 1 FROM server_settings WHERE key = ?1");
    query.bind(1, key);
    return query.step();
}

nlohmann::json demo_blueprint(std::int64_t bank_id) {
    return {{"bank_ids", {bank_id}},
            {"cells",
             {{{"topic", "Điều lệ Đảng"}, {"level", "nhan_biet"}, {"count", 2}, {"points", 1.5}},
              {{"topic", "Lịch sử Đảng"}, {"level", "nhan_biet"}, {"count", 2}, {"points", 1.5}},
              {{"topic", ""}, {"level", "thong_hieu"}, {"count", 2}, {"points", 1.5}},
              {{"topic", ""}, {"level", "van_dung"}, {"count", 1}, {"points", 1}}}},
            {"shuffle_questions", true},
            {"shuffle_options", true}};
}

std::vector<demo_account> seed_demo(store::data_store& data, auth::hash_params const& params) {
    auto const people = demo_people();
    std::vector<demo_account> accounts;
    for (auto const& person : people)
        accounts.push_back(person.account);
    if (!data.read_side().with(
            [](store::database& db) { return demo_step_done(db, seeded_key); })) {
        auto const bank = bank::read_json_bank(demo_bank_json(), "demo_bank.json");
        if (!bank.problems.empty())
            throw std::logic_error(
                "the embedded demo bank has problems: " + bank.problems.front().field + ": " +
                bank.problems.front().message_en);
        std::vector<std::string> hashes;
        for (auto const& person : people)
            hashes.push_back(auth::hash_password(person.account.password, params));
        data.write_side().write([&](store::database& db) { seed(db, people, hashes, bank); });
        log(log_level::info, "demo.seeded", {{"questions", std::to_string(bank.questions.size())}});
    }
    // Also into a demo directory made before the class existed.
    seed_demo_class(data, params);
    return accounts;
}

} // namespace phongthi::server
