#pragma once

#include <filesystem>

namespace phongthi::server {

/// Logs a warning (`data.readable_by_others`, with the mode) when other users of this PC may
/// enter the data directory or read the database: it holds password hashes, answer keys and
/// this server's signing key. phongthi itself creates every file with umask 077.
void warn_if_data_dir_is_shared(std::filesystem::path const& data_dir);

} // namespace phongthi::server
