#include "scoring/report_text.hpp"

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

std::string duration_text(std::int64_t ms) {
    if (ms < 0)
        return "";
    auto const two = [](std::int64_t n) { return (n < 10 ? "0" : "") + std::to_string(n); };
    std::int64_t const seconds = ms / 1000, hours = seconds / 3600, minutes = seconds / 60 % 60;
    return hours > 0 ? std::to_string(hours) + ":" + two(minutes) + ":" + two(seconds % 60)
                     : two(minutes) + ":" + two(seconds % 60);
}

} // namespace phongthi::scoring
