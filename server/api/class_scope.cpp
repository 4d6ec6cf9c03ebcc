#include "server/api/class_scope.hpp"

#include "server/store/database.hpp"

#include <optional>

namespace phongthi::server::class_scope {

namespace {

bool course_wide(kind what) {
    return what == kind::course || what == kind::material;
}

/// The class of resource `id`, or its course for course-wide kinds; nullopt when it does not
/// exist.
std::optional<std::int64_t> owner_of(store::database& db, kind what, std::int64_t id) {
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
    case kind::course:
        sql = "SELECT id FROM courses WHERE id = ?1";
        break;
    case kind::material:
        sql = "SELECT course_id FROM course_materials WHERE id = ?1";
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
    if (segments[1] == "courses")
        return kind::course;
    if (segments[1] == "materials")
        return kind::material;
    return kind::none;
}

std::string_view refusal_code(kind what) {
    return course_wide(what) ? "not_course_staff" : "not_class_staff";
}

bool allows(store::database& db, user_record const& user, kind what, std::int64_t id) {
    if (what == kind::none || (user.user_role != role::lecturer && user.user_role != role::proctor))
        return true;
    auto const owner = owner_of(db, what, id);
    if (!owner)
        return true;
    auto query = db.prepare(course_wide(what)
                                ? "SELECT 1 FROM class_staff s JOIN classes c ON c.id = s.class_id "
                                  "WHERE c.course_id = ?1 AND s.user_id = ?2"
                                : "SELECT 1 FROM class_staff WHERE class_id = ?1 AND user_id = ?2");
    query.bind_all(*owner, user.id);
    return query.step();
}

} // namespace phongthi::server::class_scope
