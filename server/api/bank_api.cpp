#include "server/api/bank_api.hpp"

#include "question-bank/bank_formats.hpp"
#include "question-bank/import_report.hpp"
#include "scoring/bank_review.hpp"
#include "server/accounts/account_store.hpp"
#include "server/api/router.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/banks/bank_import_job.hpp"
#include "server/banks/bank_store.hpp"
#include "server/banks/question_json.hpp"
#include "server/store/database.hpp"

namespace phongthi::server {

namespace {

bank::message_language message_language_of(language lang) {
    return lang == language::en ? bank::message_language::en : bank::message_language::vi;
}

json bank_json(bank_store::bank_summary const& b) {
    return {{"id", b.id},
            {"name", b.name},
            {"description", b.description},
            {"question_count", b.question_count},
            {"created_at", iso_utc(b.created_at)}};
}

/// A validation failure of an uploaded or edited question: 422 with the report.
http_response invalid_questions(bank::bank_import const& report, language lang) {
    json body = bank::import_report(report, message_language_of(lang));
    body["error"] = {{"code", "invalid_questions"},
                     {"message", error_message("invalid_questions", lang)}};
    return json_response(422, body);
}

std::optional<bank::bank_format> format_param(api_call const& call) {
    auto const key = call.request.query_value("format");
    return key ? bank::parse_format(*key) : std::nullopt;
}

std::string file_name_param(api_call const& call) {
    return call.request.query_value("filename").value_or("upload");
}

void list_questions(services& shared, api_call const& call, responder respond) {
    auto const bank_id = parse_id(call.params.at(0));
    bank_store::question_filter filter;
    filter.topic = call.request.query_value("topic").value_or("");
    if (auto const level = call.request.query_value("level"); level && !level->empty()) {
        filter.level = bank::parse_level(*level);
        if (!filter.level)
            return respond(error_response(400, "invalid_field", call.lang, {{"field", "level"}}));
    }
    filter.text = call.request.query_value("q").value_or("");
    filter.include_retired = call.request.query_value("retired") == "1";
    if (auto const offset = parse_id(call.request.query_value("offset").value_or("")))
        filter.offset = static_cast<int>(std::min<std::int64_t>(*offset, 1'000'000));
    if (auto const limit = parse_id(call.request.query_value("limit").value_or("")))
        filter.limit = static_cast<int>(std::min<std::int64_t>(*limit, 1000));
    auto const found = shared.store.read_side().with([&](store::database& db) {
        std::optional<std::vector<bank_store::stored_question>> questions;
        if (bank_id && bank_store::find_bank(db, *bank_id))
            questions = bank_store::list_questions(db, *bank_id, filter);
        return questions;
    });
    if (!found)
        return respond(error_response(404, "not_found", call.lang));
    json list = json::array();
    for (auto const& q : *found)
        list.push_back(question_json::to_json(q));
    respond(json_response(200, json{{"questions", std::move(list)}}));
}

/// Reads a question object from the body, or answers with what is wrong.
std::optional<bank::question> question_from_body(api_call const& call, responder& respond) {
    auto body = parse_object(call.request.body);
    if (!body) {
        respond(error_response(400, "bad_json", call.lang));
        return std::nullopt;
    }
    auto report = question_json::read(std::move(*body), "api");
    if (report.has_errors() || report.questions.empty()) {
        respond(invalid_questions(report, call.lang));
        return std::nullopt;
    }
    return std::move(report.questions.front());
}

void add_question(services& shared, api_call const& call, responder respond) {
    auto const bank_id = parse_id(call.params.at(0));
    auto q = question_from_body(call, respond);
    if (!q)
        return;
    auto const exists = bank_id && shared.store.read_side().with([&](store::database& db) {
        return bank_store::find_bank(db, *bank_id).has_value();
    });
    if (!exists)
        return respond(error_response(404, "not_found", call.lang));
    auto stored = std::make_shared<std::optional<bank_store::stored_question>>();
    write_then_reply(
        shared,
        [bank_id = *bank_id, q = std::move(*q), who = actor_of(call), stored](store::database& db) {
            std::int64_t const now = now_ms();
            auto const ids = bank_store::add_questions(db, bank_id, who.user_id, {q}, now);
            *stored = bank_store::find_question(db, ids.front());
            account_store::append_audit(db, who, "question.create",
                                        "question:" + std::to_string((*stored)->id), "", now);
        },
        [stored] {
            return json_response(201, json{{"question", question_json::to_json(**stored)}});
        },
        std::move(respond), call.lang);
}

void edit_question(services& shared, api_call const& call, responder respond) {
    auto const id = parse_id(call.params.at(0));
    if (!id)
        return respond(error_response(404, "not_found", call.lang));
    auto q = question_from_body(call, respond);
    if (!q)
        return;
    auto stored = std::make_shared<std::optional<bank_store::stored_question>>();
    write_then_reply(
        shared,
        [id = *id, q = std::move(*q), who = actor_of(call), stored](store::database& db) {
            std::int64_t const now = now_ms();
            auto const revision = bank_store::revise_question(db, id, q, who.user_id, now);
            if (!revision)
                return;
            account_store::append_audit(db, who, "question.revise",
                                        "question:" + std::to_string(id),
                                        json{{"revision", *revision}}.dump(), now);
            *stored = bank_store::find_question(db, id);
        },
        [stored, lang = call.lang] {
            if (!*stored)
                return error_response(404, "not_found", lang);
            return json_response(200, json{{"question", question_json::to_json(**stored)}});
        },
        std::move(respond), call.lang);
}

void set_retired(services& shared, api_call const& call, responder respond, bool retired) {
    auto const id = parse_id(call.params.at(0));
    if (!id)
        return respond(error_response(404, "not_found", call.lang));
    auto stored = std::make_shared<std::optional<bank_store::stored_question>>();
    write_then_reply(
        shared,
        [id = *id, who = actor_of(call), retired, stored](store::database& db) {
            std::int64_t const now = now_ms();
            if (!bank_store::set_retired(db, id, retired, now))
                return;
            account_store::append_audit(db, who, retired ? "question.retire" : "question.restore",
                                        "question:" + std::to_string(id), "", now);
            *stored = bank_store::find_question(db, id);
        },
        [stored, lang = call.lang] {
            if (!*stored)
                return error_response(404, "not_found", lang);
            return json_response(200, json{{"question", question_json::to_json(**stored)}});
        },
        std::move(respond), call.lang);
}

void import_upload(services& shared, api_call const& call, responder respond) {
    auto const name = call.request.query_value("name").value_or("");
    if (name.empty() || name.size() > 200)
        return respond(error_response(400, "invalid_field", call.lang, {{"field", "name"}}));
    std::string const file_name = file_name_param(call);
    auto report = std::make_shared<bank::bank_import>(
        bank::read_bank(call.request.body, file_name, format_param(call)));
    if (!may_import(*report, call.request.query_value("partial") == "1"))
        return respond(invalid_questions(*report, call.lang));
    auto bank_id = std::make_shared<std::int64_t>(0);
    write_then_reply(
        shared,
        [report, name, file_name, who = actor_of(call), bank_id](store::database& db) {
            *bank_id = store_import(db, name, file_name, *report, who, now_ms());
        },
        [report, bank_id, lang = call.lang] {
            json body = bank::import_report(*report, message_language_of(lang));
            body["bank_id"] = *bank_id;
            body["imported"] = report->questions.size();
            return json_response(201, body);
        },
        std::move(respond), call.lang);
}

/// The bank named by the route's {id} and its live questions, or nullopt when there is none.
std::optional<std::pair<bank_store::bank_summary, std::vector<bank::question>>>
load_bank(services& shared, api_call const& call) {
    auto const id = parse_id(call.params.at(0));
    return shared.store.read_side().with([&](store::database& db) {
        std::optional<std::pair<bank_store::bank_summary, std::vector<bank::question>>> bank;
        if (auto summary = id ? bank_store::find_bank(db, *id) : std::nullopt)
            bank.emplace(*summary, bank_store::load_bank_questions(db, summary->id));
        return bank;
    });
}

void export_bank(services& shared, api_call const& call, responder respond) {
    auto const format = format_param(call);
    if (!format || *format == bank::bank_format::docx)
        return respond(error_response(400, "invalid_field", call.lang, {{"field", "format"}}));
    auto const found = load_bank(shared, call);
    if (!found)
        return respond(error_response(404, "not_found", call.lang));
    auto written = bank::write_bank(found->second, *format, found->first.name);
    std::string const file =
        "bank-" + std::to_string(found->first.id) + std::string(bank::format_extension(*format));
    respond({200,
             std::string(bank::format_mime_type(*format)),
             std::move(written.bytes),
             {{"Content-Disposition", "attachment; filename=\"" + file + "\""},
              {"Cache-Control", "no-store"},
              {"X-Skipped-Questions", std::to_string(written.skipped.size())}}});
}

/// The printable review of a bank (?format=html or pdf), as a download.
void review_bank(services& shared, api_call const& call, responder respond) {
    auto const format = call.request.query_value("format").value_or("html");
    if (format != "html" && format != "pdf")
        return respond(error_response(400, "invalid_field", call.lang, {{"field", "format"}}));
    auto found = load_bank(shared, call);
    if (!found)
        return respond(error_response(404, "not_found", call.lang));
    scoring::bank_review const review{found->first.name, iso_utc(now_ms()).substr(0, 10),
                                      std::move(found->second)};
    bool const pdf = format == "pdf";
    std::string const file =
        "bank-" + std::to_string(found->first.id) + "-review." + std::string(format);
    respond({200,
             pdf ? "application/pdf" : "text/html; charset=utf-8",
             pdf ? scoring::write_bank_review_pdf(review) : scoring::write_bank_review_html(review),
             {{"Content-Disposition", "attachment; filename=\"" + file + "\""},
              {"Cache-Control", "no-store"}}});
}

} // namespace

void add_bank_routes(router& routes, services& shared) {
    auto const staff = only({role::admin, role::lecturer});
    routes.add("GET", "/api/banks", staff, [&shared](api_call const&, responder respond) {
        auto const banks = shared.store.read_side().with(
            [](store::database& db) { return bank_store::list_banks(db); });
        json list = json::array();
        for (auto const& b : banks)
            list.push_back(bank_json(b));
        respond(json_response(200, json{{"banks", std::move(list)}}));
    });
    routes.add("POST", "/api/banks/validate", staff, [](api_call const& call, responder respond) {
        auto const report =
            bank::read_bank(call.request.body, file_name_param(call), format_param(call));
        respond(json_response(200, bank::import_report(report, message_language_of(call.lang))));
    });
    routes.add("POST", "/api/banks/import", staff, [&shared](api_call const& call, responder r) {
        import_upload(shared, call, std::move(r));
    });
    routes.add("GET", "/api/banks/{id}", staff, [&shared](api_call const& call, responder respond) {
        auto const id = parse_id(call.params.at(0));
        auto const found = shared.store.read_side().with([&](store::database& db) {
            return id ? bank_store::find_bank(db, *id) : std::nullopt;
        });
        if (!found)
            return respond(error_response(404, "not_found", call.lang));
        respond(json_response(200, json{{"bank", bank_json(*found)}}));
    });
    routes.add("GET", "/api/banks/{id}/questions", staff,
               [&shared](api_call const& call, responder r) {
                   list_questions(shared, call, std::move(r));
               });
    routes.add(
        "POST", "/api/banks/{id}/questions", staff,
        [&shared](api_call const& call, responder r) { add_question(shared, call, std::move(r)); });
    routes.add(
        "GET", "/api/banks/{id}/export", staff,
        [&shared](api_call const& call, responder r) { export_bank(shared, call, std::move(r)); });
    routes.add(
        "GET", "/api/banks/{id}/review", staff,
        [&shared](api_call const& call, responder r) { review_bank(shared, call, std::move(r)); });
    routes.add("GET", "/api/questions/{id}", staff,
               [&shared](api_call const& call, responder respond) {
                   auto const id = parse_id(call.params.at(0));
                   auto const found = shared.store.read_side().with([&](store::database& db) {
                       return id ? bank_store::find_question(db, *id) : std::nullopt;
                   });
                   if (!found)
                       return respond(error_response(404, "not_found", call.lang));
                   respond(json_response(200, json{{"question", question_json::to_json(*found)}}));
               });
    routes.add("PUT", "/api/questions/{id}", staff, [&shared](api_call const& call, responder r) {
        edit_question(shared, call, std::move(r));
    });
    routes.add("POST", "/api/questions/{id}/retire", staff,
               [&shared](api_call const& call, responder r) {
                   set_retired(shared, call, std::move(r), true);
               });
    routes.add("POST", "/api/questions/{id}/restore", staff,
               [&shared](api_call const& call, responder r) {
                   set_retired(shared, call, std::move(r), false);
               });
}

} // namespace phongthi::server
