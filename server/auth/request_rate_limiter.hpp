#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace phongthi::auth {

/// Whether one request may be served.
struct rate_verdict {
    bool allowed = true;
    /// How long the client should wait before its next request (zero when allowed).
    std::chrono::seconds retry_after{0};
};

/// A token bucket per client address: each address may make `burst` requests at once, refilled
/// at `per_second` a second, and is refused beyond that. An address whose bucket has refilled is
/// forgotten, so memory holds only the addresses active in the last burst / per_second seconds
/// (swept like login_throttle once the table grows). The clock is passed in, so tests need no
/// sleeps. Thread-safe: one mutex around one hash lookup; a known address costs no allocation.
class request_rate_limiter {
public:
    using clock = std::chrono::steady_clock;

    /// Throws std::invalid_argument unless per_second > 0 and burst >= 1.
    request_rate_limiter(double per_second, double burst, std::size_t sweep_threshold = 4096);

    /// Takes one request of `address` at `now`: allowed while its bucket holds a token, else
    /// refused with the whole seconds until it holds one again. A refused request takes
    /// nothing. Any thread.
    rate_verdict take(std::string_view address, clock::time_point now);

    /// Addresses currently remembered, for tests. Any thread.
    std::size_t tracked_addresses() const;

private:
    struct bucket {
        double tokens = 0;
        clock::time_point updated{};
    };
    struct address_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const noexcept {
            return std::hash<std::string_view>{}(text);
        }
    };

    double refilled(bucket const& entry, clock::time_point now) const;
    void sweep_if_large(clock::time_point now);

    double const per_second_;
    double const burst_;
    std::size_t const sweep_threshold_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, bucket, address_hash, std::equal_to<>> buckets_;
    std::size_t sweep_at_;
};

} // namespace phongthi::auth
