#pragma once

namespace phongthi::server {

class router;
struct services;

/// POST /api/login, POST /api/logout, GET /api/me, POST /api/me/password.
void add_auth_routes(router& routes, services& shared);

} // namespace phongthi::server
