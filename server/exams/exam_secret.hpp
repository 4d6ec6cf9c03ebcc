#pragma once

#include <cstdint>
#include <string>
#include <string_view>

/// What an exam derives from its 32-byte secret: the start code the proctor projects and the
/// seeds of its fixed paper variants. Nothing derived reveals the secret.
namespace phongthi::server::exam_secret {

/// How long one start code lives; the previous one is still accepted.
constexpr std::int64_t start_code_period_ms = 5 * 60 * 1000;

/// 32 fresh random bytes.
std::string generate();

/// The six-digit start code valid during the period that contains `now`.
std::string start_code(std::string_view secret, std::int64_t now);
/// When the period that contains `now` ends (ms): the next code shows from then on.
std::int64_t start_code_period_end(std::int64_t now);
/// Whether `code` is the current or the previous period's code.
bool accepts_start_code(std::string_view secret, std::string_view code, std::int64_t now);

/// The paper seed of variant `index` (0-based).
std::uint64_t variant_seed(std::string_view secret, int index);
/// A fresh random seed for one candidate's own paper (63 bits, so it fits SQLite's INTEGER).
std::uint64_t random_seed();

} // namespace phongthi::server::exam_secret
