#include "server/api/results_api.hpp"

#include "server/accounts/account_store.hpp"
#include "server/api/router.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/banks/bank_store.hpp"
#include "server/exams/exam_settings.hpp"
#include "server/exams/exam_store.hpp"
#include "server/results/exam_results.hpp"
#include "server/store/database.hpp"

namespace phongthi::server {

namespace {

constexpr auto max_reason_bytes = 500;

/// Reads {question_id, correct:[indexes] | weights:[...] | void:"full_credit"|"drop" | restore:true,
/// reason}; answers 400 naming the field when it is wrong.
std::optional<exam_results::correction_request> correction_of(json const& body, language lang,
                                                              responder& respond) {
    auto const fail = [&](std::string_view field) {
        respond(error_response(400, "invalid_field", lang, {{"field", field}}));
        return std::nullopt;
    };
    exam_results::correction_request request;
    auto const question = body.find("question_id");
    if (question == body.end() || !question->is_number_integer())
        return fail("question_id");
    request.question_id = question->get<std::int64_t>();
    request.reason = string_member(body, "reason").value_or("");
    if (request.reason.empty() || request.reason.size() > max_reason_bytes)
        return fail("reason");
    if (auto const correct = body.find("correct"); correct != body.end()) {
        if (!correct->is_array() || correct->empty())
            return fail("correct");
        std::vector<double> weights;
        for (auto const& index : *correct)
            if (!index.is_number_integer() || index.get<int>() < 0 || index.get<int>() >= 10)
                return fail("correct");
        request.weights = std::vector<double>(10, 0.0);
        for (auto const& index : *correct)
            (*request.weights)[index.get<std::size_t>()] = 100.0 / static_cast<double>(correct->size());
    } else if (auto const weights = body.find("weights"); weights != body.end()) {
        if (!weights->is_array())
            return fail("weights");
        request.weights.emplace();
        for (auto const& w : *weights) {
            if (!w.is_number() || w.get<double>() < -100 || w.get<double>() > 100)
                return fail("weights");
            request.weights->push_back(w.get<double>());
        }
    } else if (auto const mode = string_member(body, "void"); mode) {
        if (*mode != "full_credit" && *mode != "drop")
            return fail("void");
        request.void_mode = *mode;
    } else if (body.value("restore", json()) != true) {
        return fail("correct");
    }
    return request;
}

void correct_key(services& shared, api_call const& call, responder respond) {
    auto const exam_id = parse_id(call.params.at(0));
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    auto request = correction_of(*body, call.lang, respond);
    if (!request)
        return;
    // `correct` is given as option indexes of the question as stored: trim to its options.
    auto const options = shared.store.read_side().with([&](store::database& db) -> std::optional<std::size_t> {
        if (!exam_id || !exam_store::find_exam(db, *exam_id))
            return std::nullopt;
        auto const q = bank_store::find_question(db, request->question_id);
        return q ? std::optional(q->content.options.size()) : std::nullopt;
    });
    if (!options)
        return respond(error_response(404, "not_found", call.lang));
    if (request->weights && body->contains("correct")) {
        if (std::any_of(request->weights->begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(*options, 10)),
                        request->weights->end(), [](double w) { return w > 0; }))
            return respond(error_response(400, "invalid_field", call.lang, {{"field", "correct"}}));
        request->weights->resize(*options);
    }
    if (request->weights && request->weights->size() != *options)
        return respond(error_response(400, "invalid_field", call.lang, {{"field", "weights"}}));
    auto const outcome = std::make_shared<json>();
    write_then_reply(
        shared,
        [exam_id = *exam_id, request = std::move(*request), outcome, who = actor_of(call)](store::database& db) {
            auto const now = now_ms();
            *outcome = exam_results::correct_key(db, exam_id, request, who.user_id, now);
            json const detail = {{"question_id", request.question_id},
                                 {"weights", request.weights ? json(*request.weights) : json(nullptr)},
                                 {"void", request.void_mode ? json(*request.void_mode) : json(nullptr)},
                                 {"reason", request.reason},
                                 {"regraded", (*outcome)["regraded"]}};
            account_store::append_audit(db, who, "exam.key_correction", "exam:" + std::to_string(exam_id),
                                        detail.dump(), now);
            for (auto const& change : (*outcome)["attempts"])
                account_store::append_audit(db, who, "attempt.regrade",
                                            "attempt:" + std::to_string(change["attempt"].get<std::int64_t>()),
                                            change.dump(), now);
        },
        [outcome] { return json_response(200, *outcome); }, std::move(respond), call.lang);
}

void review(services& shared, api_call const& call, responder respond) {
    auto const id = parse_id(call.params.at(0));
    auto const found = shared.store.read_side().with([&](store::database& db) -> std::optional<json> {
        auto const attempt = id ? exam_store::find_attempt(db, *id) : std::nullopt;
        if (!attempt)
            return std::nullopt;
        auto const exam_id = exam_store::exam_of_attempt(db, *id);
        auto const exam = exam_id ? exam_store::find_exam(db, *exam_id) : std::nullopt;
        if (!exam)
            return std::nullopt;
        if (call.user->user_role != role::candidate)
            return exam_results::review(db, *id, true);
        // A candidate sees their own attempt, and only once the exam is closed and allows it.
        auto const settings = parse_exam_settings(exam->settings).value;
        bool const closed = exam->state == "closed" || exam->state == "archived";
        if (attempt->user_id != call.user->id || !closed || settings.show_answers == disclosure::never)
            return json(nullptr);
        return exam_results::review(db, *id, true);
    });
    if (!found)
        return respond(error_response(404, "not_found", call.lang));
    if (found->is_null())
        return respond(error_response(403, "forbidden", call.lang));
    respond(json_response(200, *found));
}

} // namespace

void add_results_routes(router& routes, services& shared) {
    auto const staff = only({role::admin, role::lecturer, role::proctor});
    auto const builders = only({role::admin, role::lecturer});
    routes.add("GET", "/api/exams/{id}/results", staff, [&shared](api_call const& call, responder respond) {
        auto const id = parse_id(call.params.at(0));
        auto const found = id ? shared.store.read_side().with(
                                    [&](store::database& db) { return exam_results::results(db, *id); })
                              : std::nullopt;
        if (!found)
            return respond(error_response(404, "exam_not_found", call.lang));
        respond(json_response(200, *found));
    });
    routes.add("GET", "/api/exams/{id}/statistics", builders, [&shared](api_call const& call, responder respond) {
        auto const id = parse_id(call.params.at(0));
        auto const found = id ? shared.store.read_side().with(
                                    [&](store::database& db) { return exam_results::statistics(db, *id); })
                              : std::nullopt;
        if (!found)
            return respond(error_response(404, "exam_not_found", call.lang));
        respond(json_response(200, *found));
    });
    routes.add("POST", "/api/exams/{id}/key-corrections", builders,
               [&shared](api_call const& call, responder respond) { correct_key(shared, call, std::move(respond)); });
    routes.add("GET", "/api/attempts/{id}/review", any_user(),
               [&shared](api_call const& call, responder respond) { review(shared, call, std::move(respond)); });
}

} // namespace phongthi::server
