#pragma once

namespace phongthi::server {

class router;
struct services;

/// The administrator's account and unit management:
/// GET/POST /api/users, POST /api/users/{id}/password|disable|enable, GET/POST /api/units.
void add_admin_routes(router& routes, services& shared);

} // namespace phongthi::server
