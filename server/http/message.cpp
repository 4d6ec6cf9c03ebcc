#include "server/http/message.hpp"

namespace phongthi::server {

std::string_view http_request::header(std::string_view name) const {
    for (auto const& [key, value] : headers) {
        if (key == name)
            return value;
    }
    return {};
}

language http_request::preferred_language() const {
    std::string_view const accept = header("accept-language");
    // The first listed language wins; quality values are not needed for two languages.
    return accept.substr(0, 2) == "en" ? language::en : language::vi;
}

std::string_view http_request::bearer_token() const {
    std::string_view const value = header("authorization");
    constexpr std::string_view scheme = "Bearer ";
    if (value.size() <= scheme.size() || value.substr(0, scheme.size()) != scheme)
        return {};
    return value.substr(scheme.size());
}

} // namespace phongthi::server
