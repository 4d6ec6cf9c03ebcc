#include "server/api/class_scope.hpp"

#include "server/store/database.hpp"

#include <optional>

namespace phongthi::server::class_scope {

namespace {

/// The class of resource `id`; nullopt when it does not exist.
std::optional<std::int64_t> class_of(store::database& db, kind what, std::int64_t id) {
    char const* sql = nullptr;
    switch (what) {
    case kind::exam:
        sql = "SELECT class_id FROM exams WHERE id = ?1";
        break;
    case kind::attempt:
        sql = "SELECT e.class_id FROM attempts a JOIN exams e ON e.id = a.exam_id WHERE a.id = ?1";
        break;
    case kind::class_id:
        sql = "SELECT id FROM classes WHERE id = ?1";
        break;
    case kind::none:
        return std::nullopt;
    }
    auto query = db.prepare(sql);
    query.bind(1, id);
    if (!query.step())
        return std::nullopt;
    return query.column_int64(0);
}

} // namespace

kind of_pattern(std::vector<std::string> const& segments) {
    if (segments.size() < 3 || segments[0] != "api" || segments[2] != "{id}")
        return kind::none;
    if (segments[1] == "exams")
        return kind::exam;
    if (segments[1] == "attempts")
        return kind::attempt;
    if (segments[1] == "classes")
        return kind::class_id;
    return kind::none;
}

bool allows(store::database& db, user_record const& user, kind what, std::int64_t id) {
    if (what == kind::none || (user.user_role != role::lecturer && user.user_role != role::proctor))
        return true;
    auto const class_id = class_of(db, what, id);
    if (!class_id)
        return true;
    auto query = db.prepare("SELECT 1 FROM class_staff WHERE class_id = ?1 AND user_id = ?2");
    query.bind_all(*class_id, user.id);
    return query.step();
}

} // namespace phongthi::server::class_scope
