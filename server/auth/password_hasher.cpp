#include "server/auth/password_hasher.hpp"

#include <argon2.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <string>

namespace phongthi::auth {

namespace {

// Bounds on the costs verify_password accepts, so a corrupted stored string cannot make one
// login allocate gigabytes or run for minutes. Far above anything hash_password is given.
constexpr std::uint32_t max_verify_memory_kib = 1024 * 1024;
constexpr std::uint32_t max_verify_iterations = 64;
constexpr std::uint32_t max_verify_parallelism = 16;

struct encoded_header {
    std::uint32_t version = 0;
    hash_params params;
};

// Consumes `literal` from the front of `text`.
bool eat(std::string_view& text, std::string_view literal) {
    if (!text.starts_with(literal))
        return false;
    text.remove_prefix(literal.size());
    return true;
}

// Consumes a decimal number from the front of `text`.
bool eat_number(std::string_view& text, std::uint32_t& value) {
    auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end == text.data())
        return false;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    return true;
}

// Reads "$argon2id$v=V$m=M,t=T,p=P$salt$hash"; salt and hash are only checked to be non-empty
// here, argon2 itself decodes them.
std::optional<encoded_header> parse_header(std::string_view text) {
    encoded_header h;
    if (!eat(text, "$argon2id$v=") || !eat_number(text, h.version) || !eat(text, "$m=") ||
        !eat_number(text, h.params.memory_kib) || !eat(text, ",t=") ||
        !eat_number(text, h.params.iterations) || !eat(text, ",p=") ||
        !eat_number(text, h.params.parallelism) || !eat(text, "$"))
        return std::nullopt;
    auto const dollar = text.find('$');
    if (dollar == 0 || dollar == std::string_view::npos || dollar + 1 == text.size() ||
        text.find('$', dollar + 1) != std::string_view::npos)
        return std::nullopt;
    return h;
}

} // namespace

std::string hash_password(std::string_view password, hash_params const& params) {
    std::array<unsigned char, salt_bytes> salt{};
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
        throw std::runtime_error("hash_password: RAND_bytes failed");

    auto const length = argon2_encodedlen(params.iterations, params.memory_kib, params.parallelism,
                                          salt.size(), digest_bytes, Argon2_id);
    std::string encoded(length, '\0');
    int const rc = argon2id_hash_encoded(params.iterations, params.memory_kib, params.parallelism,
                                         password.data(), password.size(), salt.data(), salt.size(),
                                         digest_bytes, encoded.data(), encoded.size());
    if (rc != ARGON2_OK)
        throw std::runtime_error(std::string("hash_password: ") + argon2_error_message(rc));
    // argon2_encodedlen counts the terminating NUL and may overestimate: cut at the first NUL.
    encoded.resize(std::char_traits<char>::length(encoded.c_str()));
    return encoded;
}

bool verify_password(std::string_view password, std::string_view encoded) noexcept {
    auto const header = parse_header(encoded);
    if (!header || header->version != ARGON2_VERSION_13 ||
        header->params.memory_kib > max_verify_memory_kib ||
        header->params.iterations > max_verify_iterations ||
        header->params.parallelism > max_verify_parallelism)
        return false;
    try {
        std::string const terminated(encoded); // argon2 wants a NUL-terminated string
        return argon2id_verify(terminated.c_str(), password.data(), password.size()) == ARGON2_OK;
    } catch (...) { // std::bad_alloc: treat as a failed verification, as documented
        return false;
    }
}

bool needs_rehash(std::string_view encoded, hash_params const& params) noexcept {
    auto const header = parse_header(encoded);
    return !header || header->version != ARGON2_VERSION_13 ||
           header->params.memory_kib != params.memory_kib ||
           header->params.iterations != params.iterations ||
           header->params.parallelism != params.parallelism;
}

} // namespace phongthi::auth
