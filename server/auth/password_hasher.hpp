#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace phongthi::auth {

/// Argon2id cost parameters. The defaults are OWASP's minimum for Argon2id (19 MiB, 2 passes,
/// 1 lane); tests may pass cheaper values such as {.memory_kib = 1024, .iterations = 1}.
struct hash_params {
    std::uint32_t memory_kib = 19456;
    std::uint32_t iterations = 2;
    std::uint32_t parallelism = 1;
};

/// Bytes of random salt drawn for every hash.
inline constexpr std::size_t salt_bytes = 16;
/// Bytes of Argon2id output stored in the encoded string.
inline constexpr std::size_t digest_bytes = 32;

/// Hashes a password with Argon2id and a fresh random salt; returns the PHC string
/// ("$argon2id$v=19$m=...,t=...,p=...$salt$hash") to store. Slow on purpose (tens of ms with the
/// defaults): call it from a hash_pool worker, never from a network thread. Thread-safe.
/// Throws std::runtime_error if the parameters are invalid or the RNG or Argon2 allocation fails.
std::string hash_password(std::string_view password, hash_params const& params = {});

/// True when `password` matches the stored PHC string `encoded`. Never throws: a malformed
/// string, a non-Argon2id string or one whose costs exceed sane bounds (a corrupted row)
/// yields false. As slow as hash_password: call it from a hash_pool worker. Thread-safe.
bool verify_password(std::string_view password, std::string_view encoded) noexcept;

/// True when `encoded` was not made with exactly `params` (or cannot be read), so the caller
/// should store a new hash after the next successful login. Cheap; any thread.
bool needs_rehash(std::string_view encoded, hash_params const& params = {}) noexcept;

} // namespace phongthi::auth
