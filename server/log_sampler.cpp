#include "server/log_sampler.hpp"

namespace phongthi::server {

log_sampler::log_sampler(std::chrono::milliseconds interval) : interval_(interval) {}

bool log_sampler::due(clock::time_point now, std::uint64_t& skipped) {
    auto const ticks = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch());
    std::int64_t next = next_due_.load(std::memory_order_relaxed);
    // Of the threads that find the interval over, exactly one wins the exchange and logs.
    if (ticks.count() < next || !next_due_.compare_exchange_strong(
                                    next, (ticks + interval_).count(), std::memory_order_relaxed)) {
        skipped_.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    skipped = skipped_.exchange(0, std::memory_order_relaxed);
    return true;
}

} // namespace phongthi::server
