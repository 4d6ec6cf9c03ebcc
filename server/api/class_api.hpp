#pragma once

namespace phongthi::server {

class router;
struct services;

/// Courses, classes, their staff and enrollments, and roster import (docs/CLASSES.md):
/// GET/POST /api/courses, PUT /api/courses/{id}, POST /api/classes,
/// GET/PUT /api/classes/{id}, POST /api/classes/{id}/enrollments,
/// POST /api/classes/{id}/enrollments/{user}/withdraw, POST /api/classes/{id}/staff,
/// DELETE /api/classes/{id}/staff/{user}/{duty}, POST /api/classes/{id}/roster.
/// Administrators write; lecturers and proctors read. GET /api/classes is in exam_api.
void add_class_routes(router& routes, services& shared);

} // namespace phongthi::server
