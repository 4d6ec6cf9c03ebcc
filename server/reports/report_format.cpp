#include "server/reports/report_format.hpp"

#include <utf8proc.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <memory>

namespace phongthi::server::report_format {

namespace {

std::chrono::year_month_day day_in_vietnam(std::int64_t ms) {
    using namespace std::chrono;
    return year_month_day{floor<days>(sys_time<milliseconds>(milliseconds(ms) + hours(7)))};
}

std::string two_digits(unsigned n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

/// `text` decomposed with its combining marks dropped (ế → e); "" when it is not UTF-8.
std::string without_marks(std::string_view text) {
    utf8proc_uint8_t* mapped = nullptr;
    auto const length =
        utf8proc_map(reinterpret_cast<utf8proc_uint8_t const*>(text.data()),
                     static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                     static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK));
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> const owned(mapped, &std::free);
    if (length < 0)
        return "";
    return {reinterpret_cast<char const*>(mapped), static_cast<std::size_t>(length)};
}

/// Percent-encodes every byte outside RFC 5987's attr-char.
std::string percent_encoded(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char const raw : text) {
        auto const c = static_cast<unsigned char>(raw);
        bool const plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') ||
                           std::string_view("!#$&+-.^_`|~").find(raw) != std::string_view::npos;
        if (plain) {
            out += raw;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

} // namespace

std::string date_text(std::string_view iso_date) {
    bool const iso = iso_date.size() == 10 && iso_date[4] == '-' && iso_date[7] == '-';
    if (!iso)
        return std::string(iso_date);
    return std::string(iso_date.substr(8, 2)) + "/" + std::string(iso_date.substr(5, 2)) + "/" +
           std::string(iso_date.substr(0, 4));
}

std::string iso_day_in_vietnam(std::int64_t ms) {
    auto const day = day_in_vietnam(ms);
    return std::to_string(static_cast<int>(day.year())) + "-" +
           two_digits(static_cast<unsigned>(day.month())) + "-" +
           two_digits(static_cast<unsigned>(day.day()));
}

std::string place_and_date(std::string_view place, std::int64_t ms) {
    auto const day = day_in_vietnam(ms);
    auto const month = static_cast<unsigned>(day.month());
    std::string const date = "gày " + two_digits(static_cast<unsigned>(day.day())) + " tháng " +
                             (month <= 2 ? two_digits(month) : std::to_string(month)) + " năm " +
                             std::to_string(static_cast<int>(day.year()));
    return place.empty() ? "N" + date : std::string(place) + ", n" + date;
}

std::string score_text(double score) {
    char buffer[32];
    auto const end =
        std::to_chars(buffer, buffer + sizeof buffer, score, std::chars_format::fixed, 2).ptr;
    std::string text(buffer, end);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.')
        text.pop_back();
    if (auto const dot = text.find('.'); dot != std::string::npos)
        text[dot] = ',';
    return text == "-0" ? "0" : text;
}

std::string ascii_slug(std::string_view text) {
    std::string slug;
    auto const plain = without_marks(text);
    for (std::size_t i = 0; i < plain.size(); ++i) {
        auto const c = static_cast<unsigned char>(plain[i]);
        char out = '-';
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out = static_cast<char>(c);
        else if (c >= 'A' && c <= 'Z')
            out = static_cast<char>(c - 'A' + 'a');
        else if (c == 0xC4 && i + 1 < plain.size() &&
                 (plain[i + 1] == '\x90' || plain[i + 1] == '\x91')) { // Đ, đ
            out = 'd';
            ++i;
        } else if (c >= 0x80) {
            while (i + 1 < plain.size() &&
                   (static_cast<unsigned char>(plain[i + 1]) & 0xC0) == 0x80)
                ++i;
        }
        if (out != '-' || (!slug.empty() && slug.back() != '-'))
            slug += out;
    }
    while (!slug.empty() && slug.back() == '-')
        slug.pop_back();
    return slug.empty() ? "bao-cao" : slug;
}

std::string content_disposition(std::string_view utf8_name, std::string_view extension) {
    return "attachment; filename=\"" + ascii_slug(utf8_name) + std::string(extension) +
           "\"; filename*=UTF-8''" +
           percent_encoded(std::string(utf8_name) + std::string(extension));
}

} // namespace phongthi::server::report_format
