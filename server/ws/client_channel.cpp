#include "server/ws/client_channel.hpp"

#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/app/services.hpp"
#include "server/auth/session_token.hpp"
#include "server/log.hpp"

namespace phongthi::server {

namespace {

constexpr int protocol_version = 1;

/// One candidate's or staff member's WebSocket. Runs on the connection's strand.
class client_channel : public ws_handler {
public:
    client_channel(services& shared, std::weak_ptr<ws_peer> peer, language lang)
        : services_(shared), peer_(std::move(peer)), lang_(lang) {}

    void on_text(std::string_view text) override {
        try {
            handle(text);
        } catch (std::exception const& e) {
            log(log_level::error, "ws.handler_failed", {{"error", e.what()}});
            send_error("internal");
        }
    }

    void on_binary() override { send_error("binary_not_supported"); }

    void on_close() override {
        if (user_)
            log(log_level::debug, "ws.closed", {{"username", user_->username}});
    }

private:
    void handle(std::string_view text) {
        json message = json::parse(text, nullptr, false);
        if (message.is_discarded() || !message.is_object())
            return send_error("bad_json");
        auto const type = string_member(message, "t");
        if (!type)
            return send_error("bad_request");
        if (*type == "hello")
            return hello(message);
        if (*type == "ping")
            return send(json{
                {"t", "pong"}, {"id", message.value("id", json())}, {"server_time", now_ms()}});
        if (!user_)
            return send_error("unauthenticated");
        send_error("unknown_type");
    }

    void hello(json const& message) {
        auto const token = string_member(message, "token");
        if (token && !token->empty()) {
            std::string const digest = auth::token_digest(*token);
            user_ = services_.store.read_side().with([&](store::database& db) {
                return account_store::find_session_user(db, digest, now_ms());
            });
        }
        if (!user_)
            return send_error("unauthenticated");
        send(json{{"t", "welcome"},
                  {"protocol", protocol_version},
                  {"user", to_json(*user_)},
                  {"server_time", now_ms()}});
    }

    void send_error(std::string_view code) {
        send(json{{"t", "error"}, {"code", code}, {"message", error_message(code, lang_)}});
    }

    void send(json const& message) {
        if (auto peer = peer_.lock())
            peer->send(std::make_shared<std::string const>(message.dump()));
    }

    services& services_;
    std::weak_ptr<ws_peer> peer_;
    language lang_;
    std::optional<user_record> user_;
};

} // namespace

ws_handler_factory make_client_channel_factory(services& shared) {
    return [&shared](std::weak_ptr<ws_peer> peer, http_request const& upgrade) {
        return std::make_unique<client_channel>(shared, std::move(peer),
                                                upgrade.preferred_language());
    };
}

} // namespace phongthi::server
