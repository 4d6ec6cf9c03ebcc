#pragma once

#include "server/net/tls_identity.hpp"

#include <filesystem>
#include <optional>

namespace phongthi::server {

/// Where the server's certificate and key are, and whether they were just made.
struct tls_setup {
    tls_identity identity;
    std::filesystem::path certificate_file;
    std::filesystem::path key_file;
    bool created = false; ///< a self-signed certificate was made on this start
};

/// The admin's certificate and key when both files are given; else data_dir/tls/server.crt and
/// server.key, made self-signed (for this PC's LAN addresses, localhost and HOSTNAME.local) on
/// the first start and kept, the key readable by the owner only. Throws std::runtime_error
/// naming the file when one cannot be read or written, or the pair does not match. Startup only.
tls_setup load_or_create_tls(std::filesystem::path const& data_dir,
                             std::optional<std::filesystem::path> const& certificate_file,
                             std::optional<std::filesystem::path> const& key_file);

} // namespace phongthi::server
