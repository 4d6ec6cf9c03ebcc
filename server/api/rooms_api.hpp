#pragma once

namespace phongthi::server {

class router;
struct services;

/// Rooms and their seat layouts, and PCs bound to seats (docs/CLASSES.md, "Rooms" and "PC-bound
/// seats"): GET/POST /api/rooms, GET/PUT/DELETE /api/rooms/{id}, POST /api/rooms/{id}/pc (this
/// PC to a seat), POST /api/exams/{id}/candidates/{user}/approve-pc. Administrators edit rooms;
/// every staff member reads them and binds PCs.
void add_rooms_routes(router& routes, services& shared);

} // namespace phongthi::server
