#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>

namespace phongthi::server {

/// The clock of one attempt, in server milliseconds. The deadline is start + duration (capped by
/// the exam's closing time) + extensions + time frozen. The clock is frozen while the room is
/// paused or the attempt is held by the proctor; `paused_at` is when it froze and is set exactly
/// while it is frozen, so overlapping room and individual pauses are counted once.
///
/// Not thread-safe: guarded by the exam's mutex.
struct attempt_clock {
    std::int64_t deadline_at = 0;
    std::int64_t paused_ms = 0;
    std::int64_t extension_ms = 0;
    std::optional<std::int64_t> paused_at;
    bool held = false; ///< the proctor paused this attempt alone

    /// The deadline of an attempt started at `now` for `duration_ms`, never after `closes_at`.
    static attempt_clock started(std::int64_t now, std::int64_t duration_ms,
                                 std::optional<std::int64_t> closes_at) {
        attempt_clock clock;
        clock.deadline_at = now + duration_ms;
        if (closes_at)
            clock.deadline_at = std::max(now, std::min(clock.deadline_at, *closes_at));
        return clock;
    }

    bool frozen() const noexcept { return paused_at.has_value(); }

    /// Time left: frozen at the moment of the pause while paused; never negative.
    std::int64_t remaining(std::int64_t now) const noexcept {
        return std::max<std::int64_t>(0, deadline_at - paused_at.value_or(now));
    }

    /// Running, and past the deadline by more than `grace_ms`.
    bool expired(std::int64_t now, std::int64_t grace_ms) const noexcept {
        return !frozen() && now >= deadline_at + grace_ms;
    }

    /// Stops the clock unless it is stopped already.
    void freeze(std::int64_t now) noexcept {
        if (!paused_at)
            paused_at = now;
    }

    /// Restarts the clock, moving the deadline by the time it stood still.
    void thaw(std::int64_t now) noexcept {
        if (!paused_at)
            return;
        auto const stood = std::max<std::int64_t>(0, now - *paused_at);
        paused_ms += stood;
        deadline_at += stood;
        paused_at.reset();
    }

    /// The room was paused: every running clock stops.
    void room_paused(std::int64_t now) noexcept { freeze(now); }
    /// The room resumed: the clock runs again unless the proctor holds this attempt.
    void room_resumed(std::int64_t now) noexcept {
        if (!held)
            thaw(now);
    }
    /// The proctor paused this attempt alone.
    void hold(std::int64_t now) noexcept {
        held = true;
        freeze(now);
    }
    /// The proctor released this attempt; it runs again unless the room is paused.
    void release(std::int64_t now, bool room_is_paused) noexcept {
        held = false;
        if (!room_is_paused)
            thaw(now);
    }

    /// Gives `ms` more (a proctor's extension).
    void extend(std::int64_t ms) noexcept {
        extension_ms += ms;
        deadline_at += ms;
    }
};

} // namespace phongthi::server
