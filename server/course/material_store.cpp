#include "server/course/material_store.hpp"

#include "server/accounts/account_store.hpp"
#include "server/store/database.hpp"

#include <nlohmann/json.hpp>

namespace phongthi::server::material_store {

namespace {

constexpr std::string_view material_columns =
    "SELECT m.id, m.course_id, c.code, c.name, m.title, m.description, m.file_name, "
    "m.stored_name, m.kind, m.mime_type, m.size, m.sha256, u.username, m.uploaded_at "
    "FROM course_materials m JOIN courses c ON c.id = m.course_id "
    "LEFT JOIN users u ON u.id = m.uploaded_by ";

std::string material_text(store::statement const& row, int column) {
    return row.is_null(column) ? std::string() : row.column_text(column);
}

material_record read_material(store::statement const& row) {
    return {row.column_int64(0),    row.column_int64(1),  row.column_text(2),
            row.column_text(3),     row.column_text(4),   material_text(row, 5),
            row.column_text(6),     row.column_text(7),   row.column_text(8),
            row.column_text(9),     row.column_int64(10), row.column_text(11),
            material_text(row, 12), row.column_int64(13)};
}

std::vector<material_record> read_materials(store::statement& query) {
    std::vector<material_record> list;
    while (query.step())
        list.push_back(read_material(query));
    return list;
}

nlohmann::json material_audit_detail(material_record const& m) {
    return {{"course_id", m.course_id},
            {"title", m.title},
            {"file_name", m.file_name},
            {"size", m.size},
            {"sha256", m.sha256}};
}

} // namespace

std::vector<material_record> course_materials(store::database& db, std::int64_t course_id) {
    auto query = db.prepare(std::string(material_columns) +
                            "WHERE m.course_id = ?1 ORDER BY m.uploaded_at DESC, m.id DESC");
    query.bind(1, course_id);
    return read_materials(query);
}

std::optional<material_record> find_material(store::database& db, std::int64_t id) {
    auto query = db.prepare(std::string(material_columns) + "WHERE m.id = ?1");
    query.bind(1, id);
    if (!query.step())
        return std::nullopt;
    return read_material(query);
}

std::int64_t insert_material(store::database& db, material_record const& m, actor const& who,
                             std::int64_t now) {
    auto insert = db.prepare(
        "INSERT INTO course_materials (course_id, title, description, file_name, stored_name, "
        "kind, mime_type, size, sha256, uploaded_by, uploaded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    insert.bind_all(m.course_id, m.title);
    if (m.description.empty())
        insert.bind(3, nullptr);
    else
        insert.bind(3, m.description);
    insert.bind(4, m.file_name).bind(5, m.stored_name).bind(6, m.kind).bind(7, m.mime_type);
    insert.bind(8, m.size).bind(9, m.sha256).bind(11, now);
    if (who.user_id)
        insert.bind(10, *who.user_id);
    else
        insert.bind(10, nullptr);
    insert.run();
    std::int64_t const id = db.last_insert_rowid();
    account_store::append_audit(db, who, "material.upload", "material:" + std::to_string(id),
                                material_audit_detail(m).dump(), now);
    return id;
}

std::optional<material_record> delete_material(store::database& db, std::int64_t id,
                                               actor const& who, std::int64_t now) {
    auto found = find_material(db, id);
    if (!found)
        return std::nullopt;
    db.prepare("DELETE FROM course_materials WHERE id = ?1").bind_all(id).run();
    account_store::append_audit(db, who, "material.delete", "material:" + std::to_string(id),
                                material_audit_detail(*found).dump(), now);
    return found;
}

std::vector<material_record> learner_materials(store::database& db, std::int64_t user_id) {
    auto query =
        db.prepare(std::string(material_columns) +
                   "WHERE m.course_id IN (SELECT k.course_id FROM enrollments e JOIN classes k ON "
                   "k.id = e.class_id WHERE e.user_id = ?1 AND e.status = 'enrolled') "
                   "ORDER BY m.uploaded_at DESC, m.id DESC");
    query.bind(1, user_id);
    return read_materials(query);
}

bool enrolled_in_course(store::database& db, std::int64_t user_id, std::int64_t course_id) {
    auto query = db.prepare("SELECT 1 FROM enrollments e JOIN classes k ON k.id = e.class_id "
                            "WHERE e.user_id = ?1 AND k.course_id = ?2 AND e.status = 'enrolled'");
    query.bind(1, user_id).bind(2, course_id);
    return query.step();
}

bool in_exam(store::database& db, std::int64_t user_id) {
    auto query = db.prepare(
        "SELECT 1 FROM attempts a JOIN exams x ON x.id = a.exam_id WHERE a.user_id = ?1 AND "
        "a.state IN ('scheduled', 'open', 'in_progress') AND x.state = 'open' "
        "UNION ALL "
        "SELECT 1 FROM exams x JOIN enrollments e ON e.class_id = x.class_id WHERE "
        "e.user_id = ?1 AND e.status = 'enrolled' AND x.state = 'open' AND NOT EXISTS (SELECT 1 "
        "FROM attempts a WHERE a.exam_id = x.id AND a.user_id = ?1 AND a.state IN ('submitted', "
        "'auto_submitted', 'voided')) LIMIT 1");
    query.bind(1, user_id);
    return query.step();
}

} // namespace phongthi::server::material_store
