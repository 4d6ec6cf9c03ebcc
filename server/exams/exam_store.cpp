#include "server/exams/exam_store.hpp"

#include "server/store/database.hpp"

namespace phongthi::server::exam_store {

namespace {

using json = nlohmann::json;
using store::statement;

std::optional<std::int64_t> optional_int(statement const& row, int column) {
    if (row.is_null(column))
        return std::nullopt;
    return row.column_int64(column);
}

template <class T> void bind_optional(statement& s, int index, std::optional<T> const& value) {
    if (value)
        s.bind(index, *value);
    else
        s.bind(index, nullptr);
}

json json_column(statement const& row, int column, json fallback) {
    if (row.is_null(column))
        return fallback;
    json value = json::parse(row.column_text(column), nullptr, false);
    return value.is_discarded() ? fallback : value;
}

constexpr std::string_view exam_columns =
    "id, class_id, title, state, settings, opens_at, closes_at, paused_at, started_at, room_id, "
    "published_blueprint_id, secret, created_at";

exam_record read_exam(statement const& row) {
    exam_record e;
    e.id = row.column_int64(0);
    e.class_id = row.column_int64(1);
    e.title = row.column_text(2);
    e.state = row.column_text(3);
    e.settings = json_column(row, 4, json::object());
    e.opens_at = optional_int(row, 5);
    e.closes_at = optional_int(row, 6);
    e.paused_at = optional_int(row, 7);
    e.started_at = optional_int(row, 8);
    e.room_id = optional_int(row, 9);
    e.published_blueprint_id = optional_int(row, 10);
    e.secret = row.is_null(11) ? std::string() : row.column_blob(11);
    e.created_at = row.column_int64(12);
    return e;
}

std::vector<exam_record> read_exams(statement& query) {
    std::vector<exam_record> exams;
    while (query.step())
        exams.push_back(read_exam(query));
    return exams;
}

constexpr std::string_view attempt_columns =
    "id, user_id, attempt_number, state, blueprint_id, paper_seed, variant_code, seat_id, "
    "started_at, deadline_at, paused_ms, extension_ms, paused_at, held, submitted_at, "
    "client_address, paper";

attempt_record read_attempt(statement const& row) {
    attempt_record a;
    a.id = row.column_int64(0);
    a.user_id = row.column_int64(1);
    a.attempt_number = static_cast<int>(row.column_int64(2));
    a.state = row.column_text(3);
    a.blueprint_id = optional_int(row, 4);
    a.paper_seed = static_cast<std::uint64_t>(row.column_int64(5));
    a.variant_code = row.column_text(6);
    a.seat_id = optional_int(row, 7);
    a.started_at = row.column_int64(8);
    a.deadline_at = row.column_int64(9);
    a.paused_ms = row.column_int64(10);
    a.extension_ms = row.column_int64(11);
    a.paused_at = optional_int(row, 12);
    a.held = row.column_int64(13) != 0;
    a.submitted_at = optional_int(row, 14);
    a.client_address = row.column_text(15);
    a.paper = json_column(row, 16, json::array());
    return a;
}

std::vector<int> read_choice(std::string const& text) {
    std::vector<int> choice;
    json value = json::parse(text, nullptr, false);
    if (value.is_array())
        for (auto const& index : value)
            if (index.is_number_integer())
                choice.push_back(index.get<int>());
    return choice;
}

} // namespace

std::vector<class_summary> list_classes(store::database& db) {
    auto query = db.prepare(
        "SELECT c.id, c.code, c.name, co.id, co.code, co.name, c.room_id, "
        "(SELECT COUNT(*) FROM enrollments e WHERE e.class_id = c.id AND e.status = 'enrolled') "
        "FROM classes c JOIN courses co ON co.id = c.course_id ORDER BY c.id DESC");
    std::vector<class_summary> classes;
    while (query.step())
        classes.push_back({query.column_int64(0), query.column_text(1), query.column_text(2),
                           query.column_int64(3), query.column_text(4), query.column_text(5),
                           optional_int(query, 6), query.column_int64(7)});
    return classes;
}

bool class_exists(store::database& db, std::int64_t class_id) {
    auto query = db.prepare("SELECT 1 FROM classes WHERE id = ?1");
    query.bind(1, class_id);
    return query.step();
}

std::int64_t insert_exam(store::database& db, exam_record const& exam,
                         std::optional<std::int64_t> author_id, std::int64_t now) {
    auto insert = db.prepare(
        "INSERT INTO exams (class_id, title, settings, opens_at, closes_at, room_id, secret, "
        "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    insert.bind_all(exam.class_id, exam.title, exam.settings.dump());
    bind_optional(insert, 4, exam.opens_at);
    bind_optional(insert, 5, exam.closes_at);
    bind_optional(insert, 6, exam.room_id);
    insert.bind_blob(7, exam.secret);
    bind_optional(insert, 8, author_id);
    insert.bind(9, now);
    insert.run();
    return db.last_insert_rowid();
}

bool update_exam(store::database& db, exam_record const& exam) {
    auto update = db.prepare("UPDATE exams SET title = ?2, settings = ?3, opens_at = ?4, "
                             "closes_at = ?5, room_id = ?6 WHERE id = ?1");
    update.bind_all(exam.id, exam.title, exam.settings.dump());
    bind_optional(update, 4, exam.opens_at);
    bind_optional(update, 5, exam.closes_at);
    bind_optional(update, 6, exam.room_id);
    update.run();
    return db.changes() > 0;
}

std::optional<exam_record> find_exam(store::database& db, std::int64_t id) {
    auto& query =
        db.cached("SELECT " + std::string(exam_columns) + " FROM exams WHERE id = ?1");
    query.reset();
    query.bind(1, id);
    if (!query.step())
        return std::nullopt;
    auto exam = read_exam(query);
    query.reset();
    return exam;
}

std::vector<exam_record> list_exams(store::database& db, std::optional<std::int64_t> class_id) {
    auto query = db.prepare("SELECT " + std::string(exam_columns) +
                            " FROM exams WHERE ?1 IS NULL OR class_id = ?1 ORDER BY id DESC");
    bind_optional(query, 1, class_id);
    return read_exams(query);
}

std::vector<exam_record> exams_in_state(store::database& db, std::string_view state) {
    auto query = db.prepare("SELECT " + std::string(exam_columns) +
                            " FROM exams WHERE state = ?1 ORDER BY id");
    query.bind(1, state);
    return read_exams(query);
}

std::vector<exam_record> exams_of_learner(store::database& db, std::int64_t user_id) {
    auto query = db.prepare(
        "SELECT " + std::string(exam_columns) +
        " FROM exams WHERE class_id IN (SELECT class_id FROM enrollments WHERE user_id = ?1 "
        "AND status = 'enrolled') AND state IN ('scheduled', 'open', 'closed') ORDER BY id DESC");
    query.bind(1, user_id);
    return read_exams(query);
}

void set_exam_state(store::database& db, std::int64_t exam_id, std::string_view state) {
    db.prepare("UPDATE exams SET state = ?2 WHERE id = ?1").bind_all(exam_id, state).run();
}

void set_exam_started(store::database& db, std::int64_t exam_id, std::int64_t started_at) {
    db.prepare("UPDATE exams SET started_at = ?2 WHERE id = ?1")
        .bind_all(exam_id, started_at)
        .run();
}

void set_exam_paused(store::database& db, std::int64_t exam_id,
                     std::optional<std::int64_t> paused_at) {
    auto update = db.prepare("UPDATE exams SET paused_at = ?2 WHERE id = ?1");
    update.bind(1, exam_id);
    bind_optional(update, 2, paused_at);
    update.run();
}

void set_published_blueprint(store::database& db, std::int64_t exam_id,
                             std::int64_t blueprint_id) {
    db.prepare("UPDATE exams SET published_blueprint_id = ?2 WHERE id = ?1")
        .bind_all(exam_id, blueprint_id)
        .run();
}

std::int64_t insert_blueprint(store::database& db, std::int64_t exam_id, json const& spec,
                              std::optional<std::int64_t> author_id, std::int64_t now) {
    auto insert = db.prepare(
        "INSERT INTO blueprints (exam_id, revision, spec, created_by, created_at) VALUES (?1, "
        "(SELECT COALESCE(MAX(revision), 0) + 1 FROM blueprints WHERE exam_id = ?1), ?2, ?3, ?4)");
    insert.bind_all(exam_id, spec.dump());
    bind_optional(insert, 3, author_id);
    insert.bind(4, now);
    insert.run();
    return db.last_insert_rowid();
}

namespace {

std::optional<blueprint_record> read_blueprint(statement& query) {
    if (!query.step())
        return std::nullopt;
    return blueprint_record{query.column_int64(0), static_cast<int>(query.column_int64(1)),
                            json_column(query, 2, json::object())};
}

} // namespace

std::optional<blueprint_record> find_blueprint(store::database& db, std::int64_t blueprint_id) {
    auto query = db.prepare("SELECT id, revision, spec FROM blueprints WHERE id = ?1");
    query.bind(1, blueprint_id);
    return read_blueprint(query);
}

std::optional<blueprint_record> latest_blueprint(store::database& db, std::int64_t exam_id) {
    auto query = db.prepare("SELECT id, revision, spec FROM blueprints WHERE exam_id = ?1 "
                            "ORDER BY revision DESC LIMIT 1");
    query.bind(1, exam_id);
    return read_blueprint(query);
}

std::vector<roster_entry> class_roster(store::database& db, std::int64_t class_id,
                                       std::optional<std::int64_t> room_id) {
    auto query = db.prepare(
        "SELECT u.id, u.username, u.full_name, COALESCE(un.name, ''), COALESCE(e.seat_label, ''), "
        "s.id, s.row, s.col, COALESCE(e.list_number, 0), COALESCE(s.host, '') "
        "FROM enrollments e JOIN users u ON u.id = e.user_id "
        "LEFT JOIN units un ON un.id = u.unit_id "
        "LEFT JOIN seats s ON s.label = e.seat_label "
        "AND s.room_id = COALESCE(?2, (SELECT room_id FROM classes WHERE id = ?1)) "
        "WHERE e.class_id = ?1 AND e.status = 'enrolled' AND u.role = 'candidate' "
        "ORDER BY COALESCE(e.list_number, 1e9), u.full_name, u.id");
    query.bind(1, class_id);
    bind_optional(query, 2, room_id);
    std::vector<roster_entry> roster;
    while (query.step()) {
        roster_entry r;
        r.user_id = query.column_int64(0);
        r.username = query.column_text(1);
        r.full_name = query.column_text(2);
        r.unit = query.column_text(3);
        r.seat_label = query.column_text(4);
        r.seat_id = optional_int(query, 5);
        if (r.seat_id) {
            r.seat_row = static_cast<int>(query.column_int64(6));
            r.seat_col = static_cast<int>(query.column_int64(7));
        }
        r.list_number = static_cast<int>(query.column_int64(8));
        r.seat_host = query.column_text(9);
        roster.push_back(std::move(r));
    }
    return roster;
}

bool is_enrolled(store::database& db, std::int64_t class_id, std::int64_t user_id) {
    auto query = db.prepare("SELECT 1 FROM enrollments WHERE class_id = ?1 AND user_id = ?2 "
                            "AND status = 'enrolled'");
    query.bind_all(class_id, user_id);
    return query.step();
}

std::vector<attempt_record> exam_attempts(store::database& db, std::int64_t exam_id) {
    auto query = db.prepare("SELECT " + std::string(attempt_columns) +
                            " FROM attempts WHERE exam_id = ?1 ORDER BY id");
    query.bind(1, exam_id);
    std::vector<attempt_record> attempts;
    while (query.step())
        attempts.push_back(read_attempt(query));
    return attempts;
}

std::optional<attempt_record> latest_attempt(store::database& db, std::int64_t exam_id,
                                             std::int64_t user_id) {
    auto query = db.prepare("SELECT " + std::string(attempt_columns) +
                            " FROM attempts WHERE exam_id = ?1 AND user_id = ?2 "
                            "ORDER BY id DESC LIMIT 1");
    query.bind_all(exam_id, user_id);
    if (!query.step())
        return std::nullopt;
    return read_attempt(query);
}

std::optional<attempt_record> find_attempt(store::database& db, std::int64_t attempt_id) {
    auto query = db.prepare("SELECT " + std::string(attempt_columns) +
                            " FROM attempts WHERE id = ?1");
    query.bind(1, attempt_id);
    if (!query.step())
        return std::nullopt;
    return read_attempt(query);
}

std::optional<std::int64_t> exam_of_attempt(store::database& db, std::int64_t attempt_id) {
    auto query = db.prepare("SELECT exam_id FROM attempts WHERE id = ?1");
    query.bind(1, attempt_id);
    if (!query.step())
        return std::nullopt;
    return query.column_int64(0);
}

std::vector<answer_record> attempt_answers(store::database& db, std::int64_t attempt_id) {
    auto query = db.prepare("SELECT position, choice, seq, flagged, saved_at FROM answers "
                            "WHERE attempt_id = ?1 ORDER BY position");
    query.bind(1, attempt_id);
    std::vector<answer_record> answers;
    while (query.step())
        answers.push_back({attempt_id, static_cast<int>(query.column_int64(0)),
                           read_choice(query.column_text(1)), query.column_int64(2),
                           query.column_int64(3) != 0, query.column_int64(4)});
    return answers;
}

void insert_attempt(store::database& db, std::int64_t exam_id, attempt_record const& a) {
    auto insert = db.prepare(
        "INSERT INTO attempts (exam_id, user_id, attempt_number, state, blueprint_id, paper_seed, "
        "variant_code, seat_id, started_at, deadline_at, paused_ms, extension_ms, paused_at, held, "
        "client_address, paper, id) VALUES (?1, ?2, ?3, 'in_progress', ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    insert.bind_all(exam_id, a.user_id, a.attempt_number);
    bind_optional(insert, 4, a.blueprint_id);
    insert.bind(5, static_cast<std::int64_t>(a.paper_seed));
    if (a.variant_code.empty())
        insert.bind(6, nullptr);
    else
        insert.bind(6, a.variant_code);
    bind_optional(insert, 7, a.seat_id);
    insert.bind(8, a.started_at);
    insert.bind(9, a.deadline_at);
    insert.bind(10, a.paused_ms);
    insert.bind(11, a.extension_ms);
    bind_optional(insert, 12, a.paused_at);
    insert.bind(13, a.held ? 1 : 0);
    insert.bind(14, a.client_address);
    insert.bind(15, a.paper.dump());
    insert.bind(16, a.id);
    insert.run();
}

std::int64_t max_attempt_id(store::database& db) {
    auto query = db.prepare("SELECT COALESCE(MAX(id), 0) FROM attempts");
    query.step();
    return query.column_int64(0);
}

bool save_answer(store::database& db, answer_record const& answer) {
    auto& upsert = db.cached(
        "INSERT INTO answers (attempt_id, position, choice, seq, saved_at, flagged) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (attempt_id, position) DO UPDATE SET "
        "choice = excluded.choice, seq = excluded.seq, saved_at = excluded.saved_at, "
        "flagged = excluded.flagged WHERE excluded.seq > answers.seq");
    upsert.reset();
    upsert.bind_all(answer.attempt_id, answer.position, json(answer.choice).dump(), answer.seq,
                    answer.saved_at, answer.flagged ? 1 : 0);
    upsert.run();
    return db.changes() > 0;
}

void save_clock(store::database& db, std::int64_t attempt_id, attempt_clock_row const& clock) {
    auto update = db.prepare("UPDATE attempts SET deadline_at = ?2, paused_ms = ?3, "
                             "extension_ms = ?4, paused_at = ?5, held = ?6 WHERE id = ?1");
    update.bind_all(attempt_id, clock.deadline_at, clock.paused_ms, clock.extension_ms);
    bind_optional(update, 5, clock.paused_at);
    update.bind(6, clock.held ? 1 : 0);
    update.run();
}

void set_attempt_state(store::database& db, std::int64_t attempt_id, std::string_view state,
                       std::optional<std::int64_t> submitted_at) {
    auto update =
        db.prepare("UPDATE attempts SET state = ?2, submitted_at = COALESCE(?3, submitted_at) "
                   "WHERE id = ?1");
    update.bind_all(attempt_id, state);
    bind_optional(update, 3, submitted_at);
    update.run();
}

void set_attempt_address(store::database& db, std::int64_t attempt_id, std::string_view address) {
    db.prepare("UPDATE attempts SET client_address = ?2 WHERE id = ?1")
        .bind_all(attempt_id, address)
        .run();
}

void add_event(store::database& db, std::int64_t attempt_id, std::string_view kind,
               json const& detail, std::optional<std::int64_t> by_user_id,
               std::string_view address, std::int64_t at) {
    auto& insert =
        db.cached("INSERT INTO attempt_events (attempt_id, at, kind, detail, by_user_id, address) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.reset();
    insert.bind_all(attempt_id, at, kind);
    if (detail.is_null())
        insert.bind(4, nullptr);
    else
        insert.bind(4, detail.dump());
    bind_optional(insert, 5, by_user_id);
    insert.bind(6, address);
    insert.run();
}

std::vector<event_record> attempt_events(store::database& db, std::int64_t attempt_id) {
    auto query = db.prepare("SELECT at, kind, detail, by_user_id, COALESCE(address, '') FROM "
                            "attempt_events WHERE attempt_id = ?1 ORDER BY at, id");
    query.bind(1, attempt_id);
    std::vector<event_record> events;
    while (query.step())
        events.push_back({query.column_int64(0), query.column_text(1),
                          json_column(query, 2, json()), optional_int(query, 3),
                          query.column_text(4)});
    return events;
}

} // namespace phongthi::server::exam_store
