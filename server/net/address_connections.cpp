#include "server/net/address_connections.hpp"

#include <algorithm>

namespace phongthi::server {

address_connections::address_connections(std::size_t per_address)
    : per_address_(std::max<std::size_t>(per_address, 1)) {}

bool address_connections::try_open(std::string const& address) {
    std::lock_guard lock(mutex_);
    auto& count = open_[address];
    if (count >= per_address_)
        return false;
    ++count;
    return true;
}

void address_connections::close(std::string const& address) {
    std::lock_guard lock(mutex_);
    auto const it = open_.find(address);
    if (it != open_.end() && --it->second == 0)
        open_.erase(it);
}

std::size_t address_connections::open(std::string const& address) const {
    std::lock_guard lock(mutex_);
    auto const it = open_.find(address);
    return it == open_.end() ? 0 : it->second;
}

std::size_t address_connections::tracked_addresses() const {
    std::lock_guard lock(mutex_);
    return open_.size();
}

} // namespace phongthi::server
