#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace phongthi::bank {

/// Standard base64 (with padding) of `bytes`.
std::string base64_encode(std::string_view bytes);
/// The bytes of standard base64 `text` (whitespace ignored); nullopt when it is not base64.
std::optional<std::string> base64_decode(std::string_view text);

} // namespace phongthi::bank
