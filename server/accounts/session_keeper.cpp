#include "server/accounts/session_keeper.hpp"

#include "server/accounts/account_store.hpp"
#include "server/store/data_store.hpp"

#include <algorithm>
#include <vector>

namespace phongthi::server {

namespace {

/// last_seen_at is written at most this often per session, to keep writes cheap.
constexpr std::int64_t touch_every_ms = 60'000;
/// uses_ is swept of entries written longer than touch_every_ms ago beyond this size.
constexpr std::size_t uses_sweep_size = 8192;

} // namespace

session_keeper::session_keeper(store::data_store& store, session_rules rules)
    : store_(store), rules_(rules) {}

std::optional<user_record> session_keeper::authenticate(std::string const& digest,
                                                        std::int64_t now) {
    auto live = store_.read_side().with(
        [&](store::database& db) { return account_store::find_live_session(db, digest, now); });
    if (!live || is_idle(digest, live->last_seen_at, now))
        return std::nullopt;
    {
        // The database's last_seen_at may be newer than our memory (after a restart).
        std::lock_guard lock(mutex_);
        auto& last = uses_[digest];
        last.written = std::max(last.written, live->last_seen_at);
    }
    touch(digest, now);
    return std::move(live->user);
}

void session_keeper::touch(std::string const& digest, std::int64_t now) {
    {
        std::lock_guard lock(mutex_);
        auto& last = uses_[digest];
        last.used = std::max(last.used, now);
        if (now - last.written < touch_every_ms)
            return;
        last.written = now;
        if (uses_.size() > uses_sweep_size)
            std::erase_if(uses_, [now](auto const& entry) {
                return now - entry.second.written >= touch_every_ms;
            });
    }
    store_.write_side().submit(
        [digest, now](store::database& db) { account_store::touch_session(db, digest, now); },
        nullptr);
}

bool session_keeper::is_idle(std::string const& digest, std::int64_t last_seen, std::int64_t now) {
    if (rules_.idle.count() <= 0)
        return false;
    std::lock_guard lock(mutex_);
    if (open_.contains(digest))
        return false;
    return now - std::max(last_seen, last_use_locked(digest)) > rules_.idle.count();
}

std::int64_t session_keeper::last_use_locked(std::string const& digest) const {
    auto const it = uses_.find(digest);
    return it == uses_.end() ? 0 : it->second.used;
}

std::uint64_t session_keeper::attach(std::string const& digest, std::int64_t user_id,
                                     std::function<void()> end) {
    std::lock_guard lock(mutex_);
    std::uint64_t const handle = next_handle_++;
    channels_.emplace(handle, channel{digest, user_id, std::move(end)});
    ++open_[digest];
    return handle;
}

void session_keeper::detach(std::uint64_t handle) {
    std::lock_guard lock(mutex_);
    auto const it = channels_.find(handle);
    if (it == channels_.end())
        return;
    if (--open_[it->second.digest] <= 0)
        open_.erase(it->second.digest);
    channels_.erase(it);
}

void session_keeper::end_session(std::string const& digest) {
    end_where([&](channel const& c) { return c.digest == digest; });
}

void session_keeper::end_user(std::int64_t user_id, std::string const& keep_digest) {
    end_where([&](channel const& c) { return c.user_id == user_id && c.digest != keep_digest; });
}

void session_keeper::end_all(std::string const& keep_digest) {
    end_where([&](channel const& c) { return c.digest != keep_digest; });
}

void session_keeper::end_where(std::function<bool(channel const&)> const& revoked) {
    std::vector<std::function<void()>> ends;
    {
        std::lock_guard lock(mutex_);
        for (auto it = channels_.begin(); it != channels_.end();) {
            if (!revoked(it->second)) {
                ++it;
                continue;
            }
            ends.push_back(std::move(it->second.end));
            if (--open_[it->second.digest] <= 0)
                open_.erase(it->second.digest);
            it = channels_.erase(it);
        }
    }
    for (auto const& end : ends)
        end();
}

} // namespace phongthi::server
