#include "server/auth/session_token.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string_view>

namespace phongthi::auth {

namespace {

constexpr std::size_t token_bytes = 32;
constexpr std::size_t password_group = 4;
constexpr std::string_view password_alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
// Bytes at or above this value are rejected so that `byte % alphabet size` is uniform.
constexpr unsigned password_byte_limit = 256 - 256 % password_alphabet.size();

template <std::size_t N> void fill_random(std::array<unsigned char, N>& bytes) {
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        throw std::runtime_error("RAND_bytes failed");
}

std::string base64url(unsigned char const* data, std::size_t size) {
    constexpr std::string_view digits =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    out.reserve((size * 4 + 2) / 3);
    std::size_t i = 0;
    for (; i + 3 <= size; i += 3) {
        unsigned const v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        out += digits[(v >> 18) & 63];
        out += digits[(v >> 12) & 63];
        out += digits[(v >> 6) & 63];
        out += digits[v & 63];
    }
    if (size - i == 1) {
        unsigned const v = data[i] << 16;
        out += digits[(v >> 18) & 63];
        out += digits[(v >> 12) & 63];
    } else if (size - i == 2) {
        unsigned const v = (data[i] << 16) | (data[i + 1] << 8);
        out += digits[(v >> 18) & 63];
        out += digits[(v >> 12) & 63];
        out += digits[(v >> 6) & 63];
    }
    return out;
}

} // namespace

std::string new_token() {
    std::array<unsigned char, token_bytes> bytes{};
    fill_random(bytes);
    auto token = base64url(bytes.data(), bytes.size());
    OPENSSL_cleanse(bytes.data(), bytes.size());
    return token;
}

std::string token_digest(std::string_view token) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(token.data(), token.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("token_digest: EVP_Digest failed");
    constexpr std::string_view hex = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

std::string random_password(int length) {
    if (length < 1)
        throw std::invalid_argument("random_password: length must be at least 1");
    auto const wanted = static_cast<std::size_t>(length);
    std::string out;
    out.reserve(wanted + (wanted - 1) / password_group);
    std::array<unsigned char, 64> bytes{};
    std::size_t produced = 0;
    while (produced < wanted) {
        fill_random(bytes);
        for (unsigned char const b : bytes) {
            if (b >= password_byte_limit)
                continue; // rejection sampling: no modulo bias
            if (produced > 0 && produced % password_group == 0)
                out += '-';
            out += password_alphabet[b % password_alphabet.size()];
            if (++produced == wanted)
                break;
        }
    }
    OPENSSL_cleanse(bytes.data(), bytes.size());
    return out;
}

} // namespace phongthi::auth
