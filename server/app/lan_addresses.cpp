#include "server/app/lan_addresses.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include <string_view>

namespace phongthi::server {

std::vector<std::string> lan_addresses() {
    std::vector<std::string> found;
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0)
        return found;
    for (ifaddrs* entry = list; entry != nullptr; entry = entry->ifa_next) {
        if (entry->ifa_addr == nullptr || entry->ifa_addr->sa_family != AF_INET)
            continue;
        char text[INET_ADDRSTRLEN] = {};
        auto const* address = reinterpret_cast<sockaddr_in const*>(entry->ifa_addr);
        if (inet_ntop(AF_INET, &address->sin_addr, text, sizeof text) != nullptr &&
            std::string_view(text) != "127.0.0.1")
            found.emplace_back(text);
    }
    freeifaddrs(list);
    return found;
}

} // namespace phongthi::server
