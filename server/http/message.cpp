#include "server/http/message.hpp"

namespace phongthi::server {

std::string_view http_request::header(std::string_view name) const {
    for (auto const& [key, value] : headers) {
        if (key == name)
            return value;
    }
    return {};
}

language language_of(std::string_view accept_language) {
    // The first listed language wins; quality values are not needed for two languages.
    return accept_language.substr(0, 2) == "en" ? language::en : language::vi;
}

language http_request::preferred_language() const {
    return language_of(header("accept-language"));
}

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
                   hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

} // namespace

std::optional<std::string> http_request::query_value(std::string_view name) const {
    std::string_view rest = query;
    while (!rest.empty()) {
        auto const amp = rest.find('&');
        std::string_view const pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        auto const eq = pair.find('=');
        if (percent_decode(pair.substr(0, eq)) == name)
            return eq == std::string_view::npos ? std::string()
                                                : percent_decode(pair.substr(eq + 1));
    }
    return std::nullopt;
}

std::string_view http_request::bearer_token() const {
    std::string_view const value = header("authorization");
    constexpr std::string_view scheme = "Bearer ";
    if (value.size() <= scheme.size() || value.substr(0, scheme.size()) != scheme)
        return {};
    return value.substr(scheme.size());
}

} // namespace phongthi::server
