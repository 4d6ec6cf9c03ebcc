#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace phongthi::store {
class data_store;
}

/// Encrypted answer files (docs/EXAMS.md, "Answer files"): the browser seals the file to the
/// server's P-256 key (ECDH with a fresh key of its own, HKDF-SHA256, AES-256-GCM), so that only
/// the server can read what a candidate carries to the proctor on a USB stick.
namespace phongthi::server::answer_file_crypto {

/// The outer format of a sealed file, and its algorithm name.
inline constexpr char const* sealed_format = "phongthi-answers-sealed";
inline constexpr char const* algorithm = "ECDH-P256+HKDF-SHA256+A256GCM";
/// HKDF's info: binds the derived key to this use.
inline constexpr char const* hkdf_info = "phongthi answer file v2";

/// The server's key: the private key (PEM, never leaves the server) and the public key as
/// base64 DER SubjectPublicKeyInfo, which every paper carries.
struct key_pair {
    std::string private_key_pem;
    std::string public_spki_base64;
};

/// A new P-256 key pair. Throws std::runtime_error when OpenSSL fails. Any thread.
key_pair generate();

/// The server's key, kept in server_settings ("answer_file_key") so that a restored backup on a
/// spare PC still opens the files sealed before; made on the first start. Start-up only (it
/// writes through the writer and waits).
key_pair load_or_create(store::data_store& store);

/// The additional authenticated data of a file for `exam` and `attempt`, so that a sealed file
/// cannot be passed off as another attempt's.
std::string associated_data(std::int64_t exam, std::int64_t attempt);

/// Opens a sealed file {format, version: 2, alg, exam, attempt, username, epk, iv, data} (epk:
/// the browser's public key, base64 SPKI; iv: 12 bytes; data: ciphertext and tag, base64) and
/// returns the plain answer file it holds; nullopt (with `bad_field` naming the member) when a
/// member is missing, malformed, or the file does not open with this key. Any thread.
std::optional<nlohmann::json> open(nlohmann::json const& sealed, key_pair const& key,
                                   std::string& bad_field);

/// Seals `plain` as the browser does (for tests and tools): a fresh ephemeral key and IV.
nlohmann::json seal(nlohmann::json const& plain, std::string const& public_spki_base64);

} // namespace phongthi::server::answer_file_crypto
