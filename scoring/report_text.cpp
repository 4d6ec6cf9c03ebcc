#include "scoring/report_text.hpp"

#include <utf8proc.h>

#include <cmath>
#include <cstdio>

namespace phongthi::scoring {

std::string decimal_text(double value, int decimals, char point) {
    if (!std::isfinite(value))
        return "—";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    if (std::size_t const dot = text.find('.'); dot != std::string::npos) {
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.')
            text.pop_back();
        else
            text[dot] = point;
    }
    return text == "-0" ? "0" : text;
}

std::string percent_text(double share, char point) {
    return std::isfinite(share) ? decimal_text(share * 100, 1, point) + "%" : "—";
}

std::string upper_case(std::string const& text) {
    std::string upper;
    auto const* bytes = reinterpret_cast<utf8proc_uint8_t const*>(text.data());
    for (std::size_t i = 0; i < text.size();) {
        utf8proc_int32_t code = 0;
        auto const length =
            utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(text.size() - i), &code);
        if (length <= 0) {
            upper += text[i++];
            continue;
        }
        utf8proc_uint8_t encoded[4];
        auto const written = utf8proc_encode_char(utf8proc_toupper(code), encoded);
        upper.append(reinterpret_cast<char const*>(encoded), static_cast<std::size_t>(written));
        i += static_cast<std::size_t>(length);
    }
    return upper;
}

std::string duration_text(std::int64_t ms) {
    if (ms < 0)
        return "";
    auto const two = [](std::int64_t n) { return (n < 10 ? "0" : "") + std::to_string(n); };
    std::int64_t const seconds = ms / 1000, hours = seconds / 3600, minutes = seconds / 60 % 60;
    return hours > 0 ? std::to_string(hours) + ":" + two(minutes) + ":" + two(seconds % 60)
                     : two(minutes) + ":" + two(seconds % 60);
}

} // namespace phongthi::scoring
