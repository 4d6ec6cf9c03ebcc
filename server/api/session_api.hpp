#pragma once

namespace phongthi::server {

class router;
struct services;

/// Sessions, seen and ended by their owner and by administrators:
/// GET /api/me/sessions, POST /api/me/sessions/revoke-others,
/// POST /api/users/{id}/sessions/revoke and POST /api/sessions/revoke-all (admin).
/// Revoked sessions also lose their open WebSockets (session_keeper).
void add_session_routes(router& routes, services& shared);

} // namespace phongthi::server
