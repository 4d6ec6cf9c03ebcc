#pragma once

namespace phongthi::server {

class router;
struct services;

/// Course sessions, check-in (điểm danh) and seating (docs/CLASSES.md, "Attendance" and
/// "Seating"): GET/POST /api/classes/{id}/sessions, DELETE /api/sessions/{id},
/// GET /api/sessions/{id}/attendance, POST /api/sessions/{id}/check-ins,
/// DELETE /api/sessions/{id}/check-ins/{user}, GET /api/classes/{id}/attendance,
/// POST /api/classes/{id}/seating, POST /api/classes/{id}/seats/{user}. Staff check in and
/// seat; administrators and lecturers plan sessions.
void add_attendance_routes(router& routes, services& shared);

} // namespace phongthi::server
