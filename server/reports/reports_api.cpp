#include "server/reports/reports_api.hpp"

#include "server/api/router.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/auth/password_hasher.hpp"
#include "server/auth/session_token.hpp"
#include "server/log.hpp"
#include "server/reports/report_files.hpp"
#include "server/reports/report_settings.hpp"
#include "server/reports/verify_page.hpp"
#include "server/store/database.hpp"

#include <cctype>
#include <map>
#include <memory>
#include <tuple>

namespace phongthi::server {

namespace {

using report_files::report_kind;

/// The initial passwords printed on reset login cards.
constexpr int card_password_length = 8;

http_response file_response(report_files::report_file file) {
    return {200,
            std::move(file.content_type),
            std::move(file.bytes),
            {{"Content-Disposition", file.disposition()}, {"Cache-Control", "no-store"}}};
}

/// Runs `job` on the writer and, once it is durable, builds the response on the pool.
void write_then_build(services& shared, language lang, responder respond,
                      std::function<void(store::database&)> job,
                      std::function<http_response()> build) {
    shared.store.write_side().submit(std::move(job),
                                     [&shared, lang, respond, build](std::exception_ptr error) {
                                         if (error)
                                             return respond(error_response(500, "internal", lang));
                                         reply_from_pool(shared, lang, respond, build);
                                     });
}

/// The address printed in QR codes and on cards: the report header's, or the one the request
/// was sent to (only host characters kept).
std::string server_url(api_call const& call, report_settings::header_settings const& header) {
    if (!header.server_url.empty())
        return header.server_url;
    std::string host;
    for (char const c : call.request.header("host"))
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
            c == '[' || c == ']')
            host += c;
    return "http://" + (host.empty() ? std::string("localhost") : host);
}

template <class T>
http_response found_or_404(std::optional<T> const& value, language lang,
                           std::function<report_files::report_file(T const&)> const& render) {
    if (!value)
        return error_response(404, "exam_not_found", lang);
    return file_response(render(*value));
}

void certificates(services& shared, api_call const& call, responder respond, std::int64_t id) {
    auto const base = shared.store.read_side().with(
        [&](store::database& db) { return server_url(call, report_settings::read_header(db)); });
    auto job = std::make_shared<std::optional<certificates::print_job>>();
    write_then_build(
        shared, call.lang, std::move(respond),
        [job, id, base, who = actor_of(call)](store::database& db) {
            *job = certificates::issue_for_exam(db, id, base, who, now_ms());
        },
        [job, lang = call.lang] {
            if (*job && (*job)->pages.empty())
                return error_response(409, "invalid_state", lang, {{"reason", "no_one_passed"}});
            return found_or_404<certificates::print_job>(*job, lang,
                                                         report_files::certificates_file);
        });
}

/// Login cards; with ?reset=1, new initial passwords for the learners who never signed in.
void cards(services& shared, api_call const& call, responder respond, std::int64_t id) {
    auto const base = shared.store.read_side().with(
        [&](store::database& db) { return server_url(call, report_settings::read_header(db)); });
    auto const render = [&shared, id, base,
                         lang = call.lang](std::map<std::int64_t, std::string> const& passwords) {
        auto const found = shared.store.read_side().with(
            [&](store::database& db) { return printables::login_cards(db, id, passwords); });
        return found_or_404<printables::cards>(found, lang, [&](printables::cards const& c) {
            return report_files::cards_file(c, base);
        });
    };
    if (call.request.query_value("reset") != "1")
        return reply_from_pool(shared, call.lang, std::move(respond),
                               [render] { return render({}); });
    if (call.user->user_role == role::proctor)
        return respond(error_response(403, "forbidden", call.lang));
    work_on_pool(shared, call.lang, std::move(respond),
                 [&shared, id, render, who = actor_of(call), lang = call.lang](responder reply) {
                     auto const learners = shared.store.read_side().with(
                         [&](store::database& db) { return printables::never_signed_in(db, id); });
                     auto passwords = std::make_shared<std::map<std::int64_t, std::string>>();
                     std::map<std::int64_t, std::string> hashes;
                     for (auto const learner : learners) {
                         auto const password = auth::random_password(card_password_length);
                         (*passwords)[learner] = password;
                         hashes[learner] = auth::hash_password(password, shared.hash_params);
                     }
                     auto reset = std::make_shared<std::vector<std::int64_t>>();
                     write_then_build(
                         shared, lang, std::move(reply),
                         [id, hashes, who, reset](store::database& db) {
                             *reset = printables::reset_passwords(db, id, hashes, who, now_ms());
                         },
                         [render, passwords, reset] {
                             std::map<std::int64_t, std::string> printed;
                             for (auto const learner : *reset)
                                 printed[learner] = passwords->at(learner);
                             return render(printed);
                         });
                 });
}

/// Papers or answer keys: drawn and rendered, then the print audited before the reply.
void papers(services& shared, api_call const& call, responder respond, std::int64_t id, bool keys) {
    work_on_pool(shared, call.lang, std::move(respond),
                 [&shared, id, keys, lang = call.lang, who = actor_of(call)](responder reply) {
                     auto const outcome = shared.store.read_side().with(
                         [&](store::database& db) { return printables::paper_variants(db, id); });
                     if (!outcome.found)
                         return reply(error_response(404, "exam_not_found", lang));
                     if (!outcome.value)
                         return reply(error_response(409, "invalid_state", lang,
                                                     {{"reason", "not_published"}}));
                     auto file = std::make_shared<http_response>(
                         file_response(report_files::papers_file(*outcome.value, keys)));
                     write_then_reply(
                         shared,
                         [id, keys, who](store::database& db) {
                             printables::audit_print(db, id, keys ? "keys" : "papers", who,
                                                     now_ms());
                         },
                         [file] { return std::move(*file); }, std::move(reply), lang);
                 });
}

/// GET /api/exams/{id}/reports/{kind}?format=…
void download(services& shared, api_call const& call, responder respond, report_kind kind) {
    auto const id = parse_id(call.params.at(0));
    if (!id)
        return respond(error_response(404, "exam_not_found", call.lang));
    auto const format = call.request.query_value("format").value_or(
        std::string(report_files::default_format(kind)));
    if (!report_files::offers(kind, format))
        return respond(
            error_response(400, "invalid_field", call.lang,
                           {{"field", "format"}, {"allowed", report_files::formats_of(kind)}}));
    auto const now = now_ms();
    auto const read = [&shared, id = *id, now, format, lang = call.lang](auto load, auto render) {
        return [&shared, id, now, format, lang, load, render] {
            auto const found = shared.store.read_side().with(
                [&](store::database& db) { return load(db, id, now); });
            if (!found)
                return error_response(404, "exam_not_found", lang);
            return file_response(render(*found, format));
        };
    };
    switch (kind) {
    case report_kind::class_scores:
        return reply_from_pool(shared, call.lang, std::move(respond),
                               read(report_data::class_report, report_files::class_file));
    case report_kind::units:
        return reply_from_pool(shared, call.lang, std::move(respond),
                               read(report_data::unit_notices, report_files::units_file));
    case report_kind::items:
        return reply_from_pool(shared, call.lang, std::move(respond),
                               read(report_data::item_report, report_files::items_file));
    case report_kind::certificates:
        return certificates(shared, call, std::move(respond), *id);
    case report_kind::cards:
        return cards(shared, call, std::move(respond), *id);
    case report_kind::papers:
    case report_kind::keys:
        return papers(shared, call, std::move(respond), *id, kind == report_kind::keys);
    }
}

/// PUT of a report setting: parsed (400 naming the member), stored and audited, echoed back.
template <class T>
void put_setting(services& shared, api_call const& call, responder respond, std::string key,
                 report_settings::parsed<T> (*parse)(nlohmann::json const&),
                 void (*store)(store::database&, T const&, actor const&, std::int64_t)) {
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    auto parsed = parse(*body);
    if (!parsed.value) {
        json extra = {{"field", parsed.bad_field}};
        if (!parsed.message.empty())
            extra["detail"] = parsed.message;
        return respond(error_response(400, "invalid_field", call.lang, extra));
    }
    write_then_reply(
        shared,
        [value = *parsed.value, store, who = actor_of(call)](store::database& db) {
            store(db, value, who, now_ms());
        },
        [key, reply = report_settings::to_json(*parsed.value)] {
            return json_response(200, json{{key, reply}});
        },
        std::move(respond), call.lang);
}

} // namespace

void add_report_routes(router& routes, services& shared) {
    auto const staff = only({role::admin, role::lecturer, role::proctor});
    auto const builders = only({role::admin, role::lecturer});
    auto const admin = only({role::admin});
    for (auto const& [name, kind, who] :
         {std::tuple{"class", report_kind::class_scores, staff},
          std::tuple{"units", report_kind::units, staff},
          std::tuple{"items", report_kind::items, builders},
          std::tuple{"certificates", report_kind::certificates, builders},
          std::tuple{"cards", report_kind::cards, staff},
          std::tuple{"papers", report_kind::papers, builders},
          std::tuple{"keys", report_kind::keys, builders}})
        routes.add("GET", "/api/exams/{id}/reports/" + std::string(name), who,
                   [&shared, kind](api_call const& call, responder respond) {
                       download(shared, call, std::move(respond), kind);
                   });

    routes.add(
        "GET", "/api/settings/report-header", builders,
        [&shared](api_call const&, responder respond) {
            auto const header = shared.store.read_side().with(
                [](store::database& db) { return report_settings::read_header(db); });
            respond(json_response(200, json{{"report_header", report_settings::to_json(header)}}));
        });
    routes.add("PUT", "/api/settings/report-header", admin,
               [&shared](api_call const& call, responder respond) {
                   put_setting<report_settings::header_settings>(
                       shared, call, std::move(respond), "report_header",
                       report_settings::parse_header, report_settings::store_header);
               });
    routes.add("GET", "/api/settings/certificate-template", builders,
               [&shared](api_call const&, responder respond) {
                   auto const t = shared.store.read_side().with(
                       [](store::database& db) { return report_settings::read_template(db); });
                   respond(json_response(
                       200, json{{"certificate_template", report_settings::to_json(t)}}));
               });
    routes.add("PUT", "/api/settings/certificate-template", admin,
               [&shared](api_call const& call, responder respond) {
                   put_setting<scoring::certificate_template>(
                       shared, call, std::move(respond), "certificate_template",
                       report_settings::parse_template, report_settings::store_template);
               });
    routes.add("GET", "/api/verify/{code}", public_access(),
               [&shared](api_call const& call, responder respond) {
                   respond(verify_page::json_reply(shared.store, call.params.at(0), call.lang));
               });
}

} // namespace phongthi::server
