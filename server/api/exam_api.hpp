#pragma once

namespace phongthi::server {

class router;
struct services;

/// Exams, blueprints, the proctor's controls and the candidate's exam list (docs/EXAMS.md).
void add_exam_routes(router& routes, services& shared);

} // namespace phongthi::server
