#pragma once

#include "server/accounts/user.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace phongthi::store {
class data_store;
}

namespace phongthi::server {

/// How long sessions live.
struct session_rules {
    std::chrono::milliseconds lifetime = std::chrono::hours(12); ///< from sign-in, absolute
    std::chrono::milliseconds idle = std::chrono::hours(2); ///< unused this long: ended; 0: never
};

/// The sessions in use: the idle rule, cheap last_seen_at updates (written at most once a minute
/// per session, through the writer, never waited for), and the WebSockets open on each session,
/// so that a session with an open WebSocket (a candidate in a long exam) never goes idle and a
/// revoked session loses its WebSockets at once. Thread-safe: every member may be called from
/// any thread; the `end` callbacks run on the thread that revokes, outside the lock.
class session_keeper {
public:
    /// Writes go through `store`'s writer.
    session_keeper(store::data_store& store, session_rules rules);

    session_rules const& rules() const { return rules_; }

    /// The user of the session with `digest` at `now` (ms): not expired, revoked, disabled or
    /// idle; notes the use. Reads from the read pool. Any thread.
    std::optional<user_record> authenticate(std::string const& digest, std::int64_t now);

    /// Notes a use of the session (a WebSocket message). Any thread.
    void touch(std::string const& digest, std::int64_t now);

    /// Whether a session last seen at `last_seen` is idle at `now` (never while a WebSocket of it
    /// is open). Any thread.
    bool is_idle(std::string const& digest, std::int64_t last_seen, std::int64_t now);

    /// Registers an open WebSocket of a session; `end` is called once if the session is revoked
    /// while it is open. Returns the handle for detach(). Any thread.
    std::uint64_t attach(std::string const& digest, std::int64_t user_id,
                         std::function<void()> end);
    /// Forgets a WebSocket (it closed). Any thread.
    void detach(std::uint64_t handle);

    /// Ends the open WebSockets of sessions just revoked in the database: one session's, one
    /// user's but `keep_digest`'s (empty: all), or everyone's but `keep_digest`'s. Any thread.
    void end_session(std::string const& digest);
    void end_user(std::int64_t user_id, std::string const& keep_digest);
    void end_all(std::string const& keep_digest);

private:
    /// When a session was last used, and when that was last written to last_seen_at.
    struct use {
        std::int64_t used = 0;
        std::int64_t written = 0;
    };
    struct channel {
        std::string digest;
        std::int64_t user_id = 0;
        std::function<void()> end;
    };

    /// Runs the `end` of every channel `revoked` picks, and forgets them.
    void end_where(std::function<bool(channel const&)> const& revoked);
    std::int64_t last_use_locked(std::string const& digest) const;

    store::data_store& store_;
    session_rules const rules_;
    std::mutex mutex_;
    std::unordered_map<std::string, use> uses_; ///< by token digest
    std::unordered_map<std::uint64_t, channel> channels_;
    std::unordered_map<std::string, int> open_; ///< digest -> open WebSockets
    std::uint64_t next_handle_ = 1;
};

} // namespace phongthi::server
