#include "server/exams/answer_file_crypto.hpp"

#include "question-bank/base64.hpp"
#include "server/keys/stored_key.hpp"
#include "server/net/openssl_handle.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

namespace phongthi::server::answer_file_crypto {

namespace {

using json = nlohmann::json;

using pkey_ptr = openssl_handle<EVP_PKEY, EVP_PKEY_free>;
using pkey_ctx_ptr = openssl_handle<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using cipher_ctx_ptr = openssl_handle<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>;
using bio_ptr = openssl_handle<BIO, BIO_free_all>;

constexpr std::size_t iv_bytes = 12;
constexpr std::size_t tag_bytes = 16;
constexpr std::size_t key_bytes = 32;
constexpr std::string_view hkdf_salt = "phongthi-answers";
constexpr char const* setting_key = "answer_file_key";

void require(bool ok, char const* what) {
    if (!ok)
        throw std::runtime_error(std::string("answer file key: ") + what + " failed");
}

unsigned char const* bytes(std::string const& s) {
    return reinterpret_cast<unsigned char const*>(s.data());
}

std::string spki_of(EVP_PKEY* key) {
    int const size = i2d_PUBKEY(key, nullptr);
    require(size > 0, "i2d_PUBKEY");
    std::string der(static_cast<std::size_t>(size), '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    require(i2d_PUBKEY(key, &out) == size, "i2d_PUBKEY");
    return der;
}

/// A P-256 public key from DER SPKI; null when it is not one.
pkey_ptr public_key_of(std::string const& der) {
    auto const* in = bytes(der);
    pkey_ptr key(d2i_PUBKEY(nullptr, &in, static_cast<long>(der.size())));
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC ||
        EVP_PKEY_get_bits(key.get()) != 256)
        return nullptr;
    return key;
}

pkey_ptr private_key_of(std::string const& pem) {
    bio_ptr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    require(bio != nullptr, "BIO_new_mem_buf");
    pkey_ptr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    require(key != nullptr, "PEM_read_bio_PrivateKey");
    return key;
}

/// ECDH(own, peer), then HKDF-SHA256 to an AES-256 key; empty when the peer key is unusable.
std::string derive_key(EVP_PKEY* own, EVP_PKEY* peer) {
    pkey_ctx_ptr ctx(EVP_PKEY_CTX_new(own, nullptr));
    std::size_t length = 0;
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) <= 0 ||
        EVP_PKEY_derive_set_peer(ctx.get(), peer) <= 0 ||
        EVP_PKEY_derive(ctx.get(), nullptr, &length) <= 0)
        return {};
    std::string secret(length, '\0');
    if (EVP_PKEY_derive(ctx.get(), reinterpret_cast<unsigned char*>(secret.data()), &length) <= 0)
        return {};
    secret.resize(length);

    openssl_handle<EVP_KDF, EVP_KDF_free> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
    require(kdf != nullptr, "EVP_KDF_fetch");
    openssl_handle<EVP_KDF_CTX, EVP_KDF_CTX_free> kctx(EVP_KDF_CTX_new(kdf.get()));
    require(kctx != nullptr, "EVP_KDF_CTX_new");
    std::string salt(hkdf_salt);
    std::string info(hkdf_info);
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, secret.data(), secret.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt.data(), salt.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), info.size()),
        OSSL_PARAM_construct_end()};
    std::string key(key_bytes, '\0');
    require(EVP_KDF_derive(kctx.get(), reinterpret_cast<unsigned char*>(key.data()), key.size(),
                           params) == 1,
            "HKDF");
    return key;
}

/// AES-256-GCM of `text` (ciphertext then tag, as WebCrypto writes it).
std::string encrypt(std::string const& key, std::string const& iv, std::string const& aad,
                    std::string const& text) {
    cipher_ctx_ptr ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    std::string out(text.size() + tag_bytes, '\0');
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    require(
        ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, iv_bytes, nullptr) == 1 &&
            EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(iv)) == 1 &&
            EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytes(aad),
                              static_cast<int>(aad.size())) == 1 &&
            EVP_EncryptUpdate(ctx.get(), o, &length, bytes(text), static_cast<int>(text.size())) ==
                1 &&
            EVP_EncryptFinal_ex(ctx.get(), o + length, &length) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, tag_bytes, o + text.size()) == 1,
        "AES-GCM encrypt");
    return out;
}

/// The plain text of `data` (ciphertext then tag); nullopt when it does not authenticate.
std::optional<std::string> decrypt(std::string const& key, std::string const& iv,
                                   std::string const& aad, std::string const& data) {
    if (data.size() < tag_bytes)
        return std::nullopt;
    std::size_t const text_size = data.size() - tag_bytes;
    std::string tag = data.substr(text_size);
    std::string out(text_size, '\0');
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    cipher_ctx_ptr ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    bool const ok =
        ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, iv_bytes, nullptr) == 1 &&
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(iv)) == 1 &&
        EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytes(aad), static_cast<int>(aad.size())) ==
            1 &&
        EVP_DecryptUpdate(ctx.get(), o, &length, bytes(data), static_cast<int>(text_size)) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, tag_bytes, tag.data()) == 1 &&
        EVP_DecryptFinal_ex(ctx.get(), o + length, &length) == 1;
    if (!ok)
        return std::nullopt;
    return out;
}

/// A base64 string member, decoded; nullopt when absent or not base64.
std::optional<std::string> decoded(json const& object, char const* name) {
    auto const found = object.find(name);
    if (found == object.end() || !found->is_string())
        return std::nullopt;
    return bank::base64_decode(found->get<std::string>());
}

} // namespace

key_pair generate() {
    pkey_ptr key(EVP_EC_gen("P-256"));
    require(key != nullptr, "EVP_EC_gen");
    bio_ptr out(BIO_new(BIO_s_mem()));
    require(out && PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                            nullptr) == 1,
            "PEM_write_bio_PrivateKey");
    char* data = nullptr;
    long const size = BIO_get_mem_data(out.get(), &data);
    return {std::string(data, static_cast<std::size_t>(size)),
            bank::base64_encode(spki_of(key.get()))};
}

key_pair load_or_create(store::data_store& store) {
    auto const pem =
        stored_key::load_or_create(store, setting_key, [] { return generate().private_key_pem; });
    auto const key = private_key_of(pem);
    return {pem, bank::base64_encode(spki_of(key.get()))};
}

std::string associated_data(std::int64_t exam, std::int64_t attempt) {
    return "phongthi-answers:" + std::to_string(exam) + ":" + std::to_string(attempt);
}

std::optional<json> open(json const& sealed, key_pair const& key, std::string& bad_field) {
    auto const fail = [&](char const* field) {
        bad_field = field;
        return std::nullopt;
    };
    auto const exam = sealed.find("exam");
    auto const attempt = sealed.find("attempt");
    if (exam == sealed.end() || !exam->is_number_integer())
        return fail("exam");
    if (attempt == sealed.end() || !attempt->is_number_integer())
        return fail("attempt");
    if (auto const alg = sealed.find("alg"); alg == sealed.end() || *alg != algorithm)
        return fail("alg");
    auto const epk = decoded(sealed, "epk");
    pkey_ptr peer = epk ? public_key_of(*epk) : nullptr;
    if (!peer)
        return fail("epk");
    auto const iv = decoded(sealed, "iv");
    if (!iv || iv->size() != iv_bytes)
        return fail("iv");
    auto const data = decoded(sealed, "data");
    if (!data)
        return fail("data");
    auto const own = private_key_of(key.private_key_pem);
    auto const aes_key = derive_key(own.get(), peer.get());
    if (aes_key.empty())
        return fail("epk");
    auto const plain =
        decrypt(aes_key, *iv,
                associated_data(exam->get<std::int64_t>(), attempt->get<std::int64_t>()), *data);
    if (!plain)
        return fail("data");
    auto inner = json::parse(*plain, nullptr, false);
    if (inner.is_discarded() || !inner.is_object())
        return fail("data");
    // The sealed header and the file inside must name the same attempt.
    if (inner.value("exam", json()) != *exam || inner.value("attempt", json()) != *attempt)
        return fail("attempt");
    return inner;
}

json seal(json const& plain, std::string const& public_spki_base64) {
    auto const server_der = bank::base64_decode(public_spki_base64);
    pkey_ptr server = server_der ? public_key_of(*server_der) : nullptr;
    require(server != nullptr, "server public key");
    pkey_ptr ephemeral(EVP_EC_gen("P-256"));
    require(ephemeral != nullptr, "EVP_EC_gen");
    std::string iv(iv_bytes, '\0');
    require(RAND_bytes(reinterpret_cast<unsigned char*>(iv.data()), iv_bytes) == 1, "RAND_bytes");
    auto const exam = plain.at("exam").get<std::int64_t>();
    auto const attempt = plain.at("attempt").get<std::int64_t>();
    auto const data = encrypt(derive_key(ephemeral.get(), server.get()), iv,
                              associated_data(exam, attempt), plain.dump());
    return {{"format", sealed_format},
            {"version", 2},
            {"alg", algorithm},
            {"exam", exam},
            {"attempt", attempt},
            {"username", plain.value("username", "")},
            {"epk", bank::base64_encode(spki_of(ephemeral.get()))},
            {"iv", bank::base64_encode(iv)},
            {"data", bank::base64_encode(data)}};
}

} // namespace phongthi::server::answer_file_crypto
