#pragma once

namespace phongthi::server {

class router;
struct services;

/// "Backup now" for administrators: make, list and download database backups.
void add_backup_routes(router& routes, services& shared);

} // namespace phongthi::server
