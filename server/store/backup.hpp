#pragma once

#include <filesystem>

namespace phongthi::store {

/// Copies the SQLite database `source` to `target` with SQLite's online backup API while a
/// server may keep writing to it. The copy is one consistent snapshot (the moment the backup
/// began, for a WAL source), in rollback-journal mode so it is a single self-contained file, and
/// it has passed PRAGMA integrity_check. It is written beside `target` under a temporary name
/// and renamed over `target` only when complete, so a failed backup leaves no partial file.
/// Throws sqlite_error, std::filesystem::filesystem_error or std::runtime_error on failure.
/// Blocking (seconds for a large file); call from any thread except the storage writer.
void backup_database(std::filesystem::path const& source, std::filesystem::path const& target);

} // namespace phongthi::store
