#include "server/exams/exam_secret.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <cstdio>
#include <stdexcept>

namespace phongthi::server::exam_secret {

namespace {

using digest = std::array<unsigned char, 32>;

digest hmac(std::string_view key, std::string_view message) {
    digest out{};
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
              reinterpret_cast<unsigned char const*>(message.data()), message.size(), out.data(),
              &length))
        throw std::runtime_error("HMAC-SHA256 failed");
    return out;
}

std::uint64_t first_word(digest const& d) {
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i)
        value = (value << 8) | d[static_cast<std::size_t>(i)];
    return value & 0x7fff'ffff'ffff'ffffULL;
}

std::string code_of_period(std::string_view secret, std::int64_t period) {
    auto const word = first_word(hmac(secret, "start:" + std::to_string(period)));
    char text[8];
    std::snprintf(text, sizeof text, "%06u", static_cast<unsigned>(word % 1'000'000));
    return text;
}

} // namespace

std::string generate() {
    std::string secret(32, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(secret.data()),
                   static_cast<int>(secret.size())) != 1)
        throw std::runtime_error("no randomness for an exam secret");
    return secret;
}

std::string start_code(std::string_view secret, std::int64_t now) {
    return code_of_period(secret, now / start_code_period_ms);
}

std::int64_t start_code_period_end(std::int64_t now) {
    return (now / start_code_period_ms + 1) * start_code_period_ms;
}

bool accepts_start_code(std::string_view secret, std::string_view code, std::int64_t now) {
    auto const period = now / start_code_period_ms;
    return code == code_of_period(secret, period) || code == code_of_period(secret, period - 1);
}

std::uint64_t variant_seed(std::string_view secret, int index) {
    return first_word(hmac(secret, "variant:" + std::to_string(index)));
}

std::uint64_t random_seed() {
    digest bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        throw std::runtime_error("no randomness for a paper seed");
    return first_word(bytes);
}

} // namespace phongthi::server::exam_secret
