#pragma once

namespace phongthi::server {

class router;
struct services;

/// Feedback surveys of exams (docs/COURSE.md). Lecturers and administrators:
/// GET/PUT /api/exams/{id}/survey, POST /api/exams/{id}/survey/close and /reopen,
/// GET /api/exams/{id}/survey/report[?format=csv]. Candidates: GET /api/my/surveys,
/// POST /api/exams/{id}/survey/answers (once, after submitting; stored without their identity).
void add_survey_routes(router& routes, services& shared);

} // namespace phongthi::server
