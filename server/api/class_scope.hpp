#pragma once

#include "server/accounts/user.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::store {
class database;
}

/// Lecturers and proctors act only on the classes they are staff of (class_staff, any duty);
/// admins act on every class. A route's class is found from its first {id}: an exam's, an
/// attempt's exam's, or the class itself. Course routes (its materials) are open to the staff of
/// any class of the course.
namespace phongthi::server::class_scope {

/// What the first {id} of a route pattern names.
enum class kind { none, exam, attempt, class_id, course, material };

/// The kind of `/api/exams/{id}…`, `/api/attempts/{id}…`, `/api/classes/{id}…`,
/// `/api/courses/{id}…` and `/api/materials/{id}…` patterns (split into segments, "api" first);
/// none for every other route.
kind of_pattern(std::vector<std::string> const& segments);

/// The error code of a refusal by allows(): not_course_staff for course and material routes,
/// not_class_staff for the others.
std::string_view refusal_code(kind what);

/// Whether `user` may act on the resource `id` of `what`. Admins and candidates always may (a
/// candidate's own checks are the handler's); a lecturer or proctor may when they are staff of
/// its class, or when there is no such resource (the handler then answers 404). On a read
/// connection.
bool allows(store::database& db, user_record const& user, kind what, std::int64_t id);

} // namespace phongthi::server::class_scope
