#include "server/ws/client_channel.hpp"

#include "server/accounts/session_keeper.hpp"
#include "server/api/api_support.hpp"
#include "server/api/class_scope.hpp"
#include "server/app/services.hpp"
#include "server/auth/session_token.hpp"
#include "server/exams/exam_runtime.hpp"
#include "server/log.hpp"

#include <atomic>
#include <utility>

namespace phongthi::server {

namespace {

constexpr int protocol_version = 1;

std::atomic<std::uint64_t> next_link_id{1};

/// One candidate's or staff member's WebSocket. Runs on the connection's strand.
class client_channel : public ws_handler {
public:
    client_channel(services& shared, std::weak_ptr<ws_peer> peer, language lang,
                   std::string address)
        : services_(shared), peer_(std::move(peer)), lang_(lang), address_(std::move(address)) {}

    ~client_channel() override {
        if (session_handle_)
            services_.sessions.detach(session_handle_);
    }

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
        if (session_handle_) {
            // The connection was in use until now: a reconnect after a network blip is not idle.
            services_.sessions.touch(digest_, now_ms());
            services_.sessions.detach(std::exchange(session_handle_, 0));
        }
        if (!user_)
            return;
        log(log_level::debug, "ws.closed", {{"username", user_->username}});
        if (exam_)
            services_.exams.left(link_, *exam_, user_->id);
        if (watched_)
            services_.exams.unwatch(link_.id, *watched_);
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
        if (user_) // every message, the client's 15-second pings included, is a use
            services_.sessions.touch(digest_, now_ms());
        if (*type == "ping")
            return send(json{
                {"t", "pong"}, {"id", message.value("id", json())}, {"server_time", now_ms()}});
        if (!user_)
            return send_error("unauthenticated");
        if (*type == "join")
            return join(message);
        if (*type == "watch")
            return watch(message);
        if (!exam_)
            return send_error(*type == "answer" || *type == "submit" || *type == "event"
                                  ? "not_running"
                                  : "unknown_type");
        if (*type == "answer")
            return services_.exams.answer(link_, *exam_, user_->id, message);
        if (*type == "submit")
            return services_.exams.submit(link_, *exam_, user_->id);
        if (*type == "event")
            return services_.exams.integrity_event(link_, *exam_, user_->id, message);
        send_error("unknown_type");
    }

    /// A candidate opens their attempt at one exam; the connection then belongs to it.
    void join(json const& message) {
        auto const exam = message.find("exam");
        if (exam == message.end() || !exam->is_number_integer() || exam->get<std::int64_t>() <= 0)
            return send_error("bad_request");
        if (user_->user_role != role::candidate)
            return send_error("forbidden");
        if (exam_ && *exam_ != exam->get<std::int64_t>())
            services_.exams.left(link_, *exam_, user_->id);
        exam_ = exam->get<std::int64_t>();
        services_.exams.join(link_, *user_, *exam_, string_member(message, "start_code"));
    }

    /// A staff member follows a room's live feed.
    void watch(json const& message) {
        auto const exam = message.find("exam");
        if (exam == message.end() || !exam->is_number_integer() || exam->get<std::int64_t>() <= 0)
            return send_error("bad_request");
        if (user_->user_role == role::candidate)
            return send_error("forbidden");
        if (!services_.store.read_side().with([&](store::database& db) {
                return class_scope::allows(db, *user_, class_scope::kind::exam,
                                           exam->get<std::int64_t>());
            }))
            return send_error("not_class_staff");
        if (watched_)
            services_.exams.unwatch(link_.id, *watched_);
        watched_.reset();
        if (!services_.exams.watch(link_, exam->get<std::int64_t>()))
            return send_error("exam_not_open");
        watched_ = exam->get<std::int64_t>();
    }

    void hello(json const& message) {
        auto const token = string_member(message, "token");
        if (token && !token->empty()) {
            digest_ = auth::token_digest(*token);
            user_ = services_.sessions.authenticate(digest_, now_ms());
        }
        if (!user_)
            return send_error("unauthenticated");
        if (session_handle_)
            services_.sessions.detach(session_handle_);
        // A revoked session loses this connection at once; the candidate's saved answers stay.
        session_handle_ =
            services_.sessions.attach(digest_, user_->id, [peer = peer_, lang = lang_] {
                auto alive = peer.lock();
                if (!alive)
                    return;
                alive->send(std::make_shared<std::string const>(json{
                    {"t", "error"},
                    {"code", "session_revoked"},
                    {"message",
                     error_message("session_revoked", lang)}}.dump()));
                alive->close();
            });
        if (auto const lang = string_member(message, "lang"); lang == "vi" || lang == "en")
            lang_ = *lang == "en" ? language::en : language::vi;
        link_ = exam_link{peer_, next_link_id.fetch_add(1), address_, lang_};
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
    std::string digest_;               ///< of the session token given in hello
    std::uint64_t session_handle_ = 0; ///< in session_keeper while signed in
    std::string address_;
    exam_link link_;
    std::optional<std::int64_t> exam_;    ///< the exam this candidate joined
    std::optional<std::int64_t> watched_; ///< the room this staff member watches
};

} // namespace

ws_handler_factory make_client_channel_factory(services& shared) {
    return [&shared](std::weak_ptr<ws_peer> peer, http_request const& upgrade) {
        return std::make_unique<client_channel>(
            shared, std::move(peer), upgrade.preferred_language(), upgrade.remote_address);
    };
}

} // namespace phongthi::server
