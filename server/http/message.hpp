#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace phongthi::server {

/// The UI languages; every user-facing message exists in both.
enum class language { vi, en };

/// The language an Accept-Language header value asks for: Vietnamese unless English comes first.
language language_of(std::string_view accept_language);

/// An HTTP request as the application sees it: no Beast types, so handlers and their tests
/// compile without Beast.
struct http_request {
    std::string method; ///< "GET", "POST", ...
    std::string path;   ///< target without the query, e.g. "/api/users/3/disable"
    std::string query;  ///< after '?', undecoded
    std::string body;
    std::string remote_address;
    std::vector<std::pair<std::string, std::string>> headers; ///< names in lower case

    /// The first value of header `name` (lower case), or "".
    std::string_view header(std::string_view name) const;
    /// Vietnamese unless Accept-Language prefers English.
    language preferred_language() const;
    /// The percent-decoded value of query parameter `name` ('+' is a space), or nullopt.
    std::optional<std::string> query_value(std::string_view name) const;
    /// The token of an "Authorization: Bearer ..." header, or "".
    std::string_view bearer_token() const;
};

/// An HTTP response built by the application.
struct http_response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

/// Delivers the response for one request. Call exactly once, from any thread.
using responder = std::function<void(http_response)>;

/// Handles one request; may answer at once or later from another thread.
/// Called on the connection's strand.
using http_handler = std::function<void(http_request const&, responder)>;

} // namespace phongthi::server
