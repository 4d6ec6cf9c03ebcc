#pragma once

#include <filesystem>

namespace phongthi::store {

/// fsync of `file`, so its bytes are on the disk. Throws std::system_error naming it. Any thread.
void sync_file(std::filesystem::path const& file);

/// fsync of `directory`, which makes a rename or a new name in it durable. Throws
/// std::system_error naming it. Any thread.
void sync_directory(std::filesystem::path const& directory);

} // namespace phongthi::store
