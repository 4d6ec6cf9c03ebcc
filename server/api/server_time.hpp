#pragma once

#include <cstdint>

namespace phongthi::server {

/// Milliseconds since the Unix epoch, UTC: the unit of every *_at column.
///
/// The wall clock is read once, at the first call; from then on the time moves with the
/// monotonic clock. So a step of the system clock while the server runs (an NTP correction,
/// someone changing the date) neither ends every candidate's time at once nor hands out extra
/// time: deadlines, answers and the audit log stay on one timeline that never goes backwards.
/// Slow NTP adjustments move both clocks alike and are followed. Any thread.
std::int64_t now_ms();

/// How far the system clock has stepped away from now_ms(), in milliseconds (positive: the
/// system clock is ahead). 0 until the system clock is changed. Any thread.
std::int64_t wall_clock_step_ms();

} // namespace phongthi::server
