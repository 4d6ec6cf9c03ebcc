#include "server/exams/attempt_clock.hpp"

#include <gtest/gtest.h>

using phongthi::server::attempt_clock;

namespace {

constexpr std::int64_t minute = 60'000;
constexpr std::int64_t t0 = 1'764'000'000'000;

} // namespace

TEST(AttemptClock, DeadlineIsStartPlusDurationCappedByTheClosingTime) {
    EXPECT_EQ(attempt_clock::started(t0, 45 * minute, std::nullopt).deadline_at, t0 + 45 * minute);
    EXPECT_EQ(attempt_clock::started(t0, 45 * minute, t0 + 10 * minute).deadline_at,
              t0 + 10 * minute);
    // A late start after the closing time gets no time rather than a deadline in the past.
    EXPECT_EQ(attempt_clock::started(t0, 45 * minute, t0 - minute).deadline_at, t0);
}

TEST(AttemptClock, APauseMovesTheDeadlineByItsLengthAndFreezesTheTimeLeft) {
    auto clock = attempt_clock::started(t0, 45 * minute, std::nullopt);
    clock.room_paused(t0 + 10 * minute);
    EXPECT_TRUE(clock.frozen());
    EXPECT_EQ(clock.remaining(t0 + 10 * minute), 35 * minute);
    EXPECT_EQ(clock.remaining(t0 + 20 * minute), 35 * minute);
    EXPECT_FALSE(clock.expired(t0 + 99 * minute, 0));
    clock.room_resumed(t0 + 17 * minute);
    EXPECT_FALSE(clock.frozen());
    EXPECT_EQ(clock.paused_ms, 7 * minute);
    EXPECT_EQ(clock.deadline_at, t0 + 52 * minute);
    EXPECT_EQ(clock.remaining(t0 + 17 * minute), 35 * minute);
}

TEST(AttemptClock, ExtensionsAddUp) {
    auto clock = attempt_clock::started(t0, 45 * minute, std::nullopt);
    clock.extend(5 * minute);
    clock.extend(10 * minute);
    EXPECT_EQ(clock.extension_ms, 15 * minute);
    EXPECT_EQ(clock.deadline_at, t0 + 60 * minute);
}

TEST(AttemptClock, OverlappingRoomAndCandidatePausesCountOnce) {
    // Room paused at 10, candidate held at 12, room resumed at 15, candidate released at 20:
    // the clock stood from 10 to 20.
    auto clock = attempt_clock::started(t0, 45 * minute, std::nullopt);
    clock.room_paused(t0 + 10 * minute);
    clock.hold(t0 + 12 * minute);
    clock.room_resumed(t0 + 15 * minute);
    EXPECT_TRUE(clock.frozen()); // still held
    clock.release(t0 + 20 * minute, false);
    EXPECT_EQ(clock.paused_ms, 10 * minute);
    EXPECT_EQ(clock.deadline_at, t0 + 55 * minute);

    // Held at 10, room paused at 12, released at 15 while the room is still paused, room
    // resumed at 20: again 10 minutes.
    auto other = attempt_clock::started(t0, 45 * minute, std::nullopt);
    other.hold(t0 + 10 * minute);
    other.room_paused(t0 + 12 * minute);
    other.release(t0 + 15 * minute, true);
    EXPECT_TRUE(other.frozen());
    other.room_resumed(t0 + 20 * minute);
    EXPECT_EQ(other.paused_ms, 10 * minute);
    EXPECT_EQ(other.deadline_at, t0 + 55 * minute);
}

TEST(AttemptClock, ExpiresOnlyAfterTheGraceAndNeverWhileFrozen) {
    auto clock = attempt_clock::started(t0, minute, std::nullopt);
    EXPECT_FALSE(clock.expired(t0 + minute, 3000));
    EXPECT_FALSE(clock.expired(t0 + minute + 2999, 3000));
    EXPECT_TRUE(clock.expired(t0 + minute + 3000, 3000));
    EXPECT_EQ(clock.remaining(t0 + 2 * minute), 0);
    clock.hold(t0 + minute + 3000);
    EXPECT_FALSE(clock.expired(t0 + 5 * minute, 3000));
}
