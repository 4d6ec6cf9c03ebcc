#include "server/api/material_api.hpp"

#include "server/api/router.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/auth/session_token.hpp"
#include "server/classes/class_store.hpp"
#include "server/course/material_files.hpp"
#include "server/course/material_store.hpp"
#include "server/course/material_upload.hpp"
#include "server/reports/report_format.hpp"
#include "server/store/database.hpp"

#include <memory>

namespace phongthi::server {

namespace {

std::filesystem::path materials_directory(services& shared) {
    return material_files::directory_of(shared.store.file().parent_path());
}

json material_json(material_store::material_record const& m) {
    return {{"id", m.id},
            {"course", {{"id", m.course_id}, {"code", m.course_code}, {"name", m.course_name}}},
            {"title", m.title},
            {"description", m.description.empty() ? json(nullptr) : json(m.description)},
            {"file_name", m.file_name},
            {"kind", m.kind},
            {"size", m.size},
            {"sha256", m.sha256},
            {"uploaded_by", m.uploaded_by.empty() ? json(nullptr) : json(m.uploaded_by)},
            {"uploaded_at", iso_utc(m.uploaded_at)}};
}

json material_list(std::vector<material_store::material_record> const& list) {
    json out = json::array();
    for (auto const& m : list)
        out.push_back(material_json(m));
    return out;
}

/// Checks the upload's fields, size and type; fills `material` or returns the error response.
std::optional<http_response> check_material_upload(services& shared, api_call const& call,
                                                   material_store::material_record& material) {
    auto const& request = call.request;
    auto const refused = material_upload::check(request.query_value("title").value_or(""),
                                                request.query_value("description").value_or(""),
                                                request.query_value("name").value_or(""),
                                                request.body, shared.material_max_bytes, material);
    if (!refused)
        return std::nullopt;
    if (refused->code == "invalid_field")
        return invalid_field(refused->field, call.lang);
    if (refused->code == "material_too_large")
        return error_response(413, refused->code, call.lang,
                              json{{"max_bytes", shared.material_max_bytes}});
    json extra{{"field", refused->field}};
    if (!refused->kind.empty())
        extra["kind"] = refused->kind;
    return error_response(415, refused->code, call.lang, extra);
}

/// POST /api/courses/{id}/materials: checks, then on the pool hashes and stores the file, then
/// a writer job records it; the file is removed again if the record fails.
void upload_material(services& shared, api_call const& call, responder respond,
                     std::int64_t course_id) {
    material_store::material_record material;
    material.course_id = course_id;
    if (auto error = check_material_upload(shared, call, material))
        return respond(std::move(*error));
    bool const known = shared.store.read_side().with(
        [&](store::database& db) { return class_store::find_course(db, course_id).has_value(); });
    if (!known)
        return respond(error_response(404, "unknown_course", call.lang));
    auto bytes = std::make_shared<std::string const>(call.request.body);
    work_on_pool(shared, call.lang, std::move(respond),
                 [&shared, bytes, material, who = actor_of(call),
                  lang = call.lang](responder reply) mutable {
                     auto const directory = materials_directory(shared);
                     material.sha256 = auth::token_digest(*bytes);
                     material.stored_name = material_files::store(directory, *bytes, material.kind);
                     auto saved =
                         std::make_shared<std::optional<material_store::material_record>>();
                     write_then_reply(
                         shared,
                         [material, who, saved](store::database& db) {
                             auto const id =
                                 material_store::insert_material(db, material, who, now_ms());
                             *saved = material_store::find_material(db, id);
                         },
                         [saved] {
                             return json_response(201, json{{"material", material_json(**saved)}});
                         },
                         std::move(reply), lang,
                         [directory, stored = material.stored_name](std::exception_ptr) {
                             material_files::remove(directory, stored);
                             return std::optional<http_response>();
                         });
                 });
}

void remove_material(services& shared, api_call const& call, responder respond) {
    auto const id = parse_id(call.params.at(0));
    if (!id)
        return respond(error_response(404, "not_found", call.lang));
    auto deleted = std::make_shared<std::optional<material_store::material_record>>();
    write_then_reply(
        shared,
        [id = *id, who = actor_of(call), deleted](store::database& db) {
            *deleted = material_store::delete_material(db, id, who, now_ms());
        },
        [&shared, deleted, lang = call.lang] {
            if (!*deleted)
                return error_response(404, "not_found", lang);
            material_files::remove(materials_directory(shared), (*deleted)->stored_name);
            return json_response(200, json{{"deleted", (*deleted)->id}});
        },
        std::move(respond), call.lang);
}

/// GET /api/materials/{id}/file: staff always; a candidate only of their courses and never while
/// they are in an exam. The file is read on the pool.
void download_material(services& shared, api_call const& call, responder respond) {
    auto const id = parse_id(call.params.at(0));
    if (!id)
        return respond(error_response(404, "not_found", call.lang));
    bool const candidate = call.user->user_role == role::candidate;
    std::optional<material_store::material_record> found;
    bool blocked = false;
    shared.store.read_side().with([&](store::database& db) {
        found = material_store::find_material(db, *id);
        if (found && candidate &&
            !material_store::enrolled_in_course(db, call.user->id, found->course_id))
            found.reset();
        blocked = found && candidate && material_store::in_exam(db, call.user->id);
    });
    if (!found)
        return respond(error_response(404, "not_found", call.lang));
    if (blocked)
        return respond(error_response(403, "material_during_exam", call.lang));
    reply_from_pool(shared, call.lang, std::move(respond), [&shared, material = *found] {
        auto const dot = material.file_name.rfind('.');
        std::string const stem = material.file_name.substr(0, dot);
        std::string const extension =
            dot == std::string::npos ? std::string() : material.file_name.substr(dot);
        return http_response{
            200,
            material.mime_type,
            material_files::read(materials_directory(shared), material.stored_name),
            {{"Content-Disposition", report_format::content_disposition(stem, extension)},
             {"Cache-Control", "no-store"}}};
    });
}

} // namespace

bool is_material_upload(std::string_view method, std::string_view target) {
    constexpr std::string_view prefix = "/api/courses/";
    constexpr std::string_view suffix = "/materials";
    if (method != "POST" || !target.starts_with(prefix))
        return false;
    target = target.substr(0, target.find('?'));
    if (!target.ends_with(suffix))
        return false;
    auto const id = target.substr(prefix.size(), target.size() - prefix.size() - suffix.size());
    return parse_id(id).has_value();
}

std::size_t material_body_limit(std::size_t max_file_bytes) {
    constexpr std::size_t answer_room = 1024 * 1024;
    return max_file_bytes + answer_room;
}

void add_material_routes(router& routes, services& shared) {
    auto const editors = only({role::admin, role::lecturer});
    routes.add("GET", "/api/courses/{id}/materials", editors,
               [&shared](api_call const& call, responder respond) {
                   auto const id = parse_id(call.params.at(0));
                   if (!id)
                       return respond(error_response(404, "not_found", call.lang));
                   auto const list = shared.store.read_side().with([&](store::database& db) {
                       return material_store::course_materials(db, *id);
                   });
                   respond(json_response(200, json{{"materials", material_list(list)}}));
               });
    routes.add("POST", "/api/courses/{id}/materials", editors,
               [&shared](api_call const& call, responder respond) {
                   auto const id = parse_id(call.params.at(0));
                   if (!id)
                       return respond(error_response(404, "not_found", call.lang));
                   upload_material(shared, call, std::move(respond), *id);
               });
    routes.add("DELETE", "/api/materials/{id}", editors,
               [&shared](api_call const& call, responder respond) {
                   remove_material(shared, call, std::move(respond));
               });
    routes.add("GET", "/api/materials/{id}/file", any_user(),
               [&shared](api_call const& call, responder respond) {
                   download_material(shared, call, std::move(respond));
               });
    routes.add("GET", "/api/my/materials", only({role::candidate}),
               [&shared](api_call const& call, responder respond) {
                   bool blocked = false;
                   std::vector<material_store::material_record> list;
                   shared.store.read_side().with([&](store::database& db) {
                       blocked = material_store::in_exam(db, call.user->id);
                       if (!blocked)
                           list = material_store::learner_materials(db, call.user->id);
                   });
                   respond(json_response(
                       200, json{{"during_exam", blocked}, {"materials", material_list(list)}}));
               });
}

} // namespace phongthi::server
