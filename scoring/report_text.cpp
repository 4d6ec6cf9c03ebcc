#include "scoring/report_text.hpp"

#include <utf8proc.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

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

std::string ascii_name(std::string const& text) {
    utf8proc_uint8_t* stripped = nullptr;
    auto const length =
        utf8proc_map(reinterpret_cast<utf8proc_uint8_t const*>(text.c_str()),
                     static_cast<utf8proc_ssize_t>(text.size()), &stripped,
                     static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK));
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(stripped, &std::free);
    std::string const plain =
        length < 0 ? text : std::string(reinterpret_cast<char const*>(stripped), length);
    std::string name;
    for (std::size_t i = 0; i < plain.size(); ++i) {
        auto const c = static_cast<unsigned char>(plain[i]);
        if (plain.compare(i, 2, "đ") == 0 || plain.compare(i, 2, "Đ") == 0) {
            name += plain[i + 1] == '\x91' ? 'd' : 'D';
            ++i;
        } else if (std::isalnum(c) || c == '-' || c == '_') {
            name += static_cast<char>(c);
        } else if (!name.empty() && name.back() != '-') {
            name += '-';
        }
    }
    while (!name.empty() && name.back() == '-')
        name.pop_back();
    return name;
}

std::string duration_text(std::int64_t ms) {
    if (ms < 0)
        return "";
    auto const two = [](std::int64_t n) { return (n < 10 ? "0" : "") + std::to_string(n); };
    std::int64_t const seconds = ms / 1000, hours = seconds / 3600, minutes = seconds / 60 % 60;
    return hours > 0 ? std::to_string(hours) + ":" + two(minutes) + ":" + two(seconds % 60)
                     : two(minutes) + ":" + two(seconds % 60);
}

std::string summary_value_text(summary_line const& line, char point) {
    switch (line.kind) {
    case summary_kind::score:
        return decimal_text(line.value, 2, point);
    case summary_kind::share:
        return percent_text(line.value, point);
    case summary_kind::count:
        break;
    }
    return decimal_text(line.value, 0, point);
}

} // namespace phongthi::scoring
