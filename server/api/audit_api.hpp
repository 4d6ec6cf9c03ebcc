#pragma once

namespace phongthi::server {

class router;
struct services;

/// The audit log for administrators, filtered and paged (docs/SECURITY.md, "Audit log").
void add_audit_routes(router& routes, services& shared);

} // namespace phongthi::server
