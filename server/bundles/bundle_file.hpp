#pragma once

#include "server/bundles/bundle_problem.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

/// The file of a signed result bundle (docs/DEPLOY.md, "Carrying results to the province"):
/// two lines of UTF-8 text. The first is the document, compact JSON {"header":{format, version,
/// server_key, exported_at, exam}, "body":{...}}; the second the detached Ed25519 signature of
/// the first line's exact bytes (without its newline) with what a reader needs to say what is
/// wrong: {format, version, alg, key (raw public key, base64), fingerprint, length, block,
/// blocks (the first 8 bytes of the SHA-256 of each block, hex), signature (base64)}.
namespace phongthi::server::bundle_file {

inline constexpr char const* format_name = "phongthi-results";
inline constexpr int format_version = 1;
/// The size of the blocks whose hashes locate a changed byte.
inline constexpr std::size_t block_bytes = 1024;

/// The header of a new document: {format, version, server_key, exported_at, exam:{id, title}}.
nlohmann::json header(std::string const& fingerprint, std::string const& exported_at,
                      std::int64_t exam_id, std::string const& exam_title);

/// The document line of `header` and `body`, header first.
std::string document_text(nlohmann::json const& header, nlohmann::json const& body);

/// The whole file: `document` (one line) signed with the Ed25519 private key PEM. Any thread.
std::string seal(std::string const& document, std::string const& private_pem);

/// A bundle that was read: the signer's fingerprint and the document, or what is wrong.
struct checked {
    std::optional<bundle_problem> problem;
    std::string fingerprint; ///< the signer's key, once the signature line could be read
    nlohmann::json document; ///< {"header", "body"} when the bundle is sound
};

/// Checks the file: complete, a known version, the signature of the document by the key it
/// names, the header naming that key, the signer `expected_fingerprint` (any form people type;
/// empty: any signer), and the body consistent (bundle_document::inconsistency). Any thread.
checked check(std::string const& file, std::string_view expected_fingerprint);

} // namespace phongthi::server::bundle_file
