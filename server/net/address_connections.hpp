#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace phongthi::server {

/// The open connections of each client address, capped: one address cannot take the whole
/// server's connection budget. An address is forgotten when its last connection closes, so
/// memory follows the open connections. Thread-safe (one mutex, taken once when a connection
/// opens and once when it closes, never per request).
class address_connections {
public:
    /// At most `per_address` open connections per address (at least 1).
    explicit address_connections(std::size_t per_address);

    /// Counts one more open connection of `address` unless it has the maximum open already;
    /// false then (nothing counted). Any thread.
    bool try_open(std::string const& address);
    /// Counts one connection of `address` (opened by try_open) as closed. Any thread.
    void close(std::string const& address);

    /// The most open connections one address may hold.
    std::size_t limit() const { return per_address_; }
    /// Open connections of `address`. Any thread.
    std::size_t open(std::string const& address) const;
    /// Addresses with an open connection. Any thread.
    std::size_t tracked_addresses() const;

private:
    std::size_t const per_address_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::size_t> open_;
};

} // namespace phongthi::server
