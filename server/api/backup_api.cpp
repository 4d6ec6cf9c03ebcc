#include "server/api/backup_api.hpp"

#include "server/accounts/account_store.hpp"
#include "server/api/exam_json.hpp"
#include "server/api/router.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/backups/backup_files.hpp"
#include "server/backups/backup_plan.hpp"
#include "server/backups/backup_schedule.hpp"
#include "server/store/database.hpp"

#include <fstream>
#include <iterator>
#include <memory>

namespace phongthi::server {

namespace {

std::filesystem::path backup_folder(services const& shared) {
    return shared.store.file().parent_path() / "backups";
}

json info_json(backup_files::backup_info const& b) {
    return {{"name", b.name}, {"bytes", b.bytes}, {"modified_at", iso_utc(b.modified_ms)}};
}

/// POST /api/backups: the copy is made on the background pool, then audited; the reply names it.
void backup_now(services& shared, api_call const& call, responder respond) {
    work_on_pool(
        shared, call.lang, respond,
        [&shared, who = actor_of(call), lang = call.lang](responder reply) {
            auto const made = std::make_shared<backup_files::backup_info>(
                backup_files::create(shared.store.file(), backup_folder(shared), now_ms()));
            write_then_reply(
                shared,
                [made, who](store::database& db) {
                    account_store::append_audit(db, who, "backup.create", "backup:" + made->name,
                                                json{{"bytes", made->bytes}}.dump(), now_ms());
                },
                [made] {
                    return json_response(201, json{{"backup", info_json(*made)}});
                },
                std::move(reply), lang);
        });
}

/// The stored plan (else the serve options'), the next scheduled backup and the last one.
json schedule_json(services& shared) {
    auto const plan = shared.store.read_side().with(
        [&](store::database& db) { return backup_plan::current(db, shared.configured_backups); });
    json out = backup_plan::to_json(plan);
    out["options"] = backup_plan::to_json(shared.configured_backups);
    auto const status =
        shared.backups ? shared.backups->status(plan) : backup_schedule::status_report{};
    out["next_at"] = optional_time(status.next_at);
    out["last_at"] = optional_time(status.last_at);
    out["last_name"] = status.last_name.empty() ? json(nullptr) : json(status.last_name);
    out["last_error"] = status.last_error.empty() ? json(nullptr) : json(status.last_error);
    return out;
}

/// PUT (a new plan) or DELETE (back to the serve options) of the schedule: stored and audited,
/// then the schedule thread reads it at once; the reply is the schedule as it now stands.
void change_schedule(services& shared, api_call const& call, responder respond,
                     std::optional<backup_plan::plan> plan) {
    write_then_reply(
        shared,
        [plan, who = actor_of(call)](store::database& db) {
            if (plan)
                backup_plan::store(db, *plan, who, now_ms());
            else
                backup_plan::reset(db, who, now_ms());
        },
        [&shared] {
            if (shared.backups)
                shared.backups->poke();
            return json_response(200, json{{"schedule", schedule_json(shared)}});
        },
        std::move(respond), call.lang);
}

void download(services& shared, api_call const& call, responder respond) {
    auto const file = backup_files::find(backup_folder(shared), call.params.at(0));
    if (!file)
        return respond(error_response(404, "not_found", call.lang));
    reply_from_pool(shared, call.lang, std::move(respond), [file = *file] {
        std::ifstream in(file, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        return http_response{
            200,
            "application/vnd.sqlite3",
            std::move(bytes),
            {{"Content-Disposition", "attachment; filename=\"" + file.filename().string() + "\""},
             {"Cache-Control", "no-store"}}};
    });
}

} // namespace

void add_backup_routes(router& routes, services& shared) {
    auto const admin = only({role::admin});
    routes.add("POST", "/api/backups", admin, [&shared](api_call const& call, responder respond) {
        backup_now(shared, call, std::move(respond));
    });
    routes.add("GET", "/api/backups", admin, [&shared](api_call const&, responder respond) {
        json list = json::array();
        for (auto const& b : backup_files::list(backup_folder(shared)))
            list.push_back(info_json(b));
        respond(json_response(
            200, json{{"backups", std::move(list)}, {"schedule", schedule_json(shared)}}));
    });
    routes.add("GET", "/api/settings/backup-schedule", admin,
               [&shared](api_call const&, responder respond) {
                   respond(json_response(200, json{{"schedule", schedule_json(shared)}}));
               });
    routes.add("PUT", "/api/settings/backup-schedule", admin,
               [&shared](api_call const& call, responder respond) {
                   auto const body = parse_object(call.request.body);
                   if (!body)
                       return respond(error_response(400, "bad_json", call.lang));
                   auto const parsed = backup_plan::parse(*body);
                   if (!parsed.value)
                       return respond(invalid_field(parsed.bad_field, call.lang));
                   change_schedule(shared, call, std::move(respond), parsed.value);
               });
    routes.add("DELETE", "/api/settings/backup-schedule", admin,
               [&shared](api_call const& call, responder respond) {
                   change_schedule(shared, call, std::move(respond), std::nullopt);
               });
    routes.add("GET", "/api/backups/{name}", admin,
               [&shared](api_call const& call, responder respond) {
                   download(shared, call, std::move(respond));
               });
}

} // namespace phongthi::server
