#pragma once

#include <cstdint>
#include <string>
#include <string_view>

/// Course sessions are planned in Vietnam's wall-clock time (UTC+7, no daylight saving). Pure;
/// any thread.
namespace phongthi::server::session_clock {

/// Whether `day` is a real calendar day written "2026-11-26".
bool is_day(std::string_view day);
/// Whether `time` is a time of day written "07:30" (00:00..23:59).
bool is_time_of_day(std::string_view time);

/// The moment of `time` ("07:30") on `day` ("2026-11-26") in Vietnam, in ms since the epoch.
/// Both must have passed the checks above.
std::int64_t vietnam_ms(std::string_view day, std::string_view time);

/// The time of day of `ms` in Vietnam, "07:42".
std::string vietnam_time_of_day(std::int64_t ms);

/// Whole minutes from `start_ms` to `at_ms`, 0 when `at_ms` is not after the start.
int minutes_after(std::int64_t start_ms, std::int64_t at_ms);

} // namespace phongthi::server::session_clock
