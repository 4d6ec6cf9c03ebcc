#pragma once

namespace phongthi::server {

class router;
struct services;

/// Report downloads of exams, the report settings and the JSON check of a certificate's code
/// (docs/REPORTS.md). Reports are built on the background pool shared with password hashing, so
/// neither a network thread nor the storage writer renders a PDF.
void add_report_routes(router& routes, services& shared);

} // namespace phongthi::server
