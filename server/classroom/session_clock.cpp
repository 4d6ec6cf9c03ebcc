#include "server/classroom/session_clock.hpp"

#include <charconv>
#include <chrono>

namespace phongthi::server::session_clock {

namespace {

constexpr std::int64_t vietnam_offset_ms = 7 * 3600 * 1000;

/// The number written by `text[from, from + length)`, or -1 when it is not all digits.
int clock_digits(std::string_view text, std::size_t from, std::size_t length) {
    int value = 0;
    auto const part = text.substr(from, length);
    auto const [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    return error == std::errc() && end == part.data() + part.size() ? value : -1;
}

} // namespace

bool is_day(std::string_view day) {
    if (day.size() != 10 || day[4] != '-' || day[7] != '-')
        return false;
    int const year = clock_digits(day, 0, 4), month = clock_digits(day, 5, 2),
              dom = clock_digits(day, 8, 2);
    if (year < 2000 || month < 1 || dom < 1)
        return false;
    return std::chrono::year_month_day(std::chrono::year(year),
                                       std::chrono::month(static_cast<unsigned>(month)),
                                       std::chrono::day(static_cast<unsigned>(dom)))
        .ok();
}

bool is_time_of_day(std::string_view time) {
    if (time.size() != 5 || time[2] != ':')
        return false;
    int const hour = clock_digits(time, 0, 2), minute = clock_digits(time, 3, 2);
    return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59;
}

std::int64_t vietnam_ms(std::string_view day, std::string_view time) {
    std::chrono::year_month_day const date(
        std::chrono::year(clock_digits(day, 0, 4)),
        std::chrono::month(static_cast<unsigned>(clock_digits(day, 5, 2))),
        std::chrono::day(static_cast<unsigned>(clock_digits(day, 8, 2))));
    std::int64_t const midnight = std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::sys_days(date).time_since_epoch())
                                      .count();
    std::int64_t const minutes = clock_digits(time, 0, 2) * 60 + clock_digits(time, 3, 2);
    return midnight + minutes * 60'000 - vietnam_offset_ms;
}

std::string vietnam_time_of_day(std::int64_t ms) {
    std::int64_t const day_ms = 24 * 3600 * 1000;
    std::int64_t const minute = (((ms + vietnam_offset_ms) % day_ms + day_ms) % day_ms) / 60'000;
    std::string text = "00:00";
    text[0] = static_cast<char>('0' + minute / 600);
    text[1] = static_cast<char>('0' + minute / 60 % 10);
    text[3] = static_cast<char>('0' + minute % 60 / 10);
    text[4] = static_cast<char>('0' + minute % 10);
    return text;
}

int minutes_after(std::int64_t start_ms, std::int64_t at_ms) {
    return at_ms <= start_ms ? 0 : static_cast<int>((at_ms - start_ms) / 60'000);
}

} // namespace phongthi::server::session_clock
