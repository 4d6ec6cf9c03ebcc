#include "server/api/admin_api.hpp"

#include "server/accounts/account_store.hpp"
#include "server/accounts/account_validation.hpp"
#include "server/accounts/session_keeper.hpp"
#include "server/api/router.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/auth/session_token.hpp"
#include "server/store/database.hpp"

namespace phongthi::server {

namespace {

/// Runs the slow hash on the pool, then the write, then answers.
void hash_then_write(services& shared, api_call const& call, std::string password,
                     std::function<void(std::string const& hash, responder)> write,
                     responder respond) {
    auto shared_respond = std::make_shared<responder>(std::move(respond));
    bool const queued = shared.hashing.try_submit(
        [&shared, password = std::move(password), write = std::move(write), shared_respond] {
            write(auth::hash_password(password, shared.hash_params), std::move(*shared_respond));
        });
    if (!queued)
        (*shared_respond)(error_response(503, "server_busy", call.lang));
}

void create_user(services& shared, api_call const& call, responder respond) {
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    account_input input;
    if (auto const bad = read_text_fields(*body, {{"username", &input.username},
                                                  {"full_name", &input.full_name},
                                                  {"role", &input.role},
                                                  {"unit_code", &input.unit_code},
                                                  {"password", &input.password}}))
        return respond(invalid_field(*bad, call.lang));
    auto const checked = check_new_account(input);
    if (checked.password_issue != password_problem::none)
        return respond(password_refused(checked.password_issue, "password", call.lang));
    if (!checked.error_field.empty())
        return respond(invalid_field(checked.error_field, call.lang));
    std::optional<unit_record> unit;
    if (!checked.unit_code.empty()) {
        unit = shared.store.read_side().with(
            [&](store::database& db) { return account_store::find_unit(db, checked.unit_code); });
        if (!unit)
            return respond(
                error_response(400, "unknown_unit", call.lang, json{{"field", "unit_code"}}));
    }
    bool const generated = checked.password.empty();
    std::string const password =
        generated ? auth::random_password(generated_password_length(checked.user_role))
                  : checked.password;
    account_store::new_user user{checked.username,
                                 checked.full_name,
                                 checked.user_role,
                                 unit ? std::optional(unit->id) : std::nullopt,
                                 "",
                                 true};
    hash_then_write(
        shared, call, password,
        [&shared, user, who = actor_of(call), lang = call.lang, generated,
         password](std::string const& hash, responder reply) mutable {
            user.password_hash = hash;
            auto created = std::make_shared<std::optional<user_record>>();
            write_then_reply(
                shared,
                [user, who, created](store::database& db) {
                    std::int64_t const now = now_ms();
                    std::int64_t const id = account_store::insert_user(db, user, now);
                    account_store::append_audit(
                        db, who, "user.create", user.username,
                        json{{"role", role_key(user.user_role)}, {"full_name", user.full_name}}
                            .dump(),
                        now);
                    *created = account_store::find_user(db, id);
                },
                [created, generated, password] {
                    json reply_body{{"user", to_json(created->value())}};
                    if (generated)
                        reply_body["initial_password"] = password;
                    return json_response(201, reply_body);
                },
                std::move(reply), lang, conflict_as("username_taken", lang));
        },
        std::move(respond));
}

void reset_password(services& shared, api_call const& call, responder respond) {
    auto const id = parse_id(call.params.at(0));
    if (!id)
        return respond(error_response(404, "not_found", call.lang));
    auto const body = parse_object(call.request.body.empty() ? "{}" : call.request.body);
    auto const chosen = body ? string_member(*body, "password") : std::nullopt;
    auto const target = shared.store.read_side().with(
        [&](store::database& db) { return account_store::find_user(db, *id); });
    if (!target)
        return respond(error_response(404, "not_found", call.lang));
    bool const generated = !chosen || chosen->empty();
    if (!generated) {
        auto const problem = check_password(*chosen, target->username, target->user_role);
        if (problem != password_problem::none)
            return respond(password_refused(problem, "password", call.lang));
    }
    std::string const password =
        generated ? auth::random_password(generated_password_length(target->user_role)) : *chosen;
    hash_then_write(
        shared, call, password,
        [&shared, id = *id, who = actor_of(call), lang = call.lang, generated,
         password](std::string const& hash, responder reply) {
            auto found = std::make_shared<bool>(false);
            write_then_reply(
                shared,
                [id, hash, who, found](store::database& db) {
                    std::int64_t const now = now_ms();
                    *found = account_store::set_password(db, id, hash, true, now);
                    if (!*found)
                        return;
                    account_store::revoke_user_sessions(db, id, now);
                    account_store::append_audit(db, who, "user.password_reset",
                                                "user:" + std::to_string(id), "", now);
                },
                [&shared, id, found, generated, password, lang] {
                    if (!*found)
                        return error_response(404, "not_found", lang);
                    shared.sessions.end_user(id, "");
                    json reply_body = json::object();
                    if (generated)
                        reply_body["initial_password"] = password;
                    return json_response(200, reply_body);
                },
                std::move(reply), lang);
        },
        std::move(respond));
}

void set_disabled(services& shared, api_call const& call, responder respond, bool disabled) {
    auto const id = parse_id(call.params.at(0));
    if (!id)
        return respond(error_response(404, "not_found", call.lang));
    auto updated = std::make_shared<std::optional<user_record>>();
    write_then_reply(
        shared,
        [id = *id, who = actor_of(call), disabled, updated](store::database& db) {
            std::int64_t const now = now_ms();
            if (!account_store::set_disabled(db, id, disabled, now))
                return;
            if (disabled)
                account_store::revoke_user_sessions(db, id, now);
            account_store::append_audit(db, who, disabled ? "user.disable" : "user.enable",
                                        "user:" + std::to_string(id), "", now);
            *updated = account_store::find_user(db, id);
        },
        [&shared, updated, disabled, lang = call.lang] {
            if (!*updated)
                return error_response(404, "not_found", lang);
            if (disabled)
                shared.sessions.end_user((*updated)->id, "");
            return json_response(200, json{{"user", to_json(**updated)}});
        },
        std::move(respond), call.lang);
}

void create_unit(services& shared, api_call const& call, responder respond) {
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    unit_input input;
    if (auto const bad = read_text_fields(
            *body,
            {{"code", &input.code}, {"name", &input.name}, {"parent_code", &input.parent_code}}))
        return respond(invalid_field(*bad, call.lang));
    auto const checked = check_new_unit(input);
    if (!checked.error_field.empty())
        return respond(invalid_field(checked.error_field, call.lang));
    std::optional<std::int64_t> parent_id;
    if (!checked.parent_code.empty()) {
        auto const parent = shared.store.read_side().with(
            [&](store::database& db) { return account_store::find_unit(db, checked.parent_code); });
        if (!parent)
            return respond(
                error_response(400, "unknown_unit", call.lang, json{{"field", "parent_code"}}));
        parent_id = parent->id;
    }
    auto created = std::make_shared<std::optional<unit_record>>();
    write_then_reply(
        shared,
        [checked, parent_id, who = actor_of(call), created](store::database& db) {
            std::int64_t const now = now_ms();
            account_store::insert_unit(db, checked.code, checked.name, parent_id, now);
            account_store::append_audit(db, who, "unit.create", checked.code,
                                        json{{"name", checked.name}}.dump(), now);
            *created = account_store::find_unit(db, checked.code);
        },
        [created] {
            return json_response(201, json{{"unit", to_json(created->value())}});
        },
        std::move(respond), call.lang, conflict_as("code_taken", call.lang));
}

} // namespace

void add_admin_routes(router& routes, services& shared) {
    auto const admin = only({role::admin});
    routes.add("GET", "/api/users", admin, [&shared](api_call const&, responder respond) {
        auto const users = shared.store.read_side().with(
            [](store::database& db) { return account_store::list_users(db); });
        json list = json::array();
        for (auto const& user : users)
            list.push_back(to_json(user));
        respond(json_response(200, json{{"users", std::move(list)}}));
    });
    routes.add("POST", "/api/users", admin, [&shared](api_call const& call, responder respond) {
        create_user(shared, call, std::move(respond));
    });
    routes.add("POST", "/api/users/{id}/password", admin,
               [&shared](api_call const& call, responder respond) {
                   reset_password(shared, call, std::move(respond));
               });
    routes.add("POST", "/api/users/{id}/disable", admin,
               [&shared](api_call const& call, responder respond) {
                   set_disabled(shared, call, std::move(respond), true);
               });
    routes.add("POST", "/api/users/{id}/enable", admin,
               [&shared](api_call const& call, responder respond) {
                   set_disabled(shared, call, std::move(respond), false);
               });
    routes.add("GET", "/api/units", only({role::admin, role::lecturer, role::proctor}),
               [&shared](api_call const&, responder respond) {
                   auto const units = shared.store.read_side().with(
                       [](store::database& db) { return account_store::list_units(db); });
                   json list = json::array();
                   for (auto const& unit : units)
                       list.push_back(to_json(unit));
                   respond(json_response(200, json{{"units", std::move(list)}}));
               });
    routes.add("POST", "/api/units", admin, [&shared](api_call const& call, responder respond) {
        create_unit(shared, call, std::move(respond));
    });
}

} // namespace phongthi::server
