#include "server/classes/class_store.hpp"

#include "server/store/database.hpp"

namespace phongthi::server::class_store {

namespace {

using store::statement;

std::string text_or_empty(statement const& row, int column) {
    return row.is_null(column) ? std::string() : row.column_text(column);
}

std::int64_t id_or_zero(statement const& row, int column) {
    return row.is_null(column) ? 0 : row.column_int64(column);
}

/// Binds `text`, or NULL when it is empty.
void bind_text_or_null(statement& query, int index, std::string_view text) {
    if (text.empty())
        query.bind(index, nullptr);
    else
        query.bind(index, text);
}

/// Binds `id`, or NULL when it is 0.
void bind_id_or_null(statement& query, int index, std::int64_t id) {
    if (id == 0)
        query.bind(index, nullptr);
    else
        query.bind(index, id);
}

constexpr std::string_view course_query =
    "SELECT id, code, name, kind, starts_on, ends_on, closed_at FROM courses ";

course_record read_course(statement const& row) {
    return {row.column_int64(0),   row.column_text(1),    row.column_text(2), row.column_text(3),
            text_or_empty(row, 4), text_or_empty(row, 5), id_or_zero(row, 6)};
}

constexpr std::string_view class_query =
    "SELECT c.id, co.id, co.code, co.name, co.closed_at, c.code, c.name, c.room_id, r.name, "
    "c.unit_id, n.code, "
    "c.starts_on, c.ends_on, "
    "(SELECT COUNT(*) FROM enrollments e WHERE e.class_id = c.id AND e.status = 'enrolled') "
    "FROM classes c JOIN courses co ON co.id = c.course_id LEFT JOIN rooms r ON r.id = c.room_id "
    "LEFT JOIN units n ON n.id = c.unit_id ";

class_record read_class(statement const& row) {
    return {row.column_int64(0),    row.column_int64(1),    row.column_text(2),
            row.column_text(3),     id_or_zero(row, 4),     row.column_text(5),
            row.column_text(6),     id_or_zero(row, 7),     text_or_empty(row, 8),
            id_or_zero(row, 9),     text_or_empty(row, 10), text_or_empty(row, 11),
            text_or_empty(row, 12), row.column_int64(13)};
}

/// Binds ?2.. with the fields of a class in the column order of insert_class/update_class.
void bind_class_fields(statement& query, class_fields const& fields) {
    query.bind(2, fields.course_id).bind(3, fields.code).bind(4, fields.name);
    bind_id_or_null(query, 5, fields.room_id);
    bind_id_or_null(query, 6, fields.unit_id);
    bind_text_or_null(query, 7, fields.starts_on);
    bind_text_or_null(query, 8, fields.ends_on);
}

} // namespace

std::vector<course_record> list_courses(store::database& db) {
    auto query = db.prepare(std::string(course_query) + "ORDER BY id DESC");
    std::vector<course_record> courses;
    while (query.step())
        courses.push_back(read_course(query));
    return courses;
}

std::optional<course_record> find_course(store::database& db, std::int64_t id) {
    auto query = db.prepare(std::string(course_query) + "WHERE id = ?1");
    query.bind(1, id);
    if (!query.step())
        return std::nullopt;
    return read_course(query);
}

std::int64_t insert_course(store::database& db, course_record const& course) {
    auto insert = db.prepare(
        "INSERT INTO courses (code, name, kind, starts_on, ends_on) VALUES (?1, ?2, ?3, ?4, ?5)");
    insert.bind_all(course.code, course.name, course.kind);
    bind_text_or_null(insert, 4, course.starts_on);
    bind_text_or_null(insert, 5, course.ends_on);
    insert.run();
    return db.last_insert_rowid();
}

bool update_course(store::database& db, course_record const& course) {
    auto update = db.prepare("UPDATE courses SET code = ?2, name = ?3, kind = ?4, starts_on = ?5, "
                             "ends_on = ?6 WHERE id = ?1");
    update.bind_all(course.id, course.code, course.name, course.kind);
    bind_text_or_null(update, 5, course.starts_on);
    bind_text_or_null(update, 6, course.ends_on);
    update.run();
    return db.changes() > 0;
}

std::vector<class_record> list_classes(store::database& db) {
    auto query = db.prepare(std::string(class_query) + "ORDER BY c.id DESC");
    std::vector<class_record> classes;
    while (query.step())
        classes.push_back(read_class(query));
    return classes;
}

std::optional<class_record> find_class(store::database& db, std::int64_t id) {
    auto query = db.prepare(std::string(class_query) + "WHERE c.id = ?1");
    query.bind(1, id);
    if (!query.step())
        return std::nullopt;
    return read_class(query);
}

std::int64_t insert_class(store::database& db, class_fields const& fields) {
    auto insert = db.prepare("INSERT INTO classes (course_id, code, name, room_id, unit_id, "
                             "starts_on, ends_on) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    bind_class_fields(insert, fields);
    insert.run();
    return db.last_insert_rowid();
}

bool update_class(store::database& db, std::int64_t id, class_fields const& fields) {
    auto update = db.prepare("UPDATE classes SET course_id = ?2, code = ?3, name = ?4, "
                             "room_id = ?5, unit_id = ?6, starts_on = ?7, ends_on = ?8 "
                             "WHERE id = ?1");
    update.bind(1, id);
    bind_class_fields(update, fields);
    update.run();
    return db.changes() > 0;
}

std::vector<enrollment_record> class_enrollments(store::database& db, std::int64_t class_id) {
    auto query = db.prepare(
        "SELECT u.id, u.username, e.list_number, u.full_name, u.birth_date, u.gender, u.unit_id, "
        "u.position, u.phone, n.code, n.name, e.seat_label, e.conduct_grade, e.status, "
        "u.must_change_password FROM enrollments e JOIN users u ON u.id = e.user_id "
        "LEFT JOIN units n ON n.id = u.unit_id WHERE e.class_id = ?1 "
        "ORDER BY e.status, e.list_number IS NULL, e.list_number, u.full_name");
    query.bind(1, class_id);
    std::vector<enrollment_record> learners;
    while (query.step()) {
        enrollment_record e;
        e.user_id = query.column_int64(0);
        e.username = query.column_text(1);
        e.list_number = static_cast<int>(id_or_zero(query, 2));
        e.profile = {query.column_text(3), text_or_empty(query, 4), text_or_empty(query, 5),
                     id_or_zero(query, 6), text_or_empty(query, 7), text_or_empty(query, 8)};
        e.unit_code = text_or_empty(query, 9);
        e.unit_name = text_or_empty(query, 10);
        e.seat_label = text_or_empty(query, 11);
        e.conduct_grade = text_or_empty(query, 12);
        e.status = query.column_text(13);
        e.must_change_password = query.column_int64(14) != 0;
        learners.push_back(std::move(e));
    }
    return learners;
}

std::vector<staff_record> class_staff(store::database& db, std::int64_t class_id) {
    auto query = db.prepare("SELECT u.id, u.username, u.full_name, s.duty FROM class_staff s "
                            "JOIN users u ON u.id = s.user_id WHERE s.class_id = ?1 "
                            "ORDER BY s.duty, u.full_name");
    query.bind(1, class_id);
    std::vector<staff_record> staff;
    while (query.step())
        staff.push_back({query.column_int64(0), query.column_text(1), query.column_text(2),
                         query.column_text(3)});
    return staff;
}

void enroll(store::database& db, std::int64_t class_id, std::int64_t user_id, int list_number) {
    auto upsert = db.prepare(
        "INSERT INTO enrollments (class_id, user_id, list_number, status) VALUES (?1, ?2, "
        "COALESCE(?3, (SELECT COALESCE(MAX(list_number), 0) + 1 FROM enrollments "
        "WHERE class_id = ?1)), 'enrolled') "
        "ON CONFLICT (class_id, user_id) DO UPDATE SET status = 'enrolled', "
        "list_number = COALESCE(?3, list_number)");
    upsert.bind_all(class_id, user_id);
    bind_id_or_null(upsert, 3, list_number);
    upsert.run();
}

bool withdraw(store::database& db, std::int64_t class_id, std::int64_t user_id) {
    db.prepare("UPDATE enrollments SET status = 'withdrawn' WHERE class_id = ?1 AND user_id = ?2 "
               "AND status = 'enrolled'")
        .bind_all(class_id, user_id)
        .run();
    return db.changes() > 0;
}

void add_staff(store::database& db, std::int64_t class_id, std::int64_t user_id,
               std::string_view duty) {
    db.prepare("INSERT OR IGNORE INTO class_staff (class_id, user_id, duty) VALUES (?1, ?2, ?3)")
        .bind_all(class_id, user_id, duty)
        .run();
}

bool remove_staff(store::database& db, std::int64_t class_id, std::int64_t user_id,
                  std::string_view duty) {
    db.prepare("DELETE FROM class_staff WHERE class_id = ?1 AND user_id = ?2 AND duty = ?3")
        .bind_all(class_id, user_id, duty)
        .run();
    return db.changes() > 0;
}

void set_profile(store::database& db, std::int64_t user_id, learner_profile const& profile,
                 std::int64_t now) {
    auto update = db.prepare("UPDATE users SET full_name = ?2, birth_date = ?3, gender = ?4, "
                             "unit_id = ?5, position = ?6, phone = ?7, updated_at = ?8 "
                             "WHERE id = ?1");
    update.bind_all(user_id, profile.full_name);
    bind_text_or_null(update, 3, profile.birth_date);
    bind_text_or_null(update, 4, profile.gender);
    bind_id_or_null(update, 5, profile.unit_id);
    bind_text_or_null(update, 6, profile.position);
    bind_text_or_null(update, 7, profile.phone);
    update.bind(8, now).run();
}

std::int64_t user_id_by_name(store::database& db, std::string_view username) {
    auto query = db.prepare("SELECT id FROM users WHERE username = ?1");
    query.bind(1, username);
    return query.step() ? query.column_int64(0) : 0;
}

std::vector<room_record> list_rooms(store::database& db) {
    auto query = db.prepare("SELECT id, name FROM rooms ORDER BY name");
    std::vector<room_record> rooms;
    while (query.step())
        rooms.push_back({query.column_int64(0), query.column_text(1)});
    return rooms;
}

} // namespace phongthi::server::class_store
