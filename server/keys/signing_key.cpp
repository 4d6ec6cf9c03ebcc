#include "server/keys/signing_key.hpp"

#include "server/keys/stored_key.hpp"
#include "server/net/openssl_handle.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include <cctype>
#include <stdexcept>

namespace phongthi::server::signing_key {

namespace {

using pkey_ptr = openssl_handle<EVP_PKEY, EVP_PKEY_free>;
using md_ctx_ptr = openssl_handle<EVP_MD_CTX, EVP_MD_CTX_free>;
using bio_ptr = openssl_handle<BIO, BIO_free_all>;

constexpr char const* bundle_setting = "result_bundle_key";
constexpr std::size_t public_bytes = 32;
constexpr std::size_t signature_bytes = 64;

void require_ok(bool ok, char const* what) {
    if (!ok)
        throw std::runtime_error(std::string("signing key: ") + what + " failed");
}

unsigned char const* as_bytes(std::string_view s) {
    return reinterpret_cast<unsigned char const*>(s.data());
}

std::string pem_text(BIO* bio) {
    char* data = nullptr;
    long const size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

pkey_ptr read_private(std::string const& pem) {
    bio_ptr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    require_ok(bio != nullptr, "BIO_new_mem_buf");
    pkey_ptr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    require_ok(key && EVP_PKEY_get_base_id(key.get()) == EVP_PKEY_ED25519,
               "reading the Ed25519 key");
    return key;
}

pkey_ptr public_of_raw(std::string const& raw) {
    if (raw.size() != public_bytes)
        return nullptr;
    return pkey_ptr(
        EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, as_bytes(raw), raw.size()));
}

} // namespace

std::string generate() {
    pkey_ptr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    require_ok(key != nullptr, "EVP_PKEY_Q_keygen");
    bio_ptr out(BIO_new(BIO_s_mem()));
    require_ok(out && PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                               nullptr) == 1,
               "PEM_write_bio_PrivateKey");
    return pem_text(out.get());
}

std::string load_or_create(store::data_store& store) {
    return stored_key::load_or_create(store, bundle_setting, generate);
}

std::string rotate(store::data_store& store, std::function<void(store::database&)> const& also) {
    auto fresh = generate();
    stored_key::replace(store, bundle_setting, fresh, also);
    return fresh;
}

std::string public_key_of(std::string const& private_pem) {
    auto const key = read_private(private_pem);
    std::string raw(public_bytes, '\0');
    std::size_t length = raw.size();
    require_ok(EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(raw.data()),
                                           &length) == 1 &&
                   length == public_bytes,
               "EVP_PKEY_get_raw_public_key");
    return raw;
}

std::string sign(std::string const& private_pem, std::string_view message) {
    auto const key = read_private(private_pem);
    md_ctx_ptr ctx(EVP_MD_CTX_new());
    std::string signature(signature_bytes, '\0');
    std::size_t length = signature.size();
    require_ok(ctx && EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
                   EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()),
                                  &length, as_bytes(message), message.size()) == 1,
               "EVP_DigestSign");
    signature.resize(length);
    return signature;
}

bool verify(std::string const& public_raw, std::string_view message, std::string const& signature) {
    auto const key = public_of_raw(public_raw);
    md_ctx_ptr ctx(EVP_MD_CTX_new());
    return key && ctx && signature.size() == signature_bytes &&
           EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
           EVP_DigestVerify(ctx.get(), as_bytes(signature), signature.size(), as_bytes(message),
                            message.size()) == 1;
}

std::string fingerprint(std::string const& public_raw) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(as_bytes(public_raw), public_raw.size(), digest);
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string text;
    for (unsigned char const byte : digest) {
        if (!text.empty())
            text += ':';
        text += {digits[byte >> 4], digits[byte & 0x0f]};
    }
    return text;
}

std::string normalized_fingerprint(std::string_view text) {
    if (text.size() >= 7 && (text.substr(0, 7) == "SHA256:" || text.substr(0, 7) == "sha256:"))
        text.remove_prefix(7);
    std::string hex;
    for (char const c : text) {
        if (c == ':' || c == ' ')
            continue;
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return {};
        hex += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (hex.size() != 2 * SHA256_DIGEST_LENGTH)
        return {};
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2)
        out += (i ? ":" : "") + hex.substr(i, 2);
    return out;
}

std::string public_pem(std::string const& public_raw) {
    auto const key = public_of_raw(public_raw);
    bio_ptr out(BIO_new(BIO_s_mem()));
    require_ok(key && out && PEM_write_bio_PUBKEY(out.get(), key.get()) == 1,
               "PEM_write_bio_PUBKEY");
    return pem_text(out.get());
}

std::optional<std::string> public_from_pem(std::string const& pem) {
    bio_ptr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    pkey_ptr key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519)
        return std::nullopt;
    std::string raw(public_bytes, '\0');
    std::size_t length = raw.size();
    if (EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char*>(raw.data()),
                                    &length) != 1 ||
        length != public_bytes)
        return std::nullopt;
    return raw;
}

} // namespace phongthi::server::signing_key
