#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// Backups of the database that an administrator makes from the browser: files
/// phongthi-YYYYMMDD-HHMMSS.db (UTC) in the folder "backups" of the data directory.
namespace phongthi::server::backup_files {

/// One backup file.
struct backup_info {
    std::string name;
    std::uintmax_t bytes = 0;
    std::int64_t modified_ms = 0;
    std::size_t materials_added = 0; ///< course-material files newly copied beside it
};

/// Whether `name` is a backup file name this module writes (nothing else is ever served).
bool valid_name(std::string_view name);

/// Copies the database `database_file` into `folder` (created if missing) as a consistent,
/// checked snapshot named after `now_ms`; a second backup in the same second gets "-2", "-3"...
/// Then adds the course materials the folder lacks to its "materials" (material_copy).
/// Blocking; any thread but the storage writer. Throws on failure, leaving no partial file.
backup_info create(std::filesystem::path const& database_file, std::filesystem::path const& folder,
                   std::int64_t now_ms);

/// The backups in `folder`, newest first; empty when there is no folder. Any thread.
std::vector<backup_info> list(std::filesystem::path const& folder);

/// Deletes the oldest backups in `folder` beyond the newest `keep` and returns their names. Only
/// files with a valid backup name are counted or deleted. Any thread.
std::vector<std::string> prune(std::filesystem::path const& folder, std::size_t keep);

/// The path of backup `name` in `folder`, when the name is valid and the file exists.
std::optional<std::filesystem::path> find(std::filesystem::path const& folder,
                                          std::string_view name);

} // namespace phongthi::server::backup_files
