#pragma once

#include "server/net/limits.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace phongthi::server {

/// Where a server listens, and how to trust it over TLS.
struct http_endpoint {
    std::string host;
    std::string port; ///< "80" (http) or "443" (https) when the URL names none
    bool tls = false;
    /// With tls: the SHA-256 fingerprint the server's certificate must have (as the server
    /// prints it, "AB:CD:…"; case and colons do not matter), for a self-signed certificate.
    /// Empty: the certificate must chain to a CA this PC trusts and name `host`.
    std::string fingerprint;
};

/// Reads "http://HOST[:PORT][/]" or "https://HOST[:PORT][/]". Throws std::invalid_argument
/// saying what is wrong.
http_endpoint parse_http_url(std::string_view url);

/// One request of the client: no Beast types, so callers compile without Beast.
struct http_client_request {
    std::string method; ///< "GET", "POST", ...
    std::string target; ///< path and query, e.g. "/api/exams/3/open"
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

/// The answer to an http_client_request.
struct http_client_response {
    int status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; ///< names in lower case
};

/// Sends `request` to `server` on a new connection and reads the answer. The whole exchange
/// (name lookup, connect, send, receive) must end within `timeout`. Throws std::runtime_error
/// when the server cannot be reached, breaks the exchange off or does not answer in time.
/// Blocking; from any thread (each call has its own I/O context).
http_client_response
http_exchange(http_endpoint const& server, http_client_request const& request,
              std::chrono::steady_clock::duration timeout = limits::http_client_timeout);

} // namespace phongthi::server
