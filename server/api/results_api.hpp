#pragma once

namespace phongthi::server {

class router;
struct services;

/// Results, statistics, key corrections and reviews of exams (docs/EXAMS.md, "Results").
void add_results_routes(router& routes, services& shared);

} // namespace phongthi::server
