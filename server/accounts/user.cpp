#include "server/accounts/user.hpp"

#include <array>

namespace phongthi::server {

namespace {
constexpr std::array<std::string_view, 4> role_keys{"admin", "lecturer", "proctor", "candidate"};
}

std::string_view role_key(role r) {
    return role_keys[static_cast<std::size_t>(r)];
}

std::optional<role> parse_role(std::string_view text) {
    for (std::size_t i = 0; i < role_keys.size(); ++i) {
        if (role_keys[i] == text)
            return static_cast<role>(i);
    }
    return std::nullopt;
}

bool is_staff(role r) {
    return r != role::candidate;
}

} // namespace phongthi::server
