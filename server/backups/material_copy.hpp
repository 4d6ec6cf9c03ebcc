#pragma once

#include <cstddef>
#include <filesystem>

/// Course-material files travel with the database backups: a backup's materials are the folder
/// "materials" next to the backup file. Stored materials never change once named (a new upload
/// gets a new name), so a name present in both folders is the same file.
namespace phongthi::server::material_copy {

/// The materials folder of a backup file: "materials" in the backup's folder.
std::filesystem::path beside(std::filesystem::path const& backup_file);

/// Adds to `to` (created if missing) each finished file of `from` that `to` lacks: a hard link
/// when both are on one file system, else a copy through a temporary file, flushed; uploads
/// still being written (".part") are left out. Returns how many were added; 0 when `from` does
/// not exist. Blocking file I/O, any thread but the storage writer and the network threads.
/// Throws std::filesystem::filesystem_error when a file cannot be added.
std::size_t add_missing(std::filesystem::path const& from, std::filesystem::path const& to);

} // namespace phongthi::server::material_copy
