#include "server/api/rooms_api.hpp"

#include "server/accounts/account_store.hpp"
#include "server/api/router.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/classroom/room_input.hpp"
#include "server/classroom/room_store.hpp"
#include "server/exams/exam_runtime.hpp"
#include "server/store/database.hpp"

#include <memory>

namespace phongthi::server {

namespace {

json room_summary_json(room_store::room_summary const& r) {
    return {{"id", r.id},       {"name", r.name},         {"rows", r.rows}, {"cols", r.cols},
            {"seats", r.seats}, {"disabled", r.disabled}, {"pcs", r.pcs}};
}

/// The room of the path's {id}, or null.
json room_of(services& shared, std::int64_t id) {
    return shared.store.read_side().with([&](store::database& db) -> json {
        auto const room = room_store::find_room(db, id);
        return room ? room_input::room_json(*room) : json(nullptr);
    });
}

/// Creates (id 0) or replaces a room from the JSON body; a bad field answers 400 naming it and
/// the seat.
void save_room(services& shared, api_call const& call, responder respond, std::int64_t id) {
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    room_store::room_record room;
    room.id = id;
    if (auto const problem = room_input::read_room(*body, room))
        return respond(error_response(
            400, "invalid_field", call.lang,
            json{{"field", problem->field},
                 {"seat", problem->seat.empty() ? json(nullptr) : json(problem->seat)}}));
    auto saved = std::make_shared<json>(nullptr);
    write_then_reply(
        shared,
        [room, who = actor_of(call), saved](store::database& db) mutable {
            bool const created = room.id == 0;
            if (created)
                room.id = room_store::insert_room(db, room);
            else if (!room_store::update_room(db, room))
                return;
            account_store::append_audit(db, who, created ? "room.create" : "room.update",
                                        "room:" + std::to_string(room.id),
                                        json{{"name", room.name},
                                             {"rows", room.rows},
                                             {"cols", room.cols},
                                             {"seats", room.seats.size()}}
                                            .dump(),
                                        now_ms());
            *saved = room_input::room_json(*room_store::find_room(db, room.id));
        },
        [&shared, saved, lang = call.lang, created = id == 0] {
            if (saved->is_null())
                return error_response(404, "not_found", lang);
            shared.exams.refresh_seats();
            return json_response(created ? 201 : 200, json{{"room", *saved}});
        },
        std::move(respond), call.lang,
        [lang = call.lang](std::exception_ptr error) -> std::optional<http_response> {
            try {
                std::rethrow_exception(error);
            } catch (room_store::seat_in_use const& used) {
                return error_response(409, "seat_in_use", lang,
                                      json{{"field", "seats"}, {"seat", used.label}});
            } catch (store::sqlite_error const& e) {
                if (e.is_unique_violation())
                    return error_response(409, "room_name_taken", lang, json{{"field", "name"}});
            } catch (...) {
            }
            return std::nullopt;
        });
}

void delete_room(services& shared, api_call const& call, responder respond, std::int64_t id) {
    auto outcome = std::make_shared<std::string>("not_found");
    write_then_reply(
        shared,
        [id, who = actor_of(call), outcome](store::database& db) {
            auto const room = room_store::find_room(db, id);
            if (!room)
                return;
            if (room_store::room_in_use(db, id)) {
                *outcome = "room_in_use";
                return;
            }
            room_store::delete_room(db, id);
            account_store::append_audit(db, who, "room.delete", "room:" + std::to_string(id),
                                        json{{"name", room->name}}.dump(), now_ms());
            outcome->clear();
        },
        [outcome, lang = call.lang] {
            if (*outcome == "not_found")
                return error_response(404, "not_found", lang);
            if (!outcome->empty())
                return error_response(409, *outcome, lang);
            return json_response(200, json{{"deleted", true}});
        },
        std::move(respond), call.lang);
}

/// POST /api/rooms/{id}/pc {"label", "clear"}: binds the PC the request comes from (its address
/// as the server sees it) to the seat, or with "clear" unbinds the seat's PC.
void bind_this_pc(services& shared, api_call const& call, responder respond, std::int64_t id) {
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    auto const label = string_member(*body, "label").value_or("");
    if (label.empty())
        return respond(invalid_field("label", call.lang));
    bool const clear = body->value("clear", false);
    std::string const host = clear ? "" : call.request.remote_address;
    auto bound = std::make_shared<bool>(false);
    auto const who = actor_of(call);
    write_then_reply(
        shared,
        [id, label, host, who, bound](store::database& db) {
            auto const now = now_ms();
            *bound = room_store::bind_host(db, id, label, host, who.user_id, now);
            if (*bound)
                account_store::append_audit(db, who,
                                            host.empty() ? "room.pc_unbind" : "room.pc_bind",
                                            "room:" + std::to_string(id),
                                            json{{"seat", label}, {"host", host}}.dump(), now);
        },
        [&shared, bound, label, host, lang = call.lang] {
            if (!*bound)
                return error_response(404, "no_such_seat", lang,
                                      json{{"field", "label"}, {"seat", label}});
            shared.exams.refresh_seats();
            return json_response(
                200, json{{"seat", label}, {"host", host.empty() ? json(nullptr) : json(host)}});
        },
        std::move(respond), call.lang);
}

} // namespace

void add_rooms_routes(router& routes, services& shared) {
    auto const admin = only({role::admin});
    auto const staff = only({role::admin, role::lecturer, role::proctor});
    // The routes on one room: the handler gets the parsed room id.
    auto const on_room =
        [&shared](void (*handler)(services&, api_call const&, responder, std::int64_t)) {
            return [&shared, handler](api_call const& call, responder respond) {
                auto const id = parse_id(call.params.at(0));
                if (!id)
                    return respond(error_response(404, "not_found", call.lang));
                handler(shared, call, std::move(respond), *id);
            };
        };
    routes.add("GET", "/api/rooms", staff, [&shared](api_call const&, responder respond) {
        auto const rooms = shared.store.read_side().with(
            [](store::database& db) { return room_store::list_rooms(db); });
        json list = json::array();
        for (auto const& room : rooms)
            list.push_back(room_summary_json(room));
        respond(json_response(200, json{{"rooms", std::move(list)}}));
    });
    routes.add("POST", "/api/rooms", admin, [&shared](api_call const& call, responder respond) {
        save_room(shared, call, std::move(respond), 0);
    });
    routes.add(
        "GET", "/api/rooms/{id}", staff,
        on_room([](services& owner, api_call const& call, responder respond, std::int64_t id) {
            auto const room = room_of(owner, id);
            if (room.is_null())
                return respond(error_response(404, "not_found", call.lang));
            respond(json_response(200, json{{"room", room}}));
        }));
    routes.add("PUT", "/api/rooms/{id}", admin, on_room(save_room));
    routes.add("DELETE", "/api/rooms/{id}", admin, on_room(delete_room));
    routes.add("POST", "/api/rooms/{id}/pc", staff, on_room(bind_this_pc));
    routes.add("POST", "/api/exams/{id}/candidates/{user}/approve-pc", staff,
               [&shared](api_call const& call, responder respond) {
                   auto const exam_id = parse_id(call.params.at(0));
                   auto const user_id = parse_id(call.params.at(1));
                   if (!exam_id || !user_id)
                       return respond(error_response(404, "not_found", call.lang));
                   shared.exams.approve_seat_pc(
                       *exam_id, *user_id, actor_of(call),
                       [respond = std::move(respond), lang = call.lang](action_outcome outcome) {
                           if (outcome.status != 200)
                               return respond(error_response(outcome.status, outcome.code, lang,
                                                             outcome.extra));
                           respond(json_response(200, json{{"approved", true}}));
                       });
               });
}

} // namespace phongthi::server
