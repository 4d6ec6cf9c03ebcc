#include "server/api/class_api.hpp"

#include "server/accounts/account_store.hpp"
#include "server/api/id_route.hpp"
#include "server/api/write_reply.hpp"
#include "server/app/services.hpp"
#include "server/auth/session_token.hpp"
#include "server/classes/class_json.hpp"
#include "server/classes/class_store.hpp"
#include "server/classes/class_validation.hpp"
#include "server/classes/roster_import.hpp"
#include "server/store/database.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <variant>

namespace phongthi::server {

namespace {

/// Roster passwords hashed per pool thread at most at a time, so that logins queued meanwhile
/// wait for one hash, not for a whole class.
constexpr std::size_t roster_hash_lanes = 2;

/// The initial passwords of a roster's new accounts, hashed a few at a time on the hash pool.
struct roster_hashing {
    explicit roster_hashing(services& owner) : shared(owner) {}

    services& shared;
    std::vector<std::string> passwords;
    std::vector<std::string> hashes;
    /// Called once every password is hashed, or failed (the pool refused or a hash threw).
    std::function<void(roster_hashing&)> done;
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> finished{0};
    std::atomic<bool> failed{false};

    void finish_one() {
        if (finished.fetch_add(1) + 1 == passwords.size())
            done(*this);
    }
};

/// Takes the next password of the batch and queues its hash; the job queues the one after, so
/// each lane holds at most one job in the pool's queue.
void hash_next(std::shared_ptr<roster_hashing> const& batch) {
    while (true) {
        std::size_t const i = batch->next.fetch_add(1);
        if (i >= batch->passwords.size())
            return;
        bool const queued = !batch->failed && batch->shared.hashing.try_submit([batch, i] {
            try {
                batch->hashes[i] =
                    auth::hash_password(batch->passwords[i], batch->shared.hash_params);
            } catch (...) {
                batch->failed = true;
            }
            batch->finish_one();
            hash_next(batch);
        });
        if (queued)
            return;
        batch->failed = true;
        batch->finish_one();
    }
}

std::vector<role> readers() {
    return {role::admin, role::lecturer, role::proctor};
}

/// The course fields of a JSON body, checked; an error response when one is bad.
std::optional<http_response> read_course(json const& body, class_store::course_record& course,
                                         language lang) {
    if (auto const bad = read_text_fields(body, {{"code", &course.code},
                                                 {"name", &course.name},
                                                 {"kind", &course.kind},
                                                 {"starts_on", &course.starts_on},
                                                 {"ends_on", &course.ends_on}}))
        return invalid_field(*bad, lang);
    if (auto const bad = check_course(course); !bad.empty())
        return invalid_field(bad, lang);
    return std::nullopt;
}

/// An id member of `body`: 0 when absent or null, -1 when not a positive integer.
std::int64_t id_member(json const& body, std::string_view key) {
    auto const it = body.find(key);
    if (it == body.end() || it->is_null())
        return 0;
    if (!it->is_number_integer() || it->get<std::int64_t>() <= 0)
        return -1;
    return it->get<std::int64_t>();
}

void save_course(services& shared, api_call const& call, responder respond, std::int64_t id) {
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    class_store::course_record course;
    course.id = id;
    if (auto error = read_course(*body, course, call.lang))
        return respond(std::move(*error));
    auto saved = std::make_shared<std::optional<class_store::course_record>>();
    write_then_reply(
        shared,
        [course, who = actor_of(call), saved](store::database& db) mutable {
            bool const created = course.id == 0;
            if (created)
                course.id = class_store::insert_course(db, course);
            else if (!class_store::update_course(db, course))
                return;
            account_store::append_audit(db, who, created ? "course.create" : "course.update",
                                        "course:" + std::to_string(course.id),
                                        json{{"code", course.code}, {"name", course.name}}.dump(),
                                        now_ms());
            *saved = class_store::find_course(db, course.id);
        },
        [saved, lang = call.lang, created = id == 0] {
            if (!*saved)
                return error_response(404, "not_found", lang);
            return json_response(created ? 201 : 200,
                                 json{{"course", class_json::course(**saved)}});
        },
        std::move(respond), call.lang, conflict_as("course_code_taken", call.lang));
}

/// The class fields of a JSON body, checked against the database; an error response when one is
/// bad.
std::optional<http_response> read_class(services& shared, json const& body,
                                        class_store::class_fields& fields, language lang) {
    std::string unit_code;
    if (auto const bad = read_text_fields(body, {{"code", &fields.code},
                                                 {"name", &fields.name},
                                                 {"unit_code", &unit_code},
                                                 {"starts_on", &fields.starts_on},
                                                 {"ends_on", &fields.ends_on}}))
        return invalid_field(*bad, lang);
    fields.course_id = id_member(body, "course_id");
    fields.room_id = id_member(body, "room_id");
    if (fields.course_id <= 0)
        return invalid_field("course_id", lang);
    if (fields.room_id < 0)
        return invalid_field("room_id", lang);
    if (auto const bad = check_class(fields); !bad.empty())
        return invalid_field(bad, lang);
    return shared.store.read_side().with([&](store::database& db) -> std::optional<http_response> {
        if (!class_store::find_course(db, fields.course_id))
            return error_response(400, "unknown_course", lang, json{{"field", "course_id"}});
        if (fields.room_id != 0) {
            auto const rooms = class_store::list_rooms(db);
            if (std::none_of(rooms.begin(), rooms.end(), [&](class_store::room_record const& r) {
                    return r.id == fields.room_id;
                }))
                return error_response(400, "unknown_room", lang, json{{"field", "room_id"}});
        }
        if (!unit_code.empty()) {
            auto const unit = account_store::find_unit(db, unit_code);
            if (!unit)
                return error_response(400, "unknown_unit", lang, json{{"field", "unit_code"}});
            fields.unit_id = unit->id;
        }
        return std::nullopt;
    });
}

/// The class with its learners and staff as JSON, or null when there is no such class.
json class_detail_of(store::database& db, std::int64_t id) {
    auto const found = class_store::find_class(db, id);
    if (!found)
        return nullptr;
    return class_json::class_detail(*found, class_store::class_enrollments(db, id),
                                    class_store::class_staff(db, id));
}

/// Answers with the class after `change` ran in a writer job and returned true; 404 when the
/// class (or what `change` looks for) is not there.
void change_class(services& shared, api_call const& call, responder respond, std::int64_t id,
                  std::function<bool(store::database&)> change, write_error_mapper map_error = {}) {
    auto detail = std::make_shared<json>(nullptr);
    write_then_reply(
        shared,
        [id, change = std::move(change), detail](store::database& db) {
            if (change(db))
                *detail = class_detail_of(db, id);
        },
        [detail, lang = call.lang] {
            if (detail->is_null())
                return error_response(404, "not_found", lang);
            return json_response(200, json{{"class", *detail}});
        },
        std::move(respond), call.lang, std::move(map_error));
}

void save_class(services& shared, api_call const& call, responder respond, std::int64_t id) {
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    class_store::class_fields fields;
    if (auto error = read_class(shared, *body, fields, call.lang))
        return respond(std::move(*error));
    if (id != 0)
        return change_class(
            shared, call, std::move(respond), id,
            [id, fields, who = actor_of(call)](store::database& db) {
                if (!class_store::update_class(db, id, fields))
                    return false;
                account_store::append_audit(
                    db, who, "class.update", "class:" + std::to_string(id),
                    json{{"code", fields.code}, {"name", fields.name}}.dump(), now_ms());
                return true;
            },
            conflict_as("class_code_taken", call.lang));
    auto detail = std::make_shared<json>(nullptr);
    write_then_reply(
        shared,
        [fields, who = actor_of(call), detail](store::database& db) {
            std::int64_t const created = class_store::insert_class(db, fields);
            account_store::append_audit(db, who, "class.create", "class:" + std::to_string(created),
                                        json{{"code", fields.code}, {"name", fields.name}}.dump(),
                                        now_ms());
            *detail = class_detail_of(db, created);
        },
        [detail] {
            return json_response(201, json{{"class", *detail}});
        },
        std::move(respond), call.lang, conflict_as("class_code_taken", call.lang));
}

/// The account named by the body's "username", or an error response.
std::variant<user_record, http_response> named_account(services& shared, json const& body,
                                                       language lang) {
    auto const username = string_member(body, "username");
    if (!username || username->empty())
        return invalid_field("username", lang);
    auto const found = shared.store.read_side().with(
        [&](store::database& db) { return account_store::find_credentials(db, *username); });
    if (!found)
        return error_response(404, "unknown_account", lang, json{{"field", "username"}});
    return found->user;
}

void enroll_account(services& shared, api_call const& call, responder respond, std::int64_t id) {
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    auto account = named_account(shared, *body, call.lang);
    if (auto* error = std::get_if<http_response>(&account))
        return respond(std::move(*error));
    std::int64_t const list_number = id_member(*body, "list_number");
    if (list_number < 0 || list_number > 99999)
        return respond(invalid_field("list_number", call.lang));
    auto const user = std::get<user_record>(account);
    change_class(shared, call, std::move(respond), id,
                 [id, user, list_number, who = actor_of(call)](store::database& db) {
                     if (!class_store::find_class(db, id))
                         return false;
                     class_store::enroll(db, id, user.id, static_cast<int>(list_number));
                     account_store::append_audit(
                         db, who, "class.enroll", "class:" + std::to_string(id),
                         json{{"username", user.username}}.dump(), now_ms());
                     return true;
                 });
}

void withdraw_learner(services& shared, api_call const& call, responder respond, std::int64_t id) {
    auto const user_id = parse_id(call.params.at(1));
    if (!user_id)
        return respond(error_response(404, "not_found", call.lang));
    change_class(shared, call, std::move(respond), id,
                 [id, user_id = *user_id, who = actor_of(call)](store::database& db) {
                     if (!class_store::withdraw(db, id, user_id))
                         return false;
                     account_store::append_audit(db, who, "class.withdraw",
                                                 "class:" + std::to_string(id),
                                                 json{{"user_id", user_id}}.dump(), now_ms());
                     return true;
                 });
}

void add_duty(services& shared, api_call const& call, responder respond, std::int64_t id) {
    auto const body = parse_object(call.request.body);
    if (!body)
        return respond(error_response(400, "bad_json", call.lang));
    auto const duty = string_member(*body, "duty").value_or("");
    if (!is_class_duty(duty))
        return respond(invalid_field("duty", call.lang));
    auto account = named_account(shared, *body, call.lang);
    if (auto* error = std::get_if<http_response>(&account))
        return respond(std::move(*error));
    auto const user = std::get<user_record>(account);
    if (user.user_role == role::candidate)
        return respond(error_response(400, "not_staff", call.lang, json{{"field", "username"}}));
    change_class(shared, call, std::move(respond), id,
                 [id, user, duty, who = actor_of(call)](store::database& db) {
                     if (!class_store::find_class(db, id))
                         return false;
                     class_store::add_staff(db, id, user.id, duty);
                     account_store::append_audit(
                         db, who, "class.staff_add", "class:" + std::to_string(id),
                         json{{"username", user.username}, {"duty", duty}}.dump(), now_ms());
                     return true;
                 });
}

void remove_duty(services& shared, api_call const& call, responder respond, std::int64_t id) {
    auto const user_id = parse_id(call.params.at(1));
    std::string const duty = call.params.at(2);
    if (!user_id || !is_class_duty(duty))
        return respond(error_response(404, "not_found", call.lang));
    change_class(shared, call, std::move(respond), id,
                 [id, user_id = *user_id, duty, who = actor_of(call)](store::database& db) {
                     if (!class_store::remove_staff(db, id, user_id, duty))
                         return false;
                     account_store::append_audit(
                         db, who, "class.staff_remove", "class:" + std::to_string(id),
                         json{{"user_id", user_id}, {"duty", duty}}.dump(), now_ms());
                     return true;
                 });
}

/// Writes a planned roster once every new account's password is hashed (`rows[i]` is the row of
/// `batch.passwords[i]`), and answers with the report and the new accounts with their initial
/// passwords: the only time they are shown.
void write_roster(services& shared, actor const& who, language lang, responder respond,
                  std::int64_t id, std::shared_ptr<roster_file const> const& file,
                  bool create_units, std::vector<std::size_t> const& rows, roster_hashing& batch) {
    if (batch.failed)
        return respond(error_response(503, "server_busy", lang));
    std::map<std::size_t, std::string> hashes;
    std::map<std::size_t, std::string> passwords;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        hashes.emplace(rows[i], std::move(batch.hashes[i]));
        passwords.emplace(rows[i], std::move(batch.passwords[i]));
    }
    auto written = std::make_shared<std::optional<roster_plan>>();
    write_then_reply(
        shared,
        [id, file, create_units, hashes = std::move(hashes), who, written](store::database& db) {
            *written = apply_roster(db, id, *file, create_units, hashes, who, now_ms());
        },
        [file, written, passwords = std::move(passwords)] {
            json report = class_json::roster_report(*file, **written);
            json accounts = json::array();
            for (auto const& action : (*written)->actions) {
                if (action.change != roster_change::create)
                    continue;
                auto const& row = file->rows[action.row];
                accounts.push_back({{"row", row.row},
                                    {"list_number", action.list_number},
                                    {"full_name", row.full_name},
                                    {"birth_date", row.birth_date},
                                    {"unit", row.unit},
                                    {"username", action.username},
                                    {"initial_password", passwords.at(action.row)}});
            }
            report["accounts"] = std::move(accounts);
            return json_response(200, report);
        },
        std::move(respond), lang,
        [lang](std::exception_ptr error) -> std::optional<http_response> {
            try {
                std::rethrow_exception(error);
            } catch (roster_conflict const&) {
                return error_response(409, "roster_changed", lang);
            } catch (...) {
            }
            return std::nullopt;
        });
}

/// POST /api/classes/{id}/roster?format=csv|xlsx&dry_run=1&create_units=1: the file is the body.
void import_roster(services& shared, api_call const& call, responder respond, std::int64_t id) {
    std::string const format = call.request.query_value("format").value_or("csv");
    if (format != "csv" && format != "xlsx")
        return respond(invalid_field("format", call.lang));
    bool const dry_run = call.request.query_value("dry_run").value_or("0") == "1";
    bool const create_units = call.request.query_value("create_units").value_or("0") == "1";
    std::string const file_name = call.request.query_value("name").value_or("roster." + format);
    auto const file =
        std::make_shared<roster_file const>(read_roster(call.request.body, format, file_name));
    auto const plan = shared.store.read_side().with([&](store::database& db) {
        return class_store::find_class(db, id)
                   ? std::optional(plan_roster(*file, load_roster_state(db, id), create_units))
                   : std::nullopt;
    });
    if (!plan)
        return respond(error_response(404, "not_found", call.lang));
    json report = class_json::roster_report(*file, *plan);
    if (plan->has_errors() && !dry_run) {
        report["code"] = "roster_has_errors";
        report["message"] = error_message("roster_has_errors", call.lang);
        return respond(json_response(422, json{{"error", std::move(report)}}));
    }
    if (dry_run)
        return respond(json_response(200, report));
    auto batch = std::make_shared<roster_hashing>(shared);
    std::vector<std::size_t> rows;
    for (auto const& action : plan->actions) {
        if (action.change != roster_change::create)
            continue;
        rows.push_back(action.row);
        batch->passwords.push_back(auth::random_password(8));
    }
    batch->hashes.resize(rows.size());
    batch->done = [&shared, who = actor_of(call), lang = call.lang,
                   respond = std::make_shared<responder>(std::move(respond)), id, file,
                   create_units, rows](roster_hashing& hashed) {
        write_roster(shared, who, lang, std::move(*respond), id, file, create_units, rows, hashed);
    };
    if (rows.empty())
        return batch->done(*batch);
    for (std::size_t lane = 0; lane < roster_hash_lanes; ++lane)
        hash_next(batch);
}

} // namespace

void add_class_routes(router& routes, services& shared) {
    auto const admin = only({role::admin});
    access const staff{true, readers()};
    routes.add("GET", "/api/courses", staff, [&shared](api_call const&, responder respond) {
        auto const courses = shared.store.read_side().with(
            [](store::database& db) { return class_store::list_courses(db); });
        json list = json::array();
        for (auto const& course : courses)
            list.push_back(class_json::course(course));
        respond(json_response(200, json{{"courses", std::move(list)}}));
    });
    routes.add("POST", "/api/courses", admin, [&shared](api_call const& call, responder respond) {
        save_course(shared, call, std::move(respond), 0);
    });
    routes.add("PUT", "/api/courses/{id}", admin,
               [&shared](api_call const& call, responder respond) {
                   auto const id = parse_id(call.params.at(0));
                   if (!id)
                       return respond(error_response(404, "not_found", call.lang));
                   save_course(shared, call, std::move(respond), *id);
               });
    routes.add("POST", "/api/classes", admin, [&shared](api_call const& call, responder respond) {
        save_class(shared, call, std::move(respond), 0);
    });
    // The routes on one class: the handler gets the parsed class id.
    auto const on_class = [&shared](id_handler handler) {
        return with_id(shared, std::move(handler));
    };
    routes.add(
        "GET", "/api/classes/{id}", staff,
        on_class([](services& owner, api_call const& call, responder respond, std::int64_t id) {
            auto const detail = owner.store.read_side().with(
                [&](store::database& db) { return class_detail_of(db, id); });
            if (detail.is_null())
                return respond(error_response(404, "not_found", call.lang));
            respond(json_response(200, json{{"class", detail}}));
        }));
    routes.add("PUT", "/api/classes/{id}", admin, on_class(save_class));
    routes.add("POST", "/api/classes/{id}/enrollments", admin, on_class(enroll_account));
    routes.add("POST", "/api/classes/{id}/enrollments/{user}/withdraw", admin,
               on_class(withdraw_learner));
    routes.add("POST", "/api/classes/{id}/staff", admin, on_class(add_duty));
    routes.add("DELETE", "/api/classes/{id}/staff/{user}/{duty}", admin, on_class(remove_duty));
    routes.add("POST", "/api/classes/{id}/roster", admin, on_class(import_roster));
}

} // namespace phongthi::server
