#include "server/auth/request_rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>

namespace phongthi::auth {

request_rate_limiter::request_rate_limiter(double per_second, double burst,
                                           std::size_t sweep_threshold)
    : per_second_(per_second), burst_(burst), sweep_threshold_(sweep_threshold),
      sweep_at_(sweep_threshold) {
    if (!(per_second > 0) || !(burst >= 1))
        throw std::invalid_argument("request_rate_limiter: needs per_second > 0 and burst >= 1");
}

rate_verdict request_rate_limiter::take(std::string_view address, clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto it = buckets_.find(address);
    if (it == buckets_.end()) {
        sweep_if_large(now);
        buckets_.emplace(std::string(address), bucket{burst_ - 1, now});
        return {};
    }
    double const tokens = refilled(it->second, now);
    if (tokens >= 1) {
        it->second = {tokens - 1, std::max(now, it->second.updated)};
        return {};
    }
    auto const wait = static_cast<long>(std::ceil((1 - tokens) / per_second_));
    return {false, std::chrono::seconds(std::max(wait, 1L))};
}

std::size_t request_rate_limiter::tracked_addresses() const {
    std::lock_guard lock(mutex_);
    return buckets_.size();
}

double request_rate_limiter::refilled(bucket const& entry, clock::time_point now) const {
    // A clock read before another thread's later one may arrive late: it refills nothing.
    double const elapsed =
        std::max(std::chrono::duration<double>(now - entry.updated).count(), 0.0);
    return std::min(burst_, entry.tokens + elapsed * per_second_);
}

void request_rate_limiter::sweep_if_large(clock::time_point now) {
    if (buckets_.size() < sweep_at_)
        return;
    // A full bucket is the same as none.
    for (auto it = buckets_.begin(); it != buckets_.end();)
        it = refilled(it->second, now) >= burst_ ? buckets_.erase(it) : std::next(it);
    sweep_at_ = std::max(sweep_threshold_, 2 * buckets_.size());
}

} // namespace phongthi::auth
