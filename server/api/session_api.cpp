#include "server/api/session_api.hpp"

#include "server/accounts/account_store.hpp"
#include "server/accounts/session_keeper.hpp"
#include "server/api/router.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/auth/session_token.hpp"
#include "server/store/database.hpp"

#include <memory>

namespace phongthi::server {

namespace {

/// Which sessions one revocation ends.
struct revocation {
    std::int64_t user_id = 0; ///< 0: every user's
    std::string keep_digest;  ///< this session stays (empty: none)
    std::string action;       ///< the audit action
    std::string target;       ///< the audit target
};

std::string own_digest(api_call const& call) {
    return auth::token_digest(call.request.bearer_token());
}

void list_own_sessions(services& shared, api_call const& call, responder respond) {
    std::int64_t const now = now_ms();
    std::string const mine = own_digest(call);
    auto const sessions = shared.store.read_side().with(
        [&](store::database& db) { return account_store::list_sessions(db, now, call.user->id); });
    json list = json::array();
    for (auto const& s : sessions) {
        if (s.token_digest != mine && shared.sessions.is_idle(s.token_digest, s.last_seen_at, now))
            continue;
        list.push_back(json{{"id", s.id},
                            {"created_at", iso_utc(s.created_at)},
                            {"last_seen_at", iso_utc(s.last_seen_at)},
                            {"expires_at", iso_utc(s.expires_at)},
                            {"address", s.address},
                            {"user_agent", s.user_agent},
                            {"current", s.token_digest == mine}});
    }
    respond(json_response(200, json{{"sessions", std::move(list)}}));
}

/// Revokes in the database, writes the audit row, then ends the matching WebSockets and answers
/// {"revoked": N}.
void revoke(services& shared, api_call const& call, revocation what, responder respond) {
    auto ended = std::make_shared<int>(0);
    write_then_reply(
        shared,
        [what, who = actor_of(call), ended](store::database& db) {
            std::int64_t const now = now_ms();
            *ended =
                what.user_id > 0
                    ? account_store::revoke_user_sessions(db, what.user_id, now, what.keep_digest)
                    : account_store::revoke_all_sessions(db, now, what.keep_digest);
            account_store::append_audit(db, who, what.action, what.target,
                                        json{{"revoked", *ended}}.dump(), now);
        },
        [&shared, what, ended] {
            if (what.user_id > 0)
                shared.sessions.end_user(what.user_id, what.keep_digest);
            else
                shared.sessions.end_all(what.keep_digest);
            return json_response(200, json{{"revoked", *ended}});
        },
        std::move(respond), call.lang);
}

void revoke_user(services& shared, api_call const& call, responder respond) {
    auto const id = parse_id(call.params.at(0));
    auto const user = id ? shared.store.read_side().with([&](store::database& db) {
        return account_store::find_user(db, *id);
    })
                         : std::nullopt;
    if (!user)
        return respond(error_response(404, "not_found", call.lang));
    revoke(shared, call, {user->id, "", "session.revoke_user", user->username}, std::move(respond));
}

} // namespace

void add_session_routes(router& routes, services& shared) {
    routes.add("GET", "/api/me/sessions", any_user(),
               [&shared](api_call const& call, responder respond) {
                   list_own_sessions(shared, call, std::move(respond));
               });
    routes.add(
        "POST", "/api/me/sessions/revoke-others", any_user(),
        [&shared](api_call const& call, responder respond) {
            revoke(shared, call,
                   {call.user->id, own_digest(call), "session.revoke_others", call.user->username},
                   std::move(respond));
        });
    auto const admin = only({role::admin});
    routes.add("POST", "/api/users/{id}/sessions/revoke", admin,
               [&shared](api_call const& call, responder respond) {
                   revoke_user(shared, call, std::move(respond));
               });
    routes.add("POST", "/api/sessions/revoke-all", admin,
               [&shared](api_call const& call, responder respond) {
                   revoke(shared, call, {0, own_digest(call), "session.revoke_all", "*"},
                          std::move(respond));
               });
}

} // namespace phongthi::server
