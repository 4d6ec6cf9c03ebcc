#include "server/auth/login_throttle.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>

namespace phongthi::auth {

namespace {

// The account key: ASCII case folded and blanks trimmed, so "An " and "an" share one record.
std::string account_key(std::string_view account) {
    constexpr std::string_view blanks = " \t\r\n";
    auto const first = account.find_first_not_of(blanks);
    if (first == std::string_view::npos)
        return {};
    account = account.substr(first, account.find_last_not_of(blanks) - first + 1);
    std::string key(account);
    for (char& c : key)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return key;
}

// Whole seconds until `until`, rounded up and at least one, for a Retry-After answer.
std::chrono::seconds wait_until(login_throttle::clock::time_point until,
                                login_throttle::clock::time_point now) {
    return std::max(std::chrono::ceil<std::chrono::seconds>(until - now), std::chrono::seconds(1));
}

} // namespace

login_throttle::login_throttle(throttle_limits const& limits)
    : limits_(limits), accounts_sweep_at_(limits.sweep_threshold),
      addresses_sweep_at_(limits.sweep_threshold) {
    if (limits.account_failures < 1 || limits.address_failures < 1 ||
        limits.window <= std::chrono::seconds::zero() ||
        limits.first_lockout <= std::chrono::seconds::zero() ||
        limits.max_lockout < limits.first_lockout)
        throw std::invalid_argument("login_throttle: inconsistent throttle_limits");
}

verdict login_throttle::check(std::string_view account, std::string_view address,
                              clock::time_point now) {
    verdict result;
    std::lock_guard lock(mutex_);

    if (auto it = accounts_.find(account_key(account)); it != accounts_.end()) {
        prune(it->second, now);
        if (expired(it->second))
            accounts_.erase(it);
        else if (now < it->second.locked_until)
            result = {false, wait_until(it->second.locked_until, now), verdict::reason::account};
    }

    if (auto it = addresses_.find(std::string(address)); it != addresses_.end()) {
        prune(it->second, now);
        auto const& failures = it->second.failures;
        if (failures.empty()) {
            addresses_.erase(it);
        } else if (failures.size() >= limits_.address_failures) {
            auto const wait = wait_until(failures.front() + limits_.window, now);
            if (result.allowed || wait > result.retry_after)
                result = {false, wait, verdict::reason::address};
        }
    }
    return result;
}

void login_throttle::record_failure(std::string_view account, std::string_view address,
                                    clock::time_point now) {
    std::lock_guard lock(mutex_);
    sweep_if_large(now);

    auto& entry = accounts_[account_key(account)];
    prune(entry, now);
    entry.failures.push_back(now);
    if (entry.failures.size() > limits_.account_failures)
        entry.failures.pop_front();
    // Once locked, every further failure doubles the lock-out until the account is forgiven.
    if (entry.strikes > 0 || entry.failures.size() >= limits_.account_failures) {
        if (entry.strikes == 0 || lockout_for(entry.strikes) < limits_.max_lockout)
            ++entry.strikes; // no need to count past the cap
        entry.locked_until = now + lockout_for(entry.strikes);
    }

    auto& from = addresses_[std::string(address)];
    prune(from, now);
    from.failures.push_back(now);
    if (from.failures.size() > limits_.address_failures)
        from.failures.pop_front();
}

void login_throttle::record_success(std::string_view account, clock::time_point now) {
    std::lock_guard lock(mutex_);
    accounts_.erase(account_key(account));
    sweep_if_large(now);
}

std::size_t login_throttle::tracked_entries() const {
    std::lock_guard lock(mutex_);
    return accounts_.size() + addresses_.size();
}

void login_throttle::prune(account_entry& entry, clock::time_point now) const {
    while (!entry.failures.empty() && now - entry.failures.front() >= limits_.window)
        entry.failures.pop_front();
    if (entry.strikes > 0 && now >= entry.locked_until + limits_.window)
        entry.strikes = 0;
}

void login_throttle::prune(address_entry& entry, clock::time_point now) const {
    while (!entry.failures.empty() && now - entry.failures.front() >= limits_.window)
        entry.failures.pop_front();
}

bool login_throttle::expired(account_entry const& entry) {
    // strikes is cleared only a full window after the lock-out ended, so this is never locked.
    return entry.failures.empty() && entry.strikes == 0;
}

void login_throttle::sweep_if_large(clock::time_point now) {
    if (accounts_.size() >= accounts_sweep_at_) {
        for (auto it = accounts_.begin(); it != accounts_.end();) {
            prune(it->second, now);
            it = expired(it->second) ? accounts_.erase(it) : std::next(it);
        }
        accounts_sweep_at_ = std::max(limits_.sweep_threshold, 2 * accounts_.size());
    }
    if (addresses_.size() >= addresses_sweep_at_) {
        for (auto it = addresses_.begin(); it != addresses_.end();) {
            prune(it->second, now);
            it = it->second.failures.empty() ? addresses_.erase(it) : std::next(it);
        }
        addresses_sweep_at_ = std::max(limits_.sweep_threshold, 2 * addresses_.size());
    }
}

std::chrono::seconds login_throttle::lockout_for(int strikes) const {
    auto lockout = limits_.first_lockout;
    for (int i = 1; i < strikes && lockout < limits_.max_lockout; ++i)
        lockout *= 2;
    return std::min(lockout, limits_.max_lockout);
}

} // namespace phongthi::auth
