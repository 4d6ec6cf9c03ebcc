#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace phongthi::auth {

/// The rules of login_throttle. The defaults lock an account after 5 failed logins within
/// 15 minutes, and keep the per-address limit loose enough that a lab of 250 PCs behind one
/// NAT address is never refused for ordinary typing mistakes.
struct throttle_limits {
    /// Failures of one account within `window` that start a lock-out.
    std::size_t account_failures = 5;
    /// Failures from one client address within `window` after which that address is refused.
    std::size_t address_failures = 1000;
    /// The sliding window over which failures are counted; an account that has been locked is
    /// forgiven after this long without a failure once its lock-out has ended.
    std::chrono::seconds window = std::chrono::minutes(15);
    /// The first lock-out; each further failure doubles it.
    std::chrono::seconds first_lockout = std::chrono::seconds(30);
    /// The longest lock-out.
    std::chrono::seconds max_lockout = std::chrono::minutes(15);
    /// Table size above which expired entries are swept out (the threshold then doubles with the
    /// live entries, so sweeping costs amortised O(1) per call and memory stays bounded).
    std::size_t sweep_threshold = 4096;
};

/// Whether a login attempt may go ahead.
struct verdict {
    /// Which rule refused the attempt.
    enum class reason { none, account, address };
    bool allowed = true;
    /// How long the client should wait before trying again (zero when allowed).
    std::chrono::seconds retry_after{0};
    reason why = reason::none;
};

/// Rate limiting of failed logins, per account and per client address. Only failures count;
/// successes are never throttled and clear the account's record. The caller calls check() before
/// verifying a password, then record_failure() or record_success() with the outcome. The clock
/// is passed in, so tests need no sleeps. Thread-safe: every member may be called from any
/// thread (one mutex; each call is short).
class login_throttle {
public:
    using clock = std::chrono::steady_clock;

    /// A throttle with the given rules.
    explicit login_throttle(throttle_limits const& limits = {});

    /// May `account` (the normalized username) try to log in from `address` at `now`?
    /// Refused while the account is locked out or the address is over its limit; when both
    /// apply, the verdict names the longer wait. Account names are compared with ASCII case
    /// folded and surrounding blanks trimmed. Any thread.
    verdict check(std::string_view account, std::string_view address, clock::time_point now);

    /// Counts one failed login (wrong password or unknown account) of `account` from
    /// `address`; call it only for attempts that check() allowed. Any thread.
    void record_failure(std::string_view account, std::string_view address, clock::time_point now);

    /// Forgets the failures and lock-out of `account` after a successful login. The address's
    /// count is kept: one good password does not vouch for the rest of a lab. Any thread.
    void record_success(std::string_view account, clock::time_point now);

    /// Accounts plus addresses currently remembered, for metrics and tests. Any thread.
    std::size_t tracked_entries() const;

private:
    struct account_entry {
        std::deque<clock::time_point> failures; // the last account_failures ones, oldest first
        int strikes = 0;                        // lock-outs since the account was last forgiven
        clock::time_point locked_until{};
    };
    struct address_entry {
        std::deque<clock::time_point> failures; // within the window, oldest first, bounded
    };

    void prune(account_entry& entry, clock::time_point now) const;
    void prune(address_entry& entry, clock::time_point now) const;
    static bool expired(account_entry const& entry);
    void sweep_if_large(clock::time_point now);
    std::chrono::seconds lockout_for(int strikes) const;

    throttle_limits const limits_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, account_entry> accounts_;
    std::unordered_map<std::string, address_entry> addresses_;
    std::size_t accounts_sweep_at_;
    std::size_t addresses_sweep_at_;
};

} // namespace phongthi::auth
