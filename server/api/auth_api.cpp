#include "server/api/auth_api.hpp"

#include "question-bank/text.hpp"
#include "server/accounts/account_store.hpp"
#include "server/accounts/account_validation.hpp"
#include "server/accounts/session_keeper.hpp"
#include "server/api/router.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/auth/session_token.hpp"
#include "server/log.hpp"

namespace phongthi::server {

namespace {

constexpr std::size_t max_field_length = 256;

/// What login needs after the slow password check, carried to the hash pool and back.
struct login_attempt {
    std::string username;
    std::string password;
    std::string address;
    std::string user_agent;
    std::optional<account_store::credentials> found;
    language lang;
};

void finish_login(services& shared, login_attempt const& attempt, responder respond) {
    auto const now = std::chrono::steady_clock::now();
    std::string const& hash = attempt.found ? attempt.found->password_hash : shared.dummy_hash;
    bool const matches = auth::verify_password(attempt.password, hash) && attempt.found;
    if (!matches) {
        shared.throttle.record_failure(attempt.username, attempt.address, now);
        log(log_level::info, "auth.login_failed",
            {{"username", attempt.username}, {"address", attempt.address}});
        return respond(error_response(401, "bad_credentials", attempt.lang));
    }
    shared.throttle.record_success(attempt.username, now);
    user_record const user = attempt.found->user;
    if (user.disabled)
        return respond(error_response(403, "account_disabled", attempt.lang));

    std::string const token = auth::new_token();
    std::int64_t const created = now_ms();
    std::int64_t const expires = created + shared.sessions.rules().lifetime.count();
    log(log_level::info, "auth.login", {{"username", user.username}, {"address", attempt.address}});
    write_then_reply(
        shared,
        [digest = auth::token_digest(token), user_id = user.id, created, expires,
         address = attempt.address, agent = attempt.user_agent](store::database& db) {
            account_store::insert_session(db, digest, user_id, created, expires, address, agent);
        },
        [token, expires, user] {
            return json_response(
                200,
                json{{"token", token}, {"expires_at", iso_utc(expires)}, {"user", to_json(user)}});
        },
        std::move(respond), attempt.lang);
}

void login(services& shared, api_call const& call, responder respond) {
    auto const body = parse_object(call.request.body);
    auto const username = body ? string_member(*body, "username") : std::nullopt;
    auto const password = body ? string_member(*body, "password") : std::nullopt;
    if (!username || !password || username->empty() || username->size() > max_field_length ||
        password->size() > max_field_length || !bank::is_valid_utf8(*username))
        return respond(error_response(400, "bad_request", call.lang));

    login_attempt attempt{bank::normalize_text(*username),
                          *password,
                          call.request.remote_address,
                          std::string(call.request.header("user-agent")),
                          std::nullopt,
                          call.lang};
    auto const verdict =
        shared.throttle.check(attempt.username, attempt.address, std::chrono::steady_clock::now());
    if (!verdict.allowed)
        return respond(error_response(429, "too_many_attempts", call.lang,
                                      json{{"retry_after", verdict.retry_after.count()}}));
    attempt.found = shared.store.read_side().with(
        [&](store::database& db) { return account_store::find_credentials(db, attempt.username); });
    // Argon2 is slow on purpose: it runs on the hash pool, never on this network thread.
    auto shared_respond = std::make_shared<responder>(std::move(respond));
    bool const queued =
        shared.hashing.try_submit([&shared, attempt = std::move(attempt), shared_respond] {
            finish_login(shared, attempt, std::move(*shared_respond));
        });
    if (!queued)
        (*shared_respond)(error_response(503, "server_busy", call.lang));
}

void logout(services& shared, api_call const& call, responder respond) {
    std::string const digest = auth::token_digest(call.request.bearer_token());
    write_then_reply(
        shared,
        [digest](store::database& db) { account_store::revoke_session(db, digest, now_ms()); },
        [&shared, digest] {
            shared.sessions.end_session(digest);
            return http_response{204, "", "", {}};
        },
        std::move(respond), call.lang);
}

void change_own_password(services& shared, api_call const& call, responder respond) {
    auto const body = parse_object(call.request.body);
    auto const old_password = body ? string_member(*body, "old_password") : std::nullopt;
    auto const new_password = body ? string_member(*body, "new_password") : std::nullopt;
    if (!old_password || !new_password)
        return respond(error_response(400, "bad_request", call.lang));
    auto const problem = check_password(*new_password, call.user->username, call.user->user_role);
    if (problem != password_problem::none)
        return respond(password_refused(problem, "new_password", call.lang));
    auto const found = shared.store.read_side().with([&](store::database& db) {
        return account_store::find_credentials(db, call.user->username);
    });
    auto shared_respond = std::make_shared<responder>(std::move(respond));
    bool const queued = shared.hashing.try_submit(
        [&shared, found, old = *old_password, fresh = *new_password, lang = call.lang,
         address = call.request.remote_address, shared_respond] {
            if (!found || !auth::verify_password(old, found->password_hash))
                return (*shared_respond)(error_response(403, "bad_credentials", lang));
            std::string const hash = auth::hash_password(fresh, shared.hash_params);
            user_record const user = found->user;
            write_then_reply(
                shared,
                [hash, user, address](store::database& db) {
                    std::int64_t const now = now_ms();
                    account_store::set_password(db, user.id, hash, false, now);
                    account_store::append_audit(db, actor{user.id, user.username, address},
                                                "user.password_change", user.username, "", now);
                },
                [] {
                    return http_response{204, "", "", {}};
                },
                std::move(*shared_respond), lang);
        });
    if (!queued)
        (*shared_respond)(error_response(503, "server_busy", call.lang));
}

} // namespace

void add_auth_routes(router& routes, services& shared) {
    routes.add("POST", "/api/login", public_access(),
               [&shared](api_call const& call, responder respond) {
                   login(shared, call, std::move(respond));
               });
    routes.add("POST", "/api/logout", any_user(), [&shared](api_call const& call, responder r) {
        logout(shared, call, std::move(r));
    });
    routes.add("GET", "/api/me", any_user(), [](api_call const& call, responder respond) {
        respond(json_response(200, json{{"user", to_json(*call.user)}}));
    });
    routes.add("POST", "/api/me/password", any_user(),
               [&shared](api_call const& call, responder respond) {
                   change_own_password(shared, call, std::move(respond));
               });
}

} // namespace phongthi::server
