#include "server/api/conduct_api.hpp"

#include "server/api/id_route.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/classes/class_json.hpp"
#include "server/classes/class_store.hpp"
#include "server/course/conduct_json.hpp"
#include "server/course/conduct_store.hpp"
#include "server/course/course_closing.hpp"
#include "server/store/database.hpp"

#include <memory>

namespace phongthi::server {

namespace {

/// The longest conduct note, in bytes.
constexpr std::size_t max_conduct_note_bytes = 1000;

/// The class's conduct grades as JSON, or null when there is no such class.
json conduct_of(store::database& db, std::int64_t class_id) {
    auto const entries = conduct_store::class_conduct(db, class_id);
    if (!entries)
        return nullptr;
    return conduct_json::class_conduct(class_id, course_closing::class_course_closed(db, class_id),
                                       *entries);
}

/// The error response of a conduct change that did not save, or nullopt when it did.
std::optional<http_response> conduct_refusal(conduct_store::conduct_result result, language lang) {
    switch (result) {
    case conduct_store::conduct_result::no_class:
        return error_response(404, "not_found", lang);
    case conduct_store::conduct_result::not_enrolled:
        return error_response(404, "learner_not_in_class", lang);
    case conduct_store::conduct_result::course_closed:
        return error_response(409, "course_closed", lang);
    case conduct_store::conduct_result::saved:
    case conduct_store::conduct_result::unchanged:
        break;
    }
    return std::nullopt;
}

/// Runs `change` in a writer job and answers with the class's conduct grades, or its refusal.
void change_conduct(services& shared, api_call const& call, responder respond,
                    std::int64_t class_id,
                    std::function<conduct_store::conduct_result(store::database&)> change) {
    auto result = std::make_shared<conduct_store::conduct_result>();
    auto listing = std::make_shared<json>(nullptr);
    write_then_reply(
        shared,
        [class_id, change = std::move(change), result, listing](store::database& db) {
            *result = change(db);
            *listing = conduct_of(db, class_id);
        },
        [result, listing, lang = call.lang] {
            if (auto refused = conduct_refusal(*result, lang))
                return std::move(*refused);
            return json_response(200, *listing);
        },
        std::move(respond), call.lang);
}

/// A grade member of `body`: a known key, "" for null (clear), or nullopt when it is neither.
std::optional<std::string> grade_member(json const& body, std::string_view key) {
    auto const it = body.find(key);
    if (it == body.end() || it->is_null())
        return std::string();
    if (!it->is_string() || !conduct_store::is_conduct_grade(it->get<std::string>()))
        return std::nullopt;
    return it->get<std::string>();
}

void set_learner_conduct(services& shared, api_call const& call, responder respond,
                         std::int64_t class_id) {
    auto const user_id = parse_id(call.params.at(1));
    if (!user_id)
        return respond(error_response(404, "not_found", call.lang));
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    auto const grade = grade_member(*body, "grade");
    if (!grade)
        return respond(invalid_field("grade", call.lang));
    std::string note;
    if (auto const bad = read_text_fields(*body, {{"note", &note}}))
        return respond(invalid_field(*bad, call.lang));
    if (note.size() > max_conduct_note_bytes)
        return respond(invalid_field("note", call.lang));
    change_conduct(shared, call, std::move(respond), class_id,
                   [class_id, user_id = *user_id, grade = *grade, note,
                    who = actor_of(call)](store::database& db) {
                       return conduct_store::set_conduct(db, class_id, user_id, grade, note, who,
                                                         now_ms());
                   });
}

void fill_class_conduct(services& shared, api_call const& call, responder respond,
                        std::int64_t class_id) {
    auto const body = parse_object(call.request.body.empty() ? "{}" : call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    auto grade = grade_member(*body, "grade");
    if (!grade)
        return respond(invalid_field("grade", call.lang));
    if (grade->empty())
        grade = conduct_store::conduct_grades().front().label.key;
    change_conduct(shared, call, std::move(respond), class_id,
                   [class_id, grade = *grade, who = actor_of(call)](store::database& db) {
                       int filled = 0;
                       return conduct_store::fill_conduct(db, class_id, grade, who, now_ms(),
                                                          filled);
                   });
}

void close_or_reopen_course(services& shared, api_call const& call, responder respond,
                            bool closed) {
    auto const id = parse_id(call.params.at(0));
    if (!id)
        return respond(error_response(404, "not_found", call.lang));
    auto course = std::make_shared<std::optional<class_store::course_record>>();
    write_then_reply(
        shared,
        [id = *id, closed, who = actor_of(call), course](store::database& db) {
            if (course_closing::close_course(db, id, closed, who, now_ms()) !=
                course_closing::closing_result::no_course)
                *course = class_store::find_course(db, id);
        },
        [course, lang = call.lang] {
            if (!*course)
                return error_response(404, "not_found", lang);
            return json_response(200, json{{"course", class_json::course(**course)}});
        },
        std::move(respond), call.lang);
}

} // namespace

void add_conduct_routes(router& routes, services& shared) {
    auto const graders = only({role::admin, role::lecturer});
    auto const on_class = [&shared](id_handler handler) {
        return with_id(shared, std::move(handler));
    };
    routes.add(
        "GET", "/api/classes/{id}/conduct", graders,
        on_class([](services& owner, api_call const& call, responder respond, std::int64_t id) {
            auto const listing = owner.store.read_side().with(
                [&](store::database& db) { return conduct_of(db, id); });
            if (listing.is_null())
                return respond(error_response(404, "not_found", call.lang));
            respond(json_response(200, listing));
        }));
    routes.add("PUT", "/api/classes/{id}/conduct/{user}", graders, on_class(set_learner_conduct));
    routes.add("POST", "/api/classes/{id}/conduct/fill", graders, on_class(fill_class_conduct));
    routes.add("POST", "/api/courses/{id}/close", only({role::admin}),
               [&shared](api_call const& call, responder respond) {
                   close_or_reopen_course(shared, call, std::move(respond), true);
               });
    routes.add("POST", "/api/courses/{id}/reopen", only({role::admin}),
               [&shared](api_call const& call, responder respond) {
                   close_or_reopen_course(shared, call, std::move(respond), false);
               });
}

} // namespace phongthi::server
