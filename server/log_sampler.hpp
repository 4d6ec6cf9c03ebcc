#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace phongthi::server {

/// Lets through at most one log line per interval for an event that may repeat in a flood
/// (refused connections): the caller asks due() each time and writes its line only when told,
/// with the count of occurrences it skipped since the last line. Thread-safe, lock-free.
class log_sampler {
public:
    using clock = std::chrono::steady_clock;

    explicit log_sampler(std::chrono::milliseconds interval = std::chrono::seconds(1));

    /// True when a line should be written for this occurrence at `now`; then `skipped` holds
    /// the occurrences not logged since the last line. Any thread.
    bool due(clock::time_point now, std::uint64_t& skipped);

private:
    std::chrono::nanoseconds const interval_;
    std::atomic<std::int64_t> next_due_{0}; ///< clock ticks (ns) since its epoch
    std::atomic<std::uint64_t> skipped_{0};
};

} // namespace phongthi::server
