#include "server/auth/request_rate_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace phongthi::auth {
namespace {

using namespace std::chrono_literals;
using rate_time = request_rate_limiter::clock::time_point;

constexpr rate_time rate_t0 = rate_time{} + 24h;
constexpr std::string_view rate_pc = "10.0.0.7";

// Takes `count` requests of `address` at `now`; returns how many were allowed.
int allowed_of(request_rate_limiter& limiter, int count, rate_time now,
               std::string_view address = rate_pc) {
    int allowed = 0;
    for (int i = 0; i < count; ++i)
        allowed += limiter.take(address, now).allowed ? 1 : 0;
    return allowed;
}

TEST(RequestRateLimiter, ABurstIsServedThenRefusedWithTheWaitForTheNextToken) {
    request_rate_limiter limiter(2, 10);
    EXPECT_EQ(allowed_of(limiter, 10, rate_t0), 10);
    auto const refused = limiter.take(rate_pc, rate_t0);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.retry_after, 1s); // half a second to the next token, rounded up
    request_rate_limiter slow(0.1, 1);
    ASSERT_TRUE(slow.take(rate_pc, rate_t0).allowed);
    EXPECT_EQ(slow.take(rate_pc, rate_t0 + 3s).retry_after, 7s);
}

TEST(RequestRateLimiter, TokensComeBackAtTheRateAndNeverBeyondTheBurst) {
    request_rate_limiter limiter(2, 10);
    EXPECT_EQ(allowed_of(limiter, 10, rate_t0), 10);
    EXPECT_EQ(allowed_of(limiter, 5, rate_t0 + 1s), 2);
    EXPECT_EQ(allowed_of(limiter, 5, rate_t0 + 1500ms), 1);
    // An hour of quiet refills the bucket to the burst, not to 7,200.
    EXPECT_EQ(allowed_of(limiter, 50, rate_t0 + 1h), 10);
}

TEST(RequestRateLimiter, RefusedRequestsTakeNothingSoAFloodDoesNotLockAnAddressOut) {
    request_rate_limiter limiter(1, 3);
    EXPECT_EQ(allowed_of(limiter, 3, rate_t0), 3);
    EXPECT_EQ(allowed_of(limiter, 100000, rate_t0 + 500ms), 0);
    EXPECT_TRUE(limiter.take(rate_pc, rate_t0 + 1s).allowed);
}

TEST(RequestRateLimiter, AddressesHaveTheirOwnBuckets) {
    request_rate_limiter limiter(1, 5);
    EXPECT_EQ(allowed_of(limiter, 6, rate_t0), 5);
    EXPECT_EQ(allowed_of(limiter, 5, rate_t0, "10.0.0.8"), 5);
    EXPECT_EQ(allowed_of(limiter, 5, rate_t0, "[fe80::1]"), 5);
    EXPECT_EQ(limiter.tracked_addresses(), 3u);
}

TEST(RequestRateLimiter, AClockReadingFromThePastRefillsNothing) {
    request_rate_limiter limiter(1, 2);
    EXPECT_EQ(allowed_of(limiter, 2, rate_t0 + 10s), 2);
    EXPECT_FALSE(limiter.take(rate_pc, rate_t0).allowed);
    EXPECT_TRUE(limiter.take(rate_pc, rate_t0 + 11s).allowed);
}

TEST(RequestRateLimiter, FullBucketsAreSweptSoMemoryFollowsTheActiveAddresses) {
    request_rate_limiter limiter(10, 20, 64);
    for (int i = 0; i < 1000; ++i)
        ASSERT_TRUE(limiter
                        .take("10.1." + std::to_string(i / 250) + "." + std::to_string(i % 250),
                              rate_t0 + i * 10ms)
                        .allowed);
    // A bucket refills within 0.1 s: ~10 addresses are active at a time, and a sweep at 64
    // entries forgets the rest, so 1,000 addresses never made the table grow past 64.
    EXPECT_LE(limiter.tracked_addresses(), 64u);
    // An address still short of tokens survives a sweep (else its next request would pass).
    request_rate_limiter busy(1, 5, 4);
    EXPECT_EQ(allowed_of(busy, 5, rate_t0), 5);
    for (int i = 0; i < 10; ++i)
        busy.take("10.2.0." + std::to_string(i), rate_t0 + 100ms);
    EXPECT_FALSE(busy.take(rate_pc, rate_t0 + 100ms).allowed);
}

TEST(RequestRateLimiter, ThreadsTogetherNeverGetMoreThanTheBurst) {
    request_rate_limiter limiter(0.001, 1000);
    std::atomic<int> allowed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] { allowed += allowed_of(limiter, 1000, rate_t0); });
    for (auto& thread : threads)
        thread.join();
    EXPECT_EQ(allowed.load(), 1000);
}

TEST(RequestRateLimiter, InconsistentSettingsAreRefused) {
    EXPECT_THROW(request_rate_limiter(0, 10), std::invalid_argument);
    EXPECT_THROW(request_rate_limiter(5, 0.5), std::invalid_argument);
}

} // namespace
} // namespace phongthi::auth
