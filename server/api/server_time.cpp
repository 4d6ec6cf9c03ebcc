#include "server/api/server_time.hpp"

#include <chrono>

namespace phongthi::server {
namespace {

std::int64_t wall_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// The wall clock and the monotonic clock read together, once.
struct time_anchor {
    std::int64_t wall_ms = wall_now_ms();
    std::chrono::steady_clock::time_point steady = std::chrono::steady_clock::now();
};

time_anchor const& anchor() {
    static time_anchor const first;
    return first;
}

} // namespace

std::int64_t now_ms() {
    auto const& start = anchor();
    return start.wall_ms + std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - start.steady)
                               .count();
}

std::int64_t wall_clock_step_ms() {
    return wall_now_ms() - now_ms();
}

} // namespace phongthi::server
