#include "server/api/survey_api.hpp"

#include "server/api/id_route.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/course/survey_input.hpp"
#include "server/course/survey_report.hpp"
#include "server/course/survey_store.hpp"
#include "server/reports/report_format.hpp"
#include "server/store/database.hpp"

#include <memory>

namespace phongthi::server {

namespace {

constexpr std::size_t max_survey_comment_bytes = 2000;

/// The error response of a survey change or answer that did not save, or nullopt when it did.
std::optional<http_response> survey_refusal(survey_store::survey_result result, language lang) {
    auto const refused = survey_input::refusal_of(result);
    if (!refused)
        return std::nullopt;
    return error_response(refused->status, refused->code, lang);
}

/// {"survey": the exam's survey or null} as the editor reads it.
json survey_reply(store::database& db, std::int64_t exam_id) {
    auto const survey = survey_store::survey_of_exam(db, exam_id);
    return {{"survey", survey ? survey_report::survey_json(*survey) : json(nullptr)}};
}

/// Runs `change` in a writer job and answers with `status` and the exam's survey, or the refusal.
void change_survey(services& shared, api_call const& call, responder respond, std::int64_t exam_id,
                   int status,
                   std::function<survey_store::survey_result(store::database&)> change) {
    auto result = std::make_shared<survey_store::survey_result>();
    auto reply = std::make_shared<json>();
    write_then_reply(
        shared,
        [exam_id, change = std::move(change), result, reply](store::database& db) {
            *result = change(db);
            *reply = survey_reply(db, exam_id);
        },
        [result, reply, status, lang = call.lang] {
            if (auto refused = survey_refusal(*result, lang))
                return std::move(*refused);
            return json_response(status, *reply);
        },
        std::move(respond), call.lang);
}

void save_exam_survey(services& shared, api_call const& call, responder respond,
                      std::int64_t exam_id) {
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    survey_store::survey_fields fields;
    if (auto const bad = survey_input::read_fields(*body, fields))
        return respond(invalid_field(*bad, call.lang));
    change_survey(shared, call, std::move(respond), exam_id, 200,
                  [exam_id, fields, who = actor_of(call)](store::database& db) {
                      return survey_store::save_survey(db, exam_id, fields, who, now_ms());
                  });
}

void close_or_reopen_survey(services& shared, api_call const& call, responder respond,
                            std::int64_t exam_id, bool closed) {
    change_survey(shared, call, std::move(respond), exam_id, 200,
                  [exam_id, closed, who = actor_of(call)](store::database& db) {
                      return survey_store::set_closed(db, exam_id, closed, who, now_ms());
                  });
}

/// The answers of a JSON body, one per item (null: not answered); nullopt names a bad field.
std::optional<std::string_view> read_answer(json const& body, std::size_t items,
                                            survey_store::survey_answer& given) {
    auto const values = body.find("answers");
    if (values == body.end() || !values->is_array() || values->size() != items)
        return "answers";
    for (auto const& value : *values) {
        if (value.is_null()) {
            given.values.push_back(0);
            continue;
        }
        if (!value.is_number_integer() || value.get<int>() < 1 ||
            value.get<int>() > survey_store::likert_points)
            return "answers";
        given.values.push_back(value.get<int>());
    }
    if (read_text_fields(body, {{"comment", &given.comment}}) ||
        given.comment.size() > max_survey_comment_bytes)
        return "comment";
    return std::nullopt;
}

void answer_survey(services& shared, api_call const& call, responder respond,
                   std::int64_t exam_id) {
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    auto const survey = shared.store.read_side().with(
        [&](store::database& db) { return survey_store::survey_of_exam(db, exam_id); });
    if (!survey)
        return respond(error_response(404, "survey_not_found", call.lang));
    survey_store::survey_answer given;
    if (auto const bad = read_answer(*body, survey->items.size(), given))
        return respond(invalid_field(*bad, call.lang));
    auto result = std::make_shared<survey_store::survey_result>();
    // Deliberately no audit row and no log line: they would tie the learner to the moment.
    write_then_reply(
        shared,
        [exam_id, user_id = call.user->id, given, result](store::database& db) {
            *result = survey_store::record_answer(db, exam_id, user_id, given);
        },
        [result, lang = call.lang] {
            if (auto refused = survey_refusal(*result, lang))
                return std::move(*refused);
            return json_response(201, json{{"answered", true}});
        },
        std::move(respond), call.lang);
}

void survey_report_reply(services& shared, api_call const& call, responder respond,
                         std::int64_t exam_id) {
    std::string const format = call.request.query_value("format").value_or("json");
    if (format != "json" && format != "csv")
        return respond(invalid_field("format", call.lang));
    auto const built = shared.store.read_side().with([&](store::database& db) -> json {
        auto const survey = survey_store::survey_of_exam(db, exam_id);
        if (!survey)
            return nullptr;
        return survey_report::report(*survey, survey_store::responses(db, survey->id));
    });
    if (built.is_null())
        return respond(error_response(404, "survey_not_found", call.lang));
    if (format == "json")
        return respond(json_response(200, built));
    respond({200,
             "text/csv; charset=utf-8",
             survey_report::report_csv(built),
             {{"Content-Disposition",
               report_format::content_disposition(
                   "Khảo sát " + built["survey"]["title"].get<std::string>(), ".csv")},
              {"Cache-Control", "no-store"}}});
}

} // namespace

void add_survey_routes(router& routes, services& shared) {
    auto const editors = only({role::admin, role::lecturer});
    auto const on_exam = [&shared](id_handler handler) {
        return with_id(shared, std::move(handler), "exam_not_found");
    };
    routes.add("GET", "/api/exams/{id}/survey", editors,
               on_exam([](services& owner, api_call const&, responder respond, std::int64_t id) {
                   auto reply = owner.store.read_side().with(
                       [&](store::database& db) { return survey_reply(db, id); });
                   respond(json_response(200, reply));
               }));
    routes.add("PUT", "/api/exams/{id}/survey", editors, on_exam(save_exam_survey));
    routes.add(
        "POST", "/api/exams/{id}/survey/close", editors,
        on_exam([](services& owner, api_call const& call, responder respond, std::int64_t id) {
            close_or_reopen_survey(owner, call, std::move(respond), id, true);
        }));
    routes.add(
        "POST", "/api/exams/{id}/survey/reopen", editors,
        on_exam([](services& owner, api_call const& call, responder respond, std::int64_t id) {
            close_or_reopen_survey(owner, call, std::move(respond), id, false);
        }));
    routes.add("GET", "/api/exams/{id}/survey/report", editors, on_exam(survey_report_reply));
    routes.add("POST", "/api/exams/{id}/survey/answers", only({role::candidate}),
               on_exam(answer_survey));
    routes.add("GET", "/api/my/surveys", only({role::candidate}),
               [&shared](api_call const& call, responder respond) {
                   auto const open = shared.store.read_side().with([&](store::database& db) {
                       return survey_store::surveys_for(db, call.user->id);
                   });
                   json list = json::array();
                   for (auto const& entry : open)
                       list.push_back({{"exam_id", entry.survey.exam_id},
                                       {"exam_title", entry.exam_title},
                                       {"survey", survey_report::survey_json(entry.survey)},
                                       {"answered", entry.answered}});
                   respond(json_response(200, json{{"surveys", std::move(list)}}));
               });
}

} // namespace phongthi::server
