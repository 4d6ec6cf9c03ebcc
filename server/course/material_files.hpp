#pragma once

#include <filesystem>
#include <string>
#include <string_view>

/// The files of course materials under <data>/materials/: named by the server (a random token and
/// the kind's extension), never by the uploader. Any thread; blocking file I/O, so not on a
/// network thread.
namespace phongthi::server::material_files {

/// <data directory>/materials.
std::filesystem::path directory_of(std::filesystem::path const& data_directory);

/// Writes `bytes` under `directory` (created if missing) through a temporary file and a rename,
/// flushed to disk; returns the stored name. Throws std::runtime_error when it cannot.
std::string store(std::filesystem::path const& directory, std::string_view bytes,
                  std::string_view kind);

/// The stored file's bytes; throws std::runtime_error when it cannot be read.
std::string read(std::filesystem::path const& directory, std::string const& stored_name);

/// Removes the stored file (nothing when it is already gone).
void remove(std::filesystem::path const& directory, std::string const& stored_name);

/// The uploaded name made safe to show and to name a download: no folders, no control
/// characters or quotes, at most 150 bytes of whole UTF-8 characters; "tai-lieu" when nothing
/// is left.
std::string clean_file_name(std::string_view name);

} // namespace phongthi::server::material_files
