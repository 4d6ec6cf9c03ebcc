#pragma once

#include <string>
#include <string_view>

namespace phongthi::auth {

/// A new session token: 32 bytes (256 bits) from the OpenSSL CSPRNG, base64url without padding
/// (43 characters). Give it to the client once and store only token_digest() of it.
/// Throws std::runtime_error if the RNG fails. Any thread.
std::string new_token();

/// SHA-256 of `token` as 64 lowercase hex characters: the form a session token is stored and
/// looked up in, so a leaked database does not leak live sessions. Any thread.
std::string token_digest(std::string_view token);

/// A random initial password for printing on a login card: `length` characters from an
/// alphabet of lowercase letters and digits without look-alikes (no 0 o 1 l i), grouped by
/// four with '-' between groups, e.g. random_password(8) == "kx7m-q3fa". About 4.95 bits per
/// character. Throws std::invalid_argument if length < 1, std::runtime_error if the RNG
/// fails. Any thread.
std::string random_password(int length);

} // namespace phongthi::auth
