#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace phongthi::store {
class data_store;
class database;
} // namespace phongthi::store

/// The server's Ed25519 signing key (docs/DEPLOY.md, "Carrying results to the province"): it
/// signs result bundles so that another server, or the provincial office, can check where they
/// come from. Kept in server_settings ("result_bundle_key"), so backups keep it. Public keys
/// travel as the 32 raw bytes; people compare fingerprints.
namespace phongthi::server::signing_key {

/// A new Ed25519 private key, PEM (PKCS#8). Throws std::runtime_error when OpenSSL fails.
std::string generate();

/// This server's key, made and stored on first use. Start-up and CLI only (writes and waits).
std::string load_or_create(store::data_store& store);

/// Replaces this server's key with a new one (after a copied database or a lost server PC, so
/// that bundles signed with the old key can be told apart); `also` runs in the same write (the
/// audit row). Returns the new private key PEM. CLI only, with the data directory locked.
std::string rotate(store::data_store& store, std::function<void(store::database&)> const& also);

/// The 32 raw bytes of the public key of a private key PEM. Throws when it is not Ed25519.
std::string public_key_of(std::string const& private_pem);

/// The 64-byte Ed25519 signature of `message`. Any thread.
std::string sign(std::string const& private_pem, std::string_view message);

/// Whether `signature` is the signature of `message` by the raw public key. Any thread.
bool verify(std::string const& public_raw, std::string_view message, std::string const& signature);

/// SHA-256 of the raw public key, as 32 upper-case hex pairs joined by ':'.
std::string fingerprint(std::string const& public_raw);

/// A fingerprint as people type it (any case, with or without ':' or spaces, an optional
/// "SHA256:" prefix) in the form fingerprint() writes; empty when it is not 32 hex bytes.
std::string normalized_fingerprint(std::string_view text);

/// The public key as a PEM SubjectPublicKeyInfo, to hand to the office.
std::string public_pem(std::string const& public_raw);

/// The raw public key of an Ed25519 public key PEM; nullopt when it is not one.
std::optional<std::string> public_from_pem(std::string const& pem);

} // namespace phongthi::server::signing_key
