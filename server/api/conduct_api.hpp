#pragma once

namespace phongthi::server {

class router;
struct services;

/// Conduct grades and closing courses (docs/COURSE.md): GET /api/classes/{id}/conduct,
/// PUT /api/classes/{id}/conduct/{user}, POST /api/classes/{id}/conduct/fill (lecturers and
/// administrators); POST /api/courses/{id}/close and /reopen (administrators).
void add_conduct_routes(router& routes, services& shared);

} // namespace phongthi::server
