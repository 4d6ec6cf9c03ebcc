#include "server/api/exam_api.hpp"

#include "question-bank/blueprint.hpp"
#include "server/accounts/account_store.hpp"
#include "server/api/class_scope.hpp"
#include "server/api/exam_json.hpp"
#include "server/api/router.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/banks/bank_store.hpp"
#include "server/exams/exam_definition.hpp"
#include "server/exams/exam_runtime.hpp"
#include "server/exams/exam_secret.hpp"
#include "server/exams/exam_store.hpp"
#include "server/exams/paper_preview.hpp"
#include "server/results/exam_results.hpp"
#include "server/store/database.hpp"

namespace phongthi::server {

namespace {

access staff() {
    return only({role::admin, role::lecturer, role::proctor});
}
access builders() {
    return only({role::admin, role::lecturer});
}

http_response definition_errors(std::vector<definition_error> const& errors, language lang) {
    json list = json::array();
    for (auto const& e : errors)
        list.push_back({{"field", e.field}, {"code", e.code}, {"message", error_message(e.code, lang)}});
    auto const& first = errors.front();
    return error_response(400, first.code, lang, {{"field", first.field}, {"errors", list}});
}

/// Reads an exam (with its latest blueprint and the pool check) or answers 404.
void get_exam(services& shared, api_call const& call, responder respond) {
    auto const id = parse_id(call.params.at(0));
    auto const found = shared.store.read_side().with([&](store::database& db) -> std::optional<json> {
        auto exam = id ? exam_store::find_exam(db, *id) : std::nullopt;
        if (!exam)
            return std::nullopt;
        auto const bp = exam_store::latest_blueprint(db, exam->id);
        json body = to_json(*exam, bp);
        if (bp)
            body["check"] = to_json(check_blueprint(db, bp->spec));
        return body;
    });
    if (!found)
        return respond(error_response(404, "exam_not_found", call.lang));
    respond(json_response(200, json{{"exam", *found}}));
}

void save_exam(services& shared, api_call const& call, responder respond,
               std::optional<std::int64_t> exam_id) {
    auto body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    auto definition = parse_definition(*body);
    if (!definition.errors.empty())
        return respond(definition_errors(definition.errors, call.lang));
    auto& d = *definition.value;
    auto const problem = shared.store.read_side().with([&](store::database& db) -> std::optional<std::pair<int, std::string>> {
        if (!exam_store::class_exists(db, d.exam.class_id))
            return std::pair{400, std::string("invalid_field")};
        for (auto const bank : d.bank_ids)
            if (!bank_store::find_bank(db, bank))
                return std::pair{400, std::string("invalid_field")};
        if (exam_id) {
            auto const existing = exam_store::find_exam(db, *exam_id);
            if (!existing)
                return std::pair{404, std::string("exam_not_found")};
            if (existing->state != "draft" && existing->state != "scheduled")
                return std::pair{409, std::string("invalid_state")};
        }
        return std::nullopt;
    });
    if (problem)
        return respond(error_response(problem->first, problem->second, call.lang,
                                      problem->second == "invalid_field"
                                          ? json{{"field", "class_id or blueprint.bank_ids"}}
                                          : json::object()));
    auto const saved = std::make_shared<std::int64_t>(exam_id.value_or(0));
    auto const short_check = std::make_shared<std::optional<exam_check>>();
    write_then_reply(
        shared,
        [d = std::move(d), saved, short_check, who = actor_of(call)](store::database& db) {
            auto const now = now_ms();
            if (*saved == 0) {
                auto exam = d.exam;
                exam.secret = exam_secret::generate();
                *saved = exam_store::insert_exam(db, exam, who.user_id, now);
                exam_store::insert_blueprint(db, *saved, d.blueprint_spec, who.user_id, now);
                account_store::append_audit(db, who, "exam.create", "exam:" + std::to_string(*saved), "", now);
                return;
            }
            auto exam = d.exam;
            exam.id = *saved;
            auto const existing = exam_store::find_exam(db, exam.id);
            auto const latest = exam_store::latest_blueprint(db, exam.id);
            exam_store::update_exam(db, exam);
            json previous = latest ? latest->spec : json();
            if (previous.is_object())
                previous.erase("pool");
            if (previous != d.blueprint_spec) {
                if (existing && existing->state == "scheduled") {
                    // A published exam stays publishable: freeze the new pool at once.
                    auto check = publish_blueprint(db, exam.id, d.blueprint_spec, who.user_id, now);
                    if (!check.ok()) {
                        *short_check = std::move(check);
                        throw std::runtime_error("blueprint short");
                    }
                } else {
                    exam_store::insert_blueprint(db, exam.id, d.blueprint_spec, who.user_id, now);
                }
            }
            account_store::append_audit(db, who, "exam.update", "exam:" + std::to_string(exam.id), "", now);
        },
        [&shared, saved, created = !exam_id] {
            auto out_body = shared.store.read_side().with([&](store::database& db) {
                auto const exam = exam_store::find_exam(db, *saved);
                auto const bp = exam_store::latest_blueprint(db, *saved);
                json out = to_json(*exam, bp);
                if (bp)
                    out["check"] = to_json(check_blueprint(db, bp->spec));
                return out;
            });
            return json_response(created ? 201 : 200, json{{"exam", std::move(out_body)}});
        },
        std::move(respond), call.lang,
        [short_check, lang = call.lang](std::exception_ptr) -> std::optional<http_response> {
            if (!*short_check)
                return std::nullopt;
            return error_response(422, "blueprint_short", lang, to_json(**short_check));
        });
}

void publish(services& shared, api_call const& call, responder respond) {
    auto const id = parse_id(call.params.at(0));
    auto const exam = id ? shared.store.read_side().with(
                               [&](store::database& db) { return exam_store::find_exam(db, *id); })
                         : std::nullopt;
    if (!exam)
        return respond(error_response(404, "exam_not_found", call.lang));
    if (exam->state != "draft")
        return respond(error_response(409, "invalid_state", call.lang, {{"state", exam->state}}));
    auto const result = std::make_shared<exam_check>();
    write_then_reply(
        shared,
        [id = *id, result, who = actor_of(call)](store::database& db) {
            auto const now = now_ms();
            auto const latest = exam_store::latest_blueprint(db, id);
            json spec = latest ? latest->spec : json::object();
            spec.erase("pool");
            *result = publish_blueprint(db, id, spec, who.user_id, now);
            if (!result->ok())
                throw std::runtime_error("blueprint short");
            exam_store::set_exam_state(db, id, "scheduled");
            account_store::append_audit(db, who, "exam.publish", "exam:" + std::to_string(id), "", now);
        },
        [result] { return json_response(200, json{{"ok", true}, {"check", to_json(*result)}}); },
        std::move(respond), call.lang,
        [result, lang = call.lang](std::exception_ptr) -> std::optional<http_response> {
            if (result->ok())
                return std::nullopt;
            return error_response(422, "blueprint_short", lang, to_json(*result));
        });
}

/// Replies to a runtime action once it is durable: {"ok":true} plus what the action reports.
action_done reply_with(responder respond, language lang) {
    return [respond = std::move(respond), lang](action_outcome outcome) {
        if (outcome.status == 200) {
            json body = outcome.extra.is_object() ? outcome.extra : json::object();
            body["ok"] = true;
            return respond(json_response(200, body));
        }
        respond(error_response(outcome.status, outcome.code, lang, outcome.extra));
    };
}

/// minutes (1..600) and a reason, both required; or the answer to send.
std::optional<std::pair<int, std::string>> extension_of(api_call const& call, responder& respond) {
    auto const body = parse_object(call.request.body);
    if (!body) {
        respond(error_response(400, "bad_json", call.lang));
        return std::nullopt;
    }
    auto const minutes = body->value("minutes", json());
    auto const reason = string_member(*body, "reason").value_or("");
    if (!minutes.is_number_integer() || minutes.get<int>() < 1 || minutes.get<int>() > 600) {
        respond(error_response(400, "invalid_field", call.lang, {{"field", "minutes"}}));
        return std::nullopt;
    }
    if (reason.empty()) {
        respond(error_response(400, "invalid_field", call.lang, {{"field", "reason"}}));
        return std::nullopt;
    }
    return std::pair{minutes.get<int>(), reason};
}

void add_attempt_action(router& routes, services& shared, std::string const& name,
                        attempt_action action) {
    routes.add("POST", "/api/attempts/{id}/" + name, staff(),
               [&shared, action](api_call const& call, responder respond) {
                   auto const id = parse_id(call.params.at(0));
                   if (!id)
                       return respond(error_response(404, "not_found", call.lang));
                   json detail = call.request.body.empty() ? json::object()
                                                           : parse_object(call.request.body).value_or(json());
                   if (!detail.is_object())
                       return respond(error_response(400, "bad_json", call.lang));
                   shared.exams.act_on_attempt(*id, action, detail, actor_of(call),
                                               reply_with(std::move(respond), call.lang));
               });
}

json my_exam(store::database& db, exam_store::exam_record const& e, std::int64_t user_id) {
    auto const settings = parse_exam_settings(e.settings).value;
    auto const attempt = exam_store::latest_attempt(db, e.id, user_id);
    json a = nullptr;
    if (attempt)
        a = {{"id", attempt->id},
             {"state", attempt->state},
             {"deadline", attempt->state == "in_progress" ? json(attempt->deadline_at) : json(nullptr)},
             {"submitted_at", optional_time(attempt->submitted_at)}};
    return {{"id", e.id},
            {"title", e.title},
            {"class_id", e.class_id},
            {"state", e.state},
            {"started", e.started_at.has_value()},
            {"duration_minutes", settings.duration_minutes},
            {"opens_at", optional_time(e.opens_at)},
            {"closes_at", optional_time(e.closes_at)},
            {"start_code", settings.start_code},
            {"attempt", std::move(a)},
            {"result", exam_results::candidate_result(db, e.id, user_id)}};
}

void serve_media(services& shared, api_call const& call, responder respond) {
    auto const attempt_id = parse_id(call.params.at(0));
    auto const revision_id = parse_id(call.params.at(1));
    auto const& name = call.params.at(2);
    auto const file = shared.store.read_side().with([&](store::database& db) -> std::optional<bank::media_file> {
        if (!attempt_id || !revision_id)
            return std::nullopt;
        auto const attempt = exam_store::find_attempt(db, *attempt_id);
        if (!attempt || (call.user->user_role == role::candidate && attempt->user_id != call.user->id))
            return std::nullopt;
        bool on_paper = false;
        for (auto const& item : attempt->paper)
            on_paper = on_paper || item.value("r", std::int64_t{0}) == *revision_id;
        if (!on_paper)
            return std::nullopt;
        auto content = bank_store::load_revision(db, *revision_id);
        if (!content)
            return std::nullopt;
        for (auto& m : content->media)
            if (m.name == name)
                return std::move(m);
        return std::nullopt;
    });
    if (!file)
        return respond(error_response(404, "not_found", call.lang));
    respond(http_response{200, file->mime_type, file->data, {{"Cache-Control", "private, max-age=3600"}}});
}

/// GET /api/exams/{id}/preview-paper?seed=N | ?variant=101: a paper drawn as the runtime would,
/// with its key. A fixed variant is a real paper, so showing it is audited as printing one is.
void preview_paper(services& shared, api_call const& call, responder respond) {
    auto const id = parse_id(call.params.at(0));
    if (!id)
        return respond(error_response(404, "exam_not_found", call.lang));
    auto drawn = std::make_shared<paper_preview::outcome>(
        shared.store.read_side().with([&](store::database& db) {
            return paper_preview::draw(
                db, *id,
                {call.request.query_value("seed"), call.request.query_value("variant")});
        }));
    if (drawn->status != 200)
        return respond(error_response(drawn->status, drawn->code, call.lang, drawn->body));
    if (!drawn->fixed_variant)
        return respond(json_response(200, drawn->body));
    write_then_reply(
        shared,
        [id = *id, variant = drawn->body["variant"], who = actor_of(call)](store::database& db) {
            account_store::append_audit(db, who, "exam.preview_paper", "exam:" + std::to_string(id),
                                        json{{"variant", variant}}.dump(), now_ms());
        },
        [drawn] { return json_response(200, std::move(drawn->body)); }, std::move(respond),
        call.lang);
}

} // namespace

void add_exam_routes(router& routes, services& shared) {
    // Lecturers and proctors see only the classes they are staff of, and those classes' exams.
    routes.add("GET", "/api/classes", staff(), [&shared](api_call const& call, responder respond) {
        auto const classes = shared.store.read_side().with([&](store::database& db) {
            auto all = exam_store::list_classes(db);
            std::erase_if(all, [&](auto const& c) {
                return !class_scope::allows(db, *call.user, class_scope::kind::class_id, c.id);
            });
            return all;
        });
        json list = json::array();
        for (auto const& c : classes)
            list.push_back({{"id", c.id},
                            {"code", c.code},
                            {"name", c.name},
                            {"course", {{"id", c.course_id}, {"code", c.course_code}, {"name", c.course_name}}},
                            {"room_id", c.room_id ? json(*c.room_id) : json(nullptr)},
                            {"learners", c.learners}});
        respond(json_response(200, json{{"classes", std::move(list)}}));
    });
    routes.add("GET", "/api/exams", staff(), [&shared](api_call const& call, responder respond) {
        std::optional<std::int64_t> class_id;
        if (auto const text = call.request.query_value("class"); text && !text->empty()) {
            class_id = parse_id(*text);
            if (!class_id)
                return respond(error_response(400, "invalid_field", call.lang, {{"field", "class"}}));
        }
        auto const list = shared.store.read_side().with([&](store::database& db) {
            json exams = json::array();
            for (auto const& e : exam_store::list_exams(db, class_id))
                if (class_scope::allows(db, *call.user, class_scope::kind::class_id, e.class_id))
                    exams.push_back(to_json(e, exam_store::latest_blueprint(db, e.id)));
            return exams;
        });
        respond(json_response(200, json{{"exams", list}}));
    });
    routes.add("POST", "/api/exams", builders(), [&shared](api_call const& call, responder respond) {
        save_exam(shared, call, std::move(respond), std::nullopt);
    });
    routes.add("GET", "/api/exams/{id}", staff(), [&shared](api_call const& call, responder respond) {
        get_exam(shared, call, std::move(respond));
    });
    routes.add("PUT", "/api/exams/{id}", builders(), [&shared](api_call const& call, responder respond) {
        auto const id = parse_id(call.params.at(0));
        if (!id)
            return respond(error_response(404, "exam_not_found", call.lang));
        save_exam(shared, call, std::move(respond), id);
    });
    routes.add("GET", "/api/exams/{id}/preview-paper", builders(),
               [&shared](api_call const& call, responder respond) {
                   preview_paper(shared, call, std::move(respond));
               });
    routes.add("POST", "/api/exams/{id}/publish", builders(),
               [&shared](api_call const& call, responder respond) { publish(shared, call, std::move(respond)); });

    auto exam_action = [&](std::string const& name, auto act) {
        routes.add("POST", "/api/exams/{id}/" + name, staff(),
                   [&shared, act](api_call const& call, responder respond) {
                       auto const id = parse_id(call.params.at(0));
                       if (!id)
                           return respond(error_response(404, "exam_not_found", call.lang));
                       act(shared.exams, *id, call, reply_with(std::move(respond), call.lang));
                   });
    };
    exam_action("open", [](exam_runtime& r, std::int64_t id, api_call const& call, action_done done) {
        r.open_exam(id, actor_of(call), std::move(done));
    });
    exam_action("start", [](exam_runtime& r, std::int64_t id, api_call const& call, action_done done) {
        r.start_exam(id, actor_of(call), std::move(done));
    });
    exam_action("pause", [](exam_runtime& r, std::int64_t id, api_call const& call, action_done done) {
        r.pause_exam(id, true, actor_of(call), std::move(done));
    });
    exam_action("resume", [](exam_runtime& r, std::int64_t id, api_call const& call, action_done done) {
        r.pause_exam(id, false, actor_of(call), std::move(done));
    });
    exam_action("close", [](exam_runtime& r, std::int64_t id, api_call const& call, action_done done) {
        r.close_exam(id, actor_of(call), std::move(done));
    });
    routes.add("POST", "/api/exams/{id}/extend", staff(), [&shared](api_call const& call, responder respond) {
        auto const id = parse_id(call.params.at(0));
        if (!id)
            return respond(error_response(404, "exam_not_found", call.lang));
        auto const extension = extension_of(call, respond);
        if (!extension)
            return;
        shared.exams.extend_exam(*id, std::int64_t{extension->first} * 60'000, extension->second,
                                 actor_of(call), reply_with(std::move(respond), call.lang));
    });
    routes.add("GET", "/api/exams/{id}/start-code", staff(), [&shared](api_call const& call, responder respond) {
        auto const id = parse_id(call.params.at(0));
        auto const exam = id ? shared.store.read_side().with(
                                   [&](store::database& db) { return exam_store::find_exam(db, *id); })
                             : std::nullopt;
        if (!exam || exam->secret.empty())
            return respond(error_response(404, "exam_not_found", call.lang));
        auto const now = now_ms();
        respond(json_response(
            200, json{{"code", exam_secret::start_code(exam->secret, now)},
                      {"valid_until", iso_utc(exam_secret::start_code_period_end(now))}}));
    });
    routes.add("POST", "/api/exams/{id}/answer-files", staff(), [&shared](api_call const& call, responder respond) {
        auto const id = parse_id(call.params.at(0));
        auto const file = parse_object(call.request.body);
        if (!id)
            return respond(error_response(404, "exam_not_found", call.lang));
        if (!file)
            return respond(error_response(400, "bad_json", call.lang));
        shared.exams.merge_answer_file(*id, *file, actor_of(call),
                                       reply_with(std::move(respond), call.lang));
    });
    routes.add("GET", "/api/exams/{id}/room", staff(), [&shared](api_call const& call, responder respond) {
        auto const id = parse_id(call.params.at(0));
        auto const room = id ? shared.exams.room(*id) : std::nullopt;
        if (!room)
            return respond(error_response(409, "exam_not_open", call.lang));
        respond(json_response(200, *room));
    });
    routes.add("GET", "/api/my/exams", only({role::candidate}), [&shared](api_call const& call, responder respond) {
        auto const list = shared.store.read_side().with([&](store::database& db) {
            json exams = json::array();
            for (auto const& e : exam_store::exams_of_learner(db, call.user->id))
                exams.push_back(my_exam(db, e, call.user->id));
            return exams;
        });
        respond(json_response(200, json{{"exams", list}}));
    });

    add_attempt_action(routes, shared, "pause", attempt_action::pause);
    add_attempt_action(routes, shared, "resume", attempt_action::resume);
    add_attempt_action(routes, shared, "extend", attempt_action::extend);
    add_attempt_action(routes, shared, "submit", attempt_action::submit);
    add_attempt_action(routes, shared, "void", attempt_action::void_attempt);
    add_attempt_action(routes, shared, "approve-move", attempt_action::approve_move);
    add_attempt_action(routes, shared, "irregularity", attempt_action::irregularity);
    routes.add("GET", "/api/attempts/{id}/events", staff(), [&shared](api_call const& call, responder respond) {
        auto const id = parse_id(call.params.at(0));
        auto const events = shared.store.read_side().with([&](store::database& db) -> std::optional<json> {
            if (!id || !exam_store::find_attempt(db, *id))
                return std::nullopt;
            json list = json::array();
            for (auto const& e : exam_store::attempt_events(db, *id))
                list.push_back({{"at", iso_utc(e.at)},
                                {"kind", e.kind},
                                {"detail", e.detail},
                                {"by_user_id", e.by_user_id ? json(*e.by_user_id) : json(nullptr)},
                                {"address", e.address}});
            return list;
        });
        if (!events)
            return respond(error_response(404, "not_found", call.lang));
        respond(json_response(200, json{{"events", *events}}));
    });
    routes.add("GET", "/api/attempts/{id}/media/{revision}/{name}", any_user(),
               [&shared](api_call const& call, responder respond) { serve_media(shared, call, std::move(respond)); });
}

} // namespace phongthi::server
