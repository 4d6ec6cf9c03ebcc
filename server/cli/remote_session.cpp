#include "server/cli/remote_session.hpp"

#include <cstdlib>
#include <iostream>
#include <stdexcept>

#include <termios.h>
#include <unistd.h>

namespace phongthi::server {

namespace {

using json = nlohmann::json;

/// Turns terminal echo off for its lifetime.
class echo_off {
public:
    echo_off() : active_(tcgetattr(STDIN_FILENO, &saved_) == 0) {
        if (!active_)
            return;
        termios quiet = saved_;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    ~echo_off() {
        if (active_)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    }
    echo_off(echo_off const&) = delete;
    echo_off& operator=(echo_off const&) = delete;

private:
    termios saved_{};
    bool active_ = false;
};

/// The server's error as one line: its message, the field it names, and a shortage message.
std::string server_message(http_client_response const& reply, language lang) {
    auto const body = json::parse(reply.body, nullptr, false);
    auto const error = body.is_object() ? body.value("error", json()) : json();
    if (!error.is_object())
        return "the server answered " + std::to_string(reply.status);
    std::string text = error.value("message", error.value("code", std::string("error")));
    if (auto const field = error.value("field", std::string()); !field.empty())
        text += " (" + field + ")";
    auto const shortage =
        error.value(lang == language::en ? "message_en" : "message_vi", std::string());
    if (!shortage.empty())
        text += "\n" + shortage;
    return text;
}

} // namespace

std::string password_for(std::string const& username) {
    if (char const* given = std::getenv("PHONGTHI_PASSWORD"))
        return given;
    bool const terminal = isatty(STDIN_FILENO) != 0;
    std::string password;
    if (terminal) {
        std::cerr << "password for " << username << ": " << std::flush;
        echo_off quiet;
        std::getline(std::cin, password);
        std::cerr << "\n";
    } else {
        std::getline(std::cin, password);
    }
    if (password.empty())
        throw std::runtime_error("no password: set PHONGTHI_PASSWORD or type it on stdin");
    return password;
}

remote_session::remote_session(std::string const& url, std::string const& username,
                               std::string const& password, language lang)
    : server_(parse_http_url(url)), lang_(lang) {
    // A self-signed server is trusted by the fingerprint it printed at start.
    if (char const* pin = std::getenv("PHONGTHI_TLS_FINGERPRINT"); pin != nullptr)
        server_.fingerprint = pin;
    auto const reply =
        exchange("/api/login", json{{"username", username}, {"password", password}}.dump());
    if (reply.status != 200)
        throw std::runtime_error(server_message(reply, lang_));
    token_ = json::parse(reply.body, nullptr, false).value("token", std::string());
    if (token_.empty())
        throw std::runtime_error("the server's login answer has no token");
}

remote_session::~remote_session() {
    try {
        exchange("/api/logout", "");
    } catch (std::exception const&) {
        // The session expires on the server anyway; the command's own result is what counts.
    }
}

json remote_session::post(std::string const& target, json const& body) {
    auto const reply = exchange(target, body.dump());
    if (reply.status < 200 || reply.status > 299)
        throw std::runtime_error(server_message(reply, lang_));
    auto parsed = json::parse(reply.body, nullptr, false);
    return parsed.is_discarded() ? json::object() : parsed;
}

http_client_response remote_session::exchange(std::string const& target, std::string body) {
    http_client_request request{"POST", target, std::move(body), {}};
    request.headers.emplace_back("Content-Type", "application/json");
    request.headers.emplace_back("Accept-Language", lang_ == language::en ? "en" : "vi");
    if (!token_.empty())
        request.headers.emplace_back("Authorization", "Bearer " + token_);
    return http_exchange(server_, request);
}

} // namespace phongthi::server
