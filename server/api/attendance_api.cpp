#include "server/api/attendance_api.hpp"

#include "server/accounts/account_store.hpp"
#include "server/api/router.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/classes/class_store.hpp"
#include "server/classroom/attendance_store.hpp"
#include "server/classroom/seating_store.hpp"
#include "server/classroom/session_clock.hpp"
#include "server/classroom/session_store.hpp"
#include "server/exams/exam_runtime.hpp"
#include "server/reports/report_format.hpp"
#include "server/store/database.hpp"

#include <algorithm>
#include <functional>
#include <memory>

namespace phongthi::server {

namespace {

using session_store::session_record;

/// The start time a session part gets when none is given.
std::string default_start(std::string_view part) {
    return part == "afternoon" ? "13:30" : "07:30";
}

json session_json(session_record const& s) {
    return {
        {"id", s.id},     {"class_id", s.class_id},   {"day", s.day},
        {"part", s.part}, {"starts_at", s.starts_at}, {"late_after_minutes", s.late_after_minutes}};
}

json check_in_json(session_record const& s, attendance_store::check_in_record const& c) {
    return {{"at", iso_utc(c.checked_in_at)},
            {"time", session_clock::vietnam_time_of_day(c.checked_in_at)},
            {"minutes_after_start", c.minutes_after_start},
            {"late", c.minutes_after_start > s.late_after_minutes},
            {"method", c.method},
            {"by", c.by_username.empty() ? json(nullptr) : json(c.by_username)}};
}

json learner_json(class_store::enrollment_record const& e) {
    return {{"user_id", e.user_id},
            {"username", e.username},
            {"full_name", e.profile.full_name},
            {"list_number", e.list_number == 0 ? json(nullptr) : json(e.list_number)},
            {"unit", e.unit_name},
            {"seat_label", e.seat_label.empty() ? json(nullptr) : json(e.seat_label)}};
}

/// The enrolled learners of a class.
std::vector<class_store::enrollment_record> enrolled_learners(store::database& db,
                                                              std::int64_t class_id) {
    auto learners = class_store::class_enrollments(db, class_id);
    std::erase_if(learners, [](auto const& e) { return e.status != "enrolled"; });
    return learners;
}

/// The session of `day` to open the check-in page on: the latest that has started by `now`,
/// else the first of the day; 0 when the day has none.
std::int64_t session_of_day(std::vector<session_record> const& sessions, std::string_view day,
                            std::int64_t now) {
    std::int64_t chosen = 0;
    for (auto const& s : sessions) {
        if (s.day != day)
            continue;
        if (chosen == 0 || s.start_ms() <= now)
            chosen = s.id;
    }
    return chosen;
}

/// The session's roll: every learner with their check-in, and the counts.
json roll_of(store::database& db, session_record const& session) {
    auto const check_ins = attendance_store::session_check_ins(db, session.id);
    json learners = json::array();
    int present = 0, late = 0, absent = 0;
    for (auto const& e : enrolled_learners(db, session.class_id)) {
        json row = learner_json(e);
        auto const found = check_ins.find(e.user_id);
        if (found == check_ins.end()) {
            row["status"] = "absent";
            row["check_in"] = nullptr;
            ++absent;
        } else {
            row["check_in"] = check_in_json(session, found->second);
            bool const is_late = row["check_in"]["late"].get<bool>();
            row["status"] = is_late ? "late" : "present";
            ++(is_late ? late : present);
        }
        learners.push_back(std::move(row));
    }
    return {{"session", session_json(session)},
            {"counts", {{"present", present}, {"late", late}, {"absent", absent}}},
            {"learners", std::move(learners)}};
}

/// The id in path parameter `index`, or a 404 answered.
std::optional<std::int64_t> path_id(api_call const& call, std::size_t index, responder& respond) {
    auto const id = parse_id(call.params.at(index));
    if (!id)
        respond(error_response(404, "not_found", call.lang));
    return id;
}

/// Answers 200 with what `read` returns from the read side, or 404 when it returns null.
void answer_read(services& shared, api_call const& call, responder& respond,
                 std::function<json(store::database&)> const& read) {
    auto const body = shared.store.read_side().with(read);
    if (body.is_null())
        return respond(error_response(404, "not_found", call.lang));
    respond(json_response(200, body));
}

/// Runs `change` in a writer job; answers 200 `done` when it returned true, else 404.
void write_or_404(services& shared, api_call const& call, responder respond,
                  std::function<bool(store::database&)> change, json done) {
    auto changed = std::make_shared<bool>(false);
    write_then_reply(
        shared,
        [change = std::move(change), changed](store::database& db) { *changed = change(db); },
        [changed, done = std::move(done), lang = call.lang] {
            return *changed ? json_response(200, done) : error_response(404, "not_found", lang);
        },
        std::move(respond), call.lang);
}

void list_sessions(services& shared, api_call const& call, responder respond) {
    auto const id = path_id(call, 0, respond);
    if (!id)
        return;
    auto const now = now_ms();
    auto const today = report_format::iso_day_in_vietnam(now);
    answer_read(shared, call, respond, [&](store::database& db) -> json {
        if (!class_store::find_class(db, *id))
            return nullptr;
        json list = json::array();
        auto const sessions = session_store::class_sessions(db, *id);
        for (auto const& s : sessions)
            list.push_back(session_json(s));
        auto const current = session_of_day(sessions, today, now);
        return {{"sessions", std::move(list)},
                {"today", today},
                {"current", current == 0 ? json(nullptr) : json(current)}};
    });
}

void add_session(services& shared, api_call const& call, responder respond) {
    auto const id = path_id(call, 0, respond);
    if (!id)
        return;
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    session_record session;
    session.class_id = *id;
    session.part = "full";
    if (auto const bad = read_text_fields(
            *body,
            {{"day", &session.day}, {"part", &session.part}, {"starts_at", &session.starts_at}}))
        return respond(invalid_field(*bad, call.lang));
    if (session.starts_at.empty())
        session.starts_at = default_start(session.part);
    auto const late = body->value("late_after_minutes", json(15));
    if (!session_clock::is_day(session.day))
        return respond(invalid_field("day", call.lang));
    if (!session_store::is_session_part(session.part))
        return respond(invalid_field("part", call.lang));
    if (!session_clock::is_time_of_day(session.starts_at))
        return respond(invalid_field("starts_at", call.lang));
    if (!late.is_number_integer() || late.get<std::int64_t>() < 0 || late.get<std::int64_t>() > 600)
        return respond(invalid_field("late_after_minutes", call.lang));
    session.late_after_minutes = late.get<int>();
    auto saved = std::make_shared<json>(nullptr);
    write_then_reply(
        shared,
        [session, who = actor_of(call), saved](store::database& db) mutable {
            if (!class_store::find_class(db, session.class_id))
                return;
            session.id = session_store::insert_session(db, session);
            account_store::append_audit(db, who, "class.session_add",
                                        "class:" + std::to_string(session.class_id),
                                        session_json(session).dump(), now_ms());
            *saved = session_json(session);
        },
        [saved, lang = call.lang] {
            if (saved->is_null())
                return error_response(404, "not_found", lang);
            return json_response(201, json{{"session", *saved}});
        },
        std::move(respond), call.lang, conflict_as("session_taken", call.lang));
}

void remove_session(services& shared, api_call const& call, responder respond) {
    auto const id = path_id(call, 0, respond);
    if (!id)
        return;
    write_or_404(
        shared, call, std::move(respond),
        [id = *id, who = actor_of(call)](store::database& db) {
            auto const session = session_store::find_session(db, id);
            if (!session || !session_store::delete_session(db, id))
                return false;
            account_store::append_audit(db, who, "class.session_remove",
                                        "class:" + std::to_string(session->class_id),
                                        session_json(*session).dump(), now_ms());
            return true;
        },
        json{{"removed", true}});
}

void session_roll(services& shared, api_call const& call, responder respond) {
    auto const id = path_id(call, 0, respond);
    if (!id)
        return;
    answer_read(shared, call, respond, [&](store::database& db) -> json {
        auto const session = session_store::find_session(db, *id);
        return session ? roll_of(db, *session) : json(nullptr);
    });
}

/// POST /api/sessions/{id}/check-ins {"code"} (a scanned or typed candidate code) or
/// {"user_id"}, with "method": barcode | qr | manual.
void check_in(services& shared, api_call const& call, responder respond) {
    auto const id = path_id(call, 0, respond);
    if (!id)
        return;
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    std::string const method = string_member(*body, "method").value_or("barcode");
    if (!attendance_store::is_check_in_method(method))
        return respond(invalid_field("method", call.lang));
    std::string code = string_member(*body, "code").value_or("");
    code.erase(0, code.find_first_not_of(" \t\r\n"));
    code.erase(code.find_last_not_of(" \t\r\n") + 1);
    std::int64_t const given_user = body->value("user_id", json(0)).is_number_integer()
                                        ? body->value("user_id", std::int64_t{0})
                                        : 0;
    if (code.empty() && given_user <= 0)
        return respond(invalid_field("code", call.lang));
    // Who it is and whether they are in the class, answered at once from the read side.
    struct lookup {
        std::optional<session_record> session;
        std::int64_t user_id = 0;
        std::optional<class_store::enrollment_record> learner;
        std::string full_name;
    };
    auto const found = shared.store.read_side().with([&](store::database& db) {
        lookup l;
        l.session = session_store::find_session(db, *id);
        if (!l.session)
            return l;
        l.user_id = code.empty() ? given_user : class_store::user_id_by_name(db, code);
        for (auto const& e : class_store::class_enrollments(db, l.session->class_id))
            if (e.user_id == l.user_id && e.status == "enrolled")
                l.learner = e;
        if (!l.learner && l.user_id != 0)
            if (auto const user = account_store::find_user(db, l.user_id))
                l.full_name = user->full_name;
        return l;
    });
    if (!found.session)
        return respond(error_response(404, "not_found", call.lang));
    if (found.user_id == 0 || (!found.learner && found.full_name.empty()))
        return respond(error_response(404, "unknown_candidate_code", call.lang,
                                      json{{"field", "code"}, {"value", code}}));
    if (!found.learner)
        return respond(error_response(
            409, "not_in_class", call.lang,
            json{{"field", "code"}, {"value", code}, {"full_name", found.full_name}}));
    auto outcome = std::make_shared<attendance_store::check_in_outcome>();
    auto const who = actor_of(call);
    write_then_reply(
        shared,
        [session = *found.session, user_id = found.user_id, method, who,
         outcome](store::database& db) {
            auto const now = now_ms();
            *outcome = attendance_store::check_in(db, session, user_id, method, who.user_id, now);
            if (outcome->created)
                account_store::append_audit(
                    db, who, "attendance.check_in", "session:" + std::to_string(session.id),
                    json{{"user_id", user_id},
                         {"method", method},
                         {"minutes_after_start", outcome->record.minutes_after_start}}
                        .dump(),
                    now);
        },
        [session = *found.session, learner = *found.learner, outcome] {
            return json_response(outcome->created ? 201 : 200,
                                 json{{"result", outcome->created ? "checked_in" : "already"},
                                      {"learner", learner_json(learner)},
                                      {"check_in", check_in_json(session, outcome->record)}});
        },
        std::move(respond), call.lang);
}

void undo_check_in(services& shared, api_call const& call, responder respond) {
    auto const id = path_id(call, 0, respond);
    if (!id)
        return;
    auto const user_id = path_id(call, 1, respond);
    if (!user_id)
        return;
    write_or_404(
        shared, call, std::move(respond),
        [id = *id, user_id = *user_id, who = actor_of(call)](store::database& db) {
            if (!attendance_store::undo_check_in(db, id, user_id))
                return false;
            account_store::append_audit(db, who, "attendance.undo", "session:" + std::to_string(id),
                                        json{{"user_id", user_id}}.dump(), now_ms());
            return true;
        },
        json{{"undone", true}});
}

void class_attendance(services& shared, api_call const& call, responder respond) {
    auto const id = path_id(call, 0, respond);
    if (!id)
        return;
    answer_read(shared, call, respond, [&](store::database& db) -> json {
        if (!class_store::find_class(db, *id))
            return nullptr;
        auto const now = now_ms();
        auto const shares = attendance_store::class_shares(db, *id, now);
        int held = 0;
        for (auto const& s : session_store::class_sessions(db, *id))
            held += s.start_ms() <= now ? 1 : 0;
        json learners = json::array();
        for (auto const& e : enrolled_learners(db, *id)) {
            json row = learner_json(e);
            auto const share = shares.find(e.user_id);
            attendance_store::attendance_share const counts =
                share == shares.end() ? attendance_store::attendance_share{} : share->second;
            row["attended"] = counts.attended;
            row["late"] = counts.late;
            row["share"] = counts.held > 0 ? json(counts.share()) : json(nullptr);
            learners.push_back(std::move(row));
        }
        return {{"held", held}, {"learners", std::move(learners)}};
    });
}

/// The seating of a class as the API answers it: each learner and seat.
json seating_json(store::database& db, std::int64_t class_id) {
    json learners = json::array();
    for (auto const& e : enrolled_learners(db, class_id))
        learners.push_back(learner_json(e));
    return {{"learners", std::move(learners)}};
}

/// POST /api/classes/{id}/seating {"mode": list_order|random|spread_units, "seed"}.
void seat_class(services& shared, api_call const& call, responder respond) {
    auto const id = path_id(call, 0, respond);
    if (!id)
        return;
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    auto const mode =
        seat_assignment::seating_mode_named(string_member(*body, "mode").value_or(""));
    if (!mode)
        return respond(invalid_field("mode", call.lang));
    auto const seed_member = body->value("seed", json(nullptr));
    if (!seed_member.is_null() && !seed_member.is_number_unsigned())
        return respond(invalid_field("seed", call.lang));
    auto const seed = seed_member.is_null() ? static_cast<std::uint32_t>(now_ms())
                                            : seed_member.get<std::uint32_t>();
    auto result = std::make_shared<json>(nullptr);
    auto refusal = std::make_shared<std::string>();
    write_then_reply(
        shared,
        [id = *id, mode = *mode, seed, who = actor_of(call), result, refusal,
         mode_name = string_member(*body, "mode").value_or("")](store::database& db) {
            auto const seating = seating_store::seating_of_class(db, id);
            if (!seating)
                return;
            if (seating->room_id == 0) {
                *refusal = "class_has_no_room";
                return;
            }
            auto const placed =
                seat_assignment::assign(seating->seats, seating->learners, mode, seed);
            seating_store::write_placements(db, id, placed);
            account_store::append_audit(db, who, "class.seating", "class:" + std::to_string(id),
                                        json{{"mode", mode_name}, {"seated", placed.size()}}.dump(),
                                        now_ms());
            *result = seating_json(db, id);
            (*result)["seated"] = placed.size();
            (*result)["unseated"] = seating->learners.size() - placed.size();
        },
        [&shared, result, refusal, lang = call.lang] {
            if (!refusal->empty())
                return error_response(409, *refusal, lang);
            if (result->is_null())
                return error_response(404, "not_found", lang);
            shared.exams.refresh_seats();
            return json_response(200, *result);
        },
        std::move(respond), call.lang);
}

/// POST /api/classes/{id}/seats/{user} {"label"}: one learner to that seat, or (no label) to the
/// first free one.
void seat_one(services& shared, api_call const& call, responder respond) {
    auto const id = path_id(call, 0, respond);
    if (!id)
        return;
    auto const user_id = path_id(call, 1, respond);
    if (!user_id)
        return;
    auto const body = parse_object(call.request.body.empty() ? "{}" : call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    std::string label;
    if (auto const bad = read_text_fields(*body, {{"label", &label}}))
        return respond(invalid_field(*bad, call.lang));
    auto outcome = std::make_shared<seating_store::seat_outcome>();
    write_then_reply(
        shared,
        [id = *id, user_id = *user_id, label, who = actor_of(call), outcome](store::database& db) {
            *outcome = seating_store::seat_learner(db, id, user_id, label);
            if (outcome->refusal == seating_store::seat_refusal::none)
                account_store::append_audit(
                    db, who, "class.seat", "class:" + std::to_string(id),
                    json{{"user_id", user_id}, {"seat", outcome->label}}.dump(), now_ms());
        },
        [&shared, outcome, lang = call.lang] {
            using seating_store::seat_refusal;
            switch (outcome->refusal) {
            case seat_refusal::none:
                shared.exams.refresh_seats();
                return json_response(200, json{{"seat_label", outcome->label}});
            case seat_refusal::no_room:
                return error_response(409, "class_has_no_room", lang);
            case seat_refusal::not_enrolled:
                return error_response(409, "not_in_class", lang);
            case seat_refusal::no_such_seat:
                return error_response(400, "no_such_seat", lang,
                                      json{{"field", "label"}, {"seat", outcome->label}});
            case seat_refusal::seat_taken:
                return error_response(409, "seat_taken", lang,
                                      json{{"field", "label"}, {"seat", outcome->label}});
            case seat_refusal::room_full:
                break;
            }
            return error_response(409, "room_full", lang);
        },
        std::move(respond), call.lang);
}

} // namespace

void add_attendance_routes(router& routes, services& shared) {
    access const staff{true, {role::admin, role::lecturer, role::proctor}};
    access const planners{true, {role::admin, role::lecturer}};
    auto const bound = [&shared](void (*handler)(services&, api_call const&, responder)) {
        return [&shared, handler](api_call const& call, responder respond) {
            handler(shared, call, std::move(respond));
        };
    };
    routes.add("GET", "/api/classes/{id}/sessions", staff, bound(list_sessions));
    routes.add("POST", "/api/classes/{id}/sessions", planners, bound(add_session));
    routes.add("DELETE", "/api/sessions/{id}", planners, bound(remove_session));
    routes.add("GET", "/api/sessions/{id}/attendance", staff, bound(session_roll));
    routes.add("POST", "/api/sessions/{id}/check-ins", staff, bound(check_in));
    routes.add("DELETE", "/api/sessions/{id}/check-ins/{user}", staff, bound(undo_check_in));
    routes.add("GET", "/api/classes/{id}/attendance", staff, bound(class_attendance));
    routes.add("POST", "/api/classes/{id}/seating", staff, bound(seat_class));
    routes.add("POST", "/api/classes/{id}/seats/{user}", staff, bound(seat_one));
}

} // namespace phongthi::server
