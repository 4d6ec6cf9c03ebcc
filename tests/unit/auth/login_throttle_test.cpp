#include "server/auth/login_throttle.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace phongthi::auth {
namespace {

using namespace std::chrono_literals;
using time_point = login_throttle::clock::time_point;
using reason = verdict::reason;

constexpr time_point t0 = time_point{} + 24h;
constexpr std::string_view lab = "10.0.0.1";

// Fails `account` `count` times at `now`.
void fail(login_throttle& throttle, std::string_view account, int count, time_point now,
          std::string_view address = lab) {
    for (int i = 0; i < count; ++i)
        throttle.record_failure(account, address, now);
}

TEST(LoginThrottle, SuccessesAreNeverThrottled) {
    login_throttle throttle;
    for (int i = 0; i < 10000; ++i) {
        auto const v = throttle.check("an", lab, t0 + i * 1ms);
        ASSERT_TRUE(v.allowed);
        EXPECT_EQ(v.why, reason::none);
        EXPECT_EQ(v.retry_after, 0s);
        throttle.record_success("an", t0 + i * 1ms);
    }
}

TEST(LoginThrottle, AccountLocksAfterFiveFailuresAndUnlocksAfterBackoff) {
    login_throttle throttle;
    fail(throttle, "an", 4, t0);
    EXPECT_TRUE(throttle.check("an", lab, t0).allowed);

    throttle.record_failure("an", lab, t0 + 10s);
    auto const locked = throttle.check("an", lab, t0 + 10s);
    EXPECT_FALSE(locked.allowed);
    EXPECT_EQ(locked.why, reason::account);
    EXPECT_EQ(locked.retry_after, 30s);

    auto const almost = throttle.check("an", lab, t0 + 39s + 500ms);
    EXPECT_FALSE(almost.allowed);
    EXPECT_EQ(almost.retry_after, 1s); // rounded up, never zero while refused

    EXPECT_TRUE(throttle.check("an", lab, t0 + 40s).allowed);
}

TEST(LoginThrottle, LockIsPerAccountNotPerAddress) {
    login_throttle throttle;
    fail(throttle, "an", 5, t0);
    EXPECT_FALSE(throttle.check("an", lab, t0).allowed);
    EXPECT_FALSE(throttle.check("an", "10.0.0.2", t0).allowed);
    EXPECT_TRUE(throttle.check("binh", lab, t0).allowed);
}

TEST(LoginThrottle, BackoffDoublesUpToCap) {
    login_throttle throttle;
    fail(throttle, "an", 5, t0);
    auto now = t0;
    for (auto const expected : {30s, 60s, 120s, 240s, 480s, 900s, 900s, 900s}) {
        auto const v = throttle.check("an", lab, now);
        ASSERT_FALSE(v.allowed);
        EXPECT_EQ(v.retry_after, expected);
        now += v.retry_after;
        ASSERT_TRUE(throttle.check("an", lab, now).allowed);
        throttle.record_failure("an", lab, now); // one more wrong guess after each lock-out
    }
}

TEST(LoginThrottle, SuccessClearsTheAccountsFailures) {
    login_throttle throttle;
    fail(throttle, "an", 4, t0);
    throttle.record_success("an", t0 + 1s);
    fail(throttle, "an", 4, t0 + 2s);
    EXPECT_TRUE(throttle.check("an", lab, t0 + 2s).allowed);
}

TEST(LoginThrottle, SuccessAfterALockOutEndsTheBackoff) {
    login_throttle throttle;
    fail(throttle, "an", 5, t0);
    ASSERT_TRUE(throttle.check("an", lab, t0 + 30s).allowed);
    throttle.record_success("an", t0 + 30s);
    throttle.record_failure("an", lab, t0 + 31s);
    EXPECT_TRUE(throttle.check("an", lab, t0 + 31s).allowed);
}

TEST(LoginThrottle, FailuresOlderThanTheWindowDoNotCount) {
    login_throttle throttle;
    fail(throttle, "an", 4, t0);
    throttle.record_failure("an", lab, t0 + 15min);
    EXPECT_TRUE(throttle.check("an", lab, t0 + 15min).allowed);
    // ...but five within any 15 minutes do.
    fail(throttle, "an", 3, t0 + 20min);
    EXPECT_TRUE(throttle.check("an", lab, t0 + 20min).allowed);
    throttle.record_failure("an", lab, t0 + 29min);
    EXPECT_FALSE(throttle.check("an", lab, t0 + 29min).allowed);
}

TEST(LoginThrottle, LockedAccountIsForgivenAfterAQuietWindow) {
    login_throttle throttle;
    fail(throttle, "an", 5, t0);
    // Lock-out ends at t0 + 30 s; fifteen quiet minutes later the account starts afresh.
    auto const later = t0 + 30s + 15min;
    throttle.record_failure("an", lab, later);
    EXPECT_TRUE(throttle.check("an", lab, later).allowed);
}

TEST(LoginThrottle, AccountNamesIgnoreAsciiCaseAndSurroundingBlanks) {
    login_throttle throttle;
    for (auto const name : {"An", "AN", " an", "an\t", "aN"})
        throttle.record_failure(name, lab, t0);
    EXPECT_FALSE(throttle.check("an", lab, t0).allowed);
    EXPECT_TRUE(throttle.check("anh", lab, t0).allowed);
}

TEST(LoginThrottle, AHundredCandidatesBehindOneAddressCanAllMistypeOnce) {
    login_throttle throttle;
    // A lab of 250 PCs behind one NAT address, everyone logging in within a minute.
    for (int i = 0; i < 250; ++i) {
        auto const account = "candidate" + std::to_string(i);
        auto const now = t0 + i * 200ms;
        ASSERT_TRUE(throttle.check(account, lab, now).allowed) << account;
        throttle.record_failure(account, lab, now);
        ASSERT_TRUE(throttle.check(account, lab, now + 5s).allowed) << account;
        throttle.record_success(account, now + 5s);
    }
}

TEST(LoginThrottle, AWholeLabMistypingThreeTimesEachIsStillAllowed) {
    login_throttle throttle;
    for (int i = 0; i < 250; ++i)
        fail(throttle, "candidate" + std::to_string(i), 3, t0 + i * 1s);
    for (int i = 0; i < 250; ++i)
        EXPECT_TRUE(throttle.check("candidate" + std::to_string(i), lab, t0 + 250s).allowed);
}

TEST(LoginThrottle, AddressIsRefusedPastItsLimitUntilTheWindowSlides) {
    login_throttle throttle;
    for (int i = 0; i < 1000; ++i)
        throttle.record_failure("guess" + std::to_string(i), lab, t0 + i * 100ms);
    auto const refused = throttle.check("someone", lab, t0 + 100s);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.why, reason::address);
    EXPECT_EQ(refused.retry_after, 15min - 100s);
    EXPECT_TRUE(throttle.check("someone", "10.0.0.2", t0 + 100s).allowed);
    // The oldest failure leaves the window and the address may try once more.
    EXPECT_TRUE(throttle.check("someone", lab, t0 + 15min).allowed);
}

TEST(LoginThrottle, WhenBothRulesRefuseTheLongerWaitIsReported) {
    login_throttle throttle({.address_failures = 5});
    fail(throttle, "an", 5, t0);
    auto const v = throttle.check("an", lab, t0);
    EXPECT_FALSE(v.allowed);
    EXPECT_EQ(v.why, reason::address);
    EXPECT_EQ(v.retry_after, 15min);
}

TEST(LoginThrottle, MemoryStaysBoundedAsOldEntriesExpire) {
    login_throttle throttle({.sweep_threshold = 64});
    // One new account and address failing every minute for a week: at most 15 are live at once.
    for (int i = 0; i < 7 * 24 * 60; ++i) {
        auto const id = std::to_string(i);
        throttle.record_failure("user" + id, "10.1." + id, t0 + i * 1min);
        ASSERT_LE(throttle.tracked_entries(), 2u * 64u);
    }
}

TEST(LoginThrottle, CheckForgetsExpiredEntries) {
    login_throttle throttle;
    fail(throttle, "an", 2, t0);
    EXPECT_EQ(throttle.tracked_entries(), 2u);
    EXPECT_TRUE(throttle.check("an", lab, t0 + 15min).allowed);
    EXPECT_EQ(throttle.tracked_entries(), 0u);
}

TEST(LoginThrottle, InconsistentLimitsAreRejected) {
    EXPECT_THROW(login_throttle({.account_failures = 0}), std::invalid_argument);
    EXPECT_THROW(login_throttle({.window = 0s}), std::invalid_argument);
    EXPECT_THROW(login_throttle({.first_lockout = 60s, .max_lockout = 30s}), std::invalid_argument);
}

TEST(LoginThrottle, ConcurrentCallersAreSafe) {
    login_throttle throttle({.sweep_threshold = 16});
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&throttle, t] {
            for (int i = 0; i < 2000; ++i) {
                auto const account = "c" + std::to_string((t * 2000 + i) % 300);
                auto const now = t0 + i * 1s;
                if (throttle.check(account, lab, now).allowed)
                    throttle.record_failure(account, lab, now);
                if (i % 7 == 0)
                    throttle.record_success(account, now);
            }
        });
    for (auto& thread : threads)
        thread.join();
    EXPECT_LE(throttle.tracked_entries(), 2u * 300u + 1u);
}

} // namespace
} // namespace phongthi::auth
