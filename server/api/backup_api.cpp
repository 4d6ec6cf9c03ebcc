#include "server/api/backup_api.hpp"

#include "server/accounts/account_store.hpp"
#include "server/api/router.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/backups/backup_files.hpp"

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
        respond(json_response(200, json{{"backups", std::move(list)}}));
    });
    routes.add("GET", "/api/backups/{name}", admin,
               [&shared](api_call const& call, responder respond) {
                   download(shared, call, std::move(respond));
               });
}

} // namespace phongthi::server
