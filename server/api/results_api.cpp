#include "server/api/results_api.hpp"

#include "server/api/router.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/auth/session_token.hpp"
#include "server/banks/bank_store.hpp"
#include "server/bundles/bundle_document.hpp"
#include "server/bundles/bundle_file.hpp"
#include "server/bundles/bundle_import.hpp"
#include "server/exams/exam_settings.hpp"
#include "server/exams/exam_store.hpp"
#include "server/keys/signing_key.hpp"
#include "server/reports/report_files.hpp"
#include "server/results/correction_input.hpp"
#include "server/results/exam_results.hpp"
#include "server/store/database.hpp"

namespace phongthi::server {

namespace {

/// POST /api/exams/{id}/key-corrections: the body read and fitted to its question by
/// correction_input (400 naming the field), then applied in a writer job; with ?dry_run=1 only
/// what it would change, computed on a read connection (nothing written, nothing audited).
void correct_key(services& shared, api_call const& call, responder respond) {
    auto const exam_id = parse_id(call.params.at(0));
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    auto correction = correction_input::read(*body);
    auto const invalid = [&](std::string const& field) {
        respond(error_response(400, "invalid_field", call.lang, {{"field", field}}));
    };
    if (!correction.request)
        return invalid(correction.bad_field);
    if (exam_id && shared.store.read_side().with([&](store::database& db) {
            return bundle_import::is_imported(db, *exam_id);
        }))
        return respond(error_response(409, "imported_exam", call.lang));
    auto const options =
        shared.store.read_side().with([&](store::database& db) -> std::optional<std::size_t> {
            if (!exam_id || !exam_store::find_exam(db, *exam_id))
                return std::nullopt;
            if (!exam_results::question_in_exam(db, *exam_id, correction.request->question_id))
                return std::nullopt;
            auto const q = bank_store::find_question(db, correction.request->question_id);
            return q ? std::optional(q->content.options.size()) : std::nullopt;
        });
    if (!options)
        return respond(error_response(404, "not_found", call.lang));
    if (auto const field = correction_input::fit_to_question(correction, *options); !field.empty())
        return invalid(field);
    if (call.request.query_value("dry_run") == "1")
        return respond(json_response(200, shared.store.read_side().with([&](store::database& db) {
            return exam_results::preview_correction(db, *exam_id, *correction.request, now_ms());
        })));
    auto const outcome = std::make_shared<json>();
    write_then_reply(
        shared,
        [exam_id = *exam_id, request = std::move(*correction.request), outcome,
         who = actor_of(call)](store::database& db) {
            *outcome = exam_results::correct_key(db, exam_id, request, who, now_ms());
        },
        [outcome] { return json_response(200, *outcome); }, std::move(respond), call.lang);
}

/// GET /api/exams/{id}/result-bundle: the closed exam's signed result bundle (built and signed
/// on the pool), the export audited before the reply.
void result_bundle(services& shared, api_call const& call, responder respond) {
    auto const id = parse_id(call.params.at(0));
    if (!id)
        return respond(error_response(404, "exam_not_found", call.lang));
    work_on_pool(shared, call.lang, std::move(respond),
                 [&shared, id = *id, lang = call.lang, who = actor_of(call)](responder reply) {
                     auto const key = shared.result_bundle_key;
                     auto const fingerprint =
                         signing_key::fingerprint(signing_key::public_key_of(key));
                     std::string document;
                     auto const state = shared.store.read_side().with([&](store::database& db) {
                         auto const found = bundle_document::exportable(db, id);
                         if (found == bundle_document::availability::ready)
                             document = bundle_document::document(db, id, fingerprint, now_ms());
                         return found;
                     });
                     if (state == bundle_document::availability::missing)
                         return reply(error_response(404, "exam_not_found", lang));
                     if (state == bundle_document::availability::not_closed)
                         return reply(error_response(409, "exam_not_closed", lang));
                     report_files::report_file file{
                         bundle_file::seal(document, key), "application/octet-stream",
                         "ket-qua-bai-thi-" + std::to_string(id), ".ptkq"};
                     auto const sha256 = auth::token_digest(file.bytes);
                     auto response = std::make_shared<http_response>(
                         http_response{200,
                                       file.content_type,
                                       std::move(file.bytes),
                                       {{"Content-Disposition", file.disposition()},
                                        {"Cache-Control", "no-store"},
                                        {"X-Bundle-Key", fingerprint}}});
                     write_then_reply(
                         shared,
                         [id, sha256, who](store::database& db) {
                             bundle_document::audit_export(db, id, sha256, who, now_ms());
                         },
                         [response] { return std::move(*response); }, std::move(reply), lang);
                 });
}

void review(services& shared, api_call const& call, responder respond) {
    auto const id = parse_id(call.params.at(0));
    auto const found =
        shared.store.read_side().with([&](store::database& db) -> std::optional<json> {
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
            if (attempt->user_id != call.user->id || !closed ||
                settings.show_answers == disclosure::never)
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
    routes.add("GET", "/api/exams/{id}/results", staff,
               [&shared](api_call const& call, responder respond) {
                   auto const id = parse_id(call.params.at(0));
                   auto const found = id ? shared.store.read_side().with([&](store::database& db) {
                       return exam_results::results(db, *id);
                   })
                                         : std::nullopt;
                   if (!found)
                       return respond(error_response(404, "exam_not_found", call.lang));
                   respond(json_response(200, *found));
               });
    routes.add("GET", "/api/exams/{id}/statistics", builders,
               [&shared](api_call const& call, responder respond) {
                   auto const id = parse_id(call.params.at(0));
                   auto const found = id ? shared.store.read_side().with([&](store::database& db) {
                       return exam_results::statistics(db, *id);
                   })
                                         : std::nullopt;
                   if (!found)
                       return respond(error_response(404, "exam_not_found", call.lang));
                   respond(json_response(200, *found));
               });
    routes.add("POST", "/api/exams/{id}/key-corrections", builders,
               [&shared](api_call const& call, responder respond) {
                   correct_key(shared, call, std::move(respond));
               });
    routes.add("GET", "/api/exams/{id}/result-bundle", builders,
               [&shared](api_call const& call, responder respond) {
                   result_bundle(shared, call, std::move(respond));
               });
    routes.add("GET", "/api/attempts/{id}/review", any_user(),
               [&shared](api_call const& call, responder respond) {
                   review(shared, call, std::move(respond));
               });
}

} // namespace phongthi::server
