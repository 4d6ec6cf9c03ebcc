#include "bench/loadgen/bench_setup.hpp"

#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/auth/session_token.hpp"
#include "server/demo/demo.hpp"
#include "server/exams/exam_definition.hpp"
#include "server/exams/exam_secret.hpp"
#include "server/exams/exam_store.hpp"
#include "server/store/data_store.hpp"

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace phongthi::bench {

using namespace phongthi::server;

std::string candidate_username(int index) {
    char name[16];
    std::snprintf(name, sizeof name, "lg%05d", index);
    return name;
}

namespace {

/// The class of the load run and its learners; returns the class id. With `tokens` not null,
/// each learner gets a session valid for a day and its line "username token" in `tokens`.
std::int64_t insert_load_class(store::database& db, int candidates, std::string const& hash,
                               std::int64_t now, std::ostream* tokens) {
    db.exec("INSERT INTO courses (code, name, kind, starts_on, ends_on) VALUES ('LOADGEN', "
            "'Thử tải (phongthi-loadgen)', 'update', '2026-01-01', '2026-12-31')");
    auto const course = db.last_insert_rowid();
    db.prepare("INSERT INTO classes (course_id, code, name, starts_on, ends_on) VALUES "
               "(?1, 'LOADGEN', 'Lớp thử tải', '2026-01-01', '2026-12-31')")
        .bind_all(course)
        .run();
    auto const class_id = db.last_insert_rowid();
    db.prepare("INSERT INTO class_staff (class_id, user_id, duty) "
               "SELECT ?1, id, 'proctor' FROM users WHERE username = 'giamthi'")
        .bind_all(class_id)
        .run();
    auto enrol =
        db.prepare("INSERT INTO enrollments (class_id, user_id, list_number) VALUES (?1, ?2, ?3)");
    for (int i = 1; i <= candidates; ++i) {
        auto const id = account_store::insert_user(db,
                                                   {candidate_username(i),
                                                    "Thí sinh thử tải " + std::to_string(i),
                                                    role::candidate, std::nullopt, hash, false},
                                                   now);
        enrol.bind_all(class_id, id, i).run();
        if (tokens != nullptr) {
            auto const token = auth::new_token();
            account_store::insert_session(db, auth::token_digest(token), id, now,
                                          now + 24LL * 3600 * 1000, "127.0.0.1",
                                          "phongthi-loadgen setup");
            *tokens << candidate_username(i) << ' ' << token << '\n';
        }
    }
    return class_id;
}

} // namespace

std::int64_t prepare_load_data(std::filesystem::path const& data_dir, int candidates,
                               int duration_minutes, std::filesystem::path const& tokens_file) {
    store::data_store data(data_dir);
    auth::hash_params const production;
    seed_demo(data, production);
    if (data.read_side().with([](store::database& db) {
            return db.prepare("SELECT 1 FROM classes WHERE code = 'LOADGEN'").step();
        }))
        throw std::runtime_error(data_dir.string() + " is already prepared for a load run");
    auto const hash = auth::hash_password(candidate_password, production);
    std::ofstream tokens;
    if (!tokens_file.empty()) {
        tokens.open(tokens_file, std::ios::trunc);
        if (!tokens)
            throw std::runtime_error("cannot write " + tokens_file.string());
    }
    std::int64_t exam_id = 0;
    data.write_side().write([&](store::database& db) {
        auto const now = now_ms();
        auto const class_id =
            insert_load_class(db, candidates, hash, now, tokens.is_open() ? &tokens : nullptr);
        auto bank = db.prepare("SELECT id, owner_id FROM question_banks ORDER BY id LIMIT 1");
        if (!bank.step())
            throw std::logic_error("the demo bank is missing");
        exam_store::exam_record exam;
        exam.class_id = class_id;
        exam.title = "Bài thi thử tải";
        exam.settings = {{"duration_minutes", duration_minutes}};
        exam.secret = exam_secret::generate();
        exam_id = exam_store::insert_exam(db, exam, bank.column_int64(1), now);
        if (!publish_blueprint(db, exam_id, demo_blueprint(bank.column_int64(0)),
                               bank.column_int64(1), now)
                 .ok())
            throw std::logic_error("the demo bank cannot fill the load exam's blueprint");
        exam_store::set_exam_state(db, exam_id, "scheduled");
    });
    return exam_id;
}

} // namespace phongthi::bench
