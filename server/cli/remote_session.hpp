#pragma once

#include "server/http/message.hpp"
#include "server/net/http_client.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace phongthi::server {

/// The password of `username` for a command that signs in to the server: $PHONGTHI_PASSWORD, or
/// else one line read from stdin (with a prompt on stderr and no echo when stdin is a terminal).
std::string password_for(std::string const& username);

/// A signed-in session on a running server, for the commands that must go through it (the
/// server's in-memory runtime owns the exam clocks). Signs in on construction and out on
/// destruction. Errors carry the server's message, in the language asked for. One thread.
class remote_session {
public:
    /// POST /api/login at `url` (http://HOST:PORT); throws std::runtime_error with the server's
    /// message when it refuses, std::invalid_argument for a URL it cannot use.
    remote_session(std::string const& url, std::string const& username, std::string const& password,
                   language lang);
    /// POST /api/logout; a failure there is ignored (the session expires anyway).
    ~remote_session();
    remote_session(remote_session const&) = delete;
    remote_session& operator=(remote_session const&) = delete;

    /// POSTs `body` to `target` and returns the reply's JSON; throws std::runtime_error with the
    /// server's message when the answer is not a success.
    nlohmann::json post(std::string const& target, nlohmann::json const& body);

private:
    http_client_response exchange(std::string const& target, std::string body);

    http_endpoint server_;
    language lang_;
    std::string token_;
};

} // namespace phongthi::server
