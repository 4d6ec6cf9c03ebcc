#include "server/app/application.hpp"

#include "server/accounts/session_keeper.hpp"
#include "server/api/admin_api.hpp"
#include "server/api/attendance_api.hpp"
#include "server/api/audit_api.hpp"
#include "server/api/auth_api.hpp"
#include "server/api/backup_api.hpp"
#include "server/api/bank_api.hpp"
#include "server/api/class_api.hpp"
#include "server/api/conduct_api.hpp"
#include "server/api/exam_api.hpp"
#include "server/api/material_api.hpp"
#include "server/api/results_api.hpp"
#include "server/api/room_api.hpp"
#include "server/api/rooms_api.hpp"
#include "server/api/router.hpp"
#include "server/api/session_api.hpp"
#include "server/api/survey_api.hpp"
#include "server/app/services.hpp"
#include "server/auth/request_rate_limiter.hpp"
#include "server/backups/backup_schedule.hpp"
#include "server/exams/exam_runtime.hpp"
#include "server/http/static_files.hpp"
#include "server/keys/signing_key.hpp"
#include "server/log.hpp"
#include "server/reports/reports_api.hpp"
#include "server/reports/verify_page.hpp"
#include "server/ws/client_channel.hpp"

#include <chrono>
#include <optional>

namespace phongthi::server {

namespace {

constexpr std::size_t max_queued_hashes = 512; ///< two rooms logging in at once

std::string_view product_version() {
    return "0.1.0";
}

/// GET /healthz: 200 while the storage takes writes; 503, with the reason, while it refuses
/// them (a full disk, an I/O error), so a monitor notices before candidates do.
http_response health(store::data_store& store, language lang) {
    auto const& writes = store.write_side();
    if (!writes.failing())
        return json_response(200, json{{"status", "ok"}, {"version", product_version()}});
    return json_response(503, json{{"status", "storage_failing"},
                                   {"version", product_version()},
                                   {"message", error_message("storage_failing", lang)},
                                   {"error", writes.last_failure()}});
}

/// The per-address request limiter of `options`, or null when it is off.
std::unique_ptr<auth::request_rate_limiter> make_rate_limiter(app_options const& options) {
    if (options.requests_per_second <= 0 || options.request_burst <= 0)
        return nullptr;
    return std::make_unique<auth::request_rate_limiter>(options.requests_per_second,
                                                        options.request_burst);
}

/// 429 with Retry-After (header and body) for a client over its request rate.
http_response too_many_requests(std::chrono::seconds retry_after, language lang) {
    auto response =
        error_response(429, "too_many_requests", lang, json{{"retry_after", retry_after.count()}});
    response.headers.emplace_back("Retry-After", std::to_string(retry_after.count()));
    return response;
}

} // namespace

struct application::impl {
    explicit impl(app_options const& options)
        : store(options.data_dir),
          hashing(static_cast<std::size_t>(options.hash_threads), max_queued_hashes),
          throttle(options.login_limits), sessions(store, options.sessions),
          exams(store), shared{store,
                               hashing,
                               throttle,
                               exams,
                               options.hash_params,
                               sessions,
                               auth::hash_password("phongthi-no-such-account", options.hash_params),
                               options.demo},
          routes(shared), rate_limiter(make_rate_limiter(options)) {
        shared.material_max_bytes = options.material_max_bytes;
        shared.configured_backups = {options.backup_every, options.backup_keep, false};
        shared.result_bundle_key = signing_key::load_or_create(store);
        if (options.demo)
            demo = seed_demo(store, options.hash_params);
        add_auth_routes(routes, shared);
        add_admin_routes(routes, shared);
        add_session_routes(routes, shared);
        add_bank_routes(routes, shared);
        add_exam_routes(routes, shared);
        add_class_routes(routes, shared);
        add_conduct_routes(routes, shared);
        add_survey_routes(routes, shared);
        add_material_routes(routes, shared);
        add_results_routes(routes, shared);
        add_audit_routes(routes, shared);
        add_backup_routes(routes, shared);
        add_room_routes(
            routes, shared, [this] { return server->port(); },
            options.network.tls == tls_mode::off ? "http" : "https");
        add_rooms_routes(routes, shared);
        add_attendance_routes(routes, shared);
        add_report_routes(routes, shared);
        routes.add("GET", "/api/info", public_access(), [this](api_call const&, responder respond) {
            respond(json_response(200, json{{"name", "PhòngThi"},
                                            {"version", product_version()},
                                            {"demo", shared.demo},
                                            {"server_time", iso_utc(now_ms())}}));
        });
        auto network = options.network;
        network.large_body = is_material_upload;
        network.large_body_bytes = material_body_limit(options.material_max_bytes);
        network.error_page = [](int status, std::string_view code, language lang) {
            return error_response(status, code, lang);
        };
        server = std::make_unique<http_server>(
            network,
            [this](http_request const& request, responder respond) {
                dispatch(request, std::move(respond));
            },
            make_client_channel_factory(shared));
    }

    void dispatch(http_request const& request, responder respond) {
        auto const started = std::chrono::steady_clock::now();
        responder logged = [respond = std::move(respond), method = request.method,
                            path = request.path, address = request.remote_address,
                            started](http_response response) {
            if (log_enabled(log_level::info)) {
                auto const micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                        std::chrono::steady_clock::now() - started)
                                        .count();
                log(log_level::info, "http.request",
                    {{"method", method},
                     {"path", path},
                     {"status", std::to_string(response.status)},
                     {"us", std::to_string(micros)},
                     {"address", address}});
            }
            respond(std::move(response));
        };
        if (rate_limiter) {
            auto const verdict =
                rate_limiter->take(request.remote_address, std::chrono::steady_clock::now());
            if (!verdict.allowed)
                return logged(too_many_requests(verdict.retry_after, request.preferred_language()));
        }
        if (request.path == "/healthz")
            return logged(health(store, request.preferred_language()));
        bool const api = request.path.starts_with("/api/");
        if (api || verify_page::is_verify_path(request.path)) {
            try {
                if (api)
                    return routes.handle(request, logged);
                return logged(verify_page::html(store, request.path));
            } catch (std::exception const& e) {
                // A failed read (e.g. a locked or corrupt database) answers 500; the server lives
                // on.
                log(log_level::error, "http.handler_failed",
                    {{"path", request.path}, {"error", e.what()}});
                return logged(error_response(500, "internal", request.preferred_language()));
            }
        }
        if (auto asset = serve_static(request))
            return logged(std::move(*asset));
        logged(error_response(404, "not_found", request.preferred_language()));
    }

    store::data_store store;
    auth::hash_pool hashing;
    auth::login_throttle throttle;
    session_keeper sessions;
    exam_runtime exams;
    services shared;
    router routes;
    std::unique_ptr<auth::request_rate_limiter> rate_limiter; ///< null when off
    std::vector<demo_account> demo;
    std::unique_ptr<http_server> server;
};

application::application(app_options options) : impl_(std::make_unique<impl>(options)) {}

application::~application() = default;

std::uint16_t application::port() const {
    return impl_->server->port();
}

std::vector<demo_account> const& application::demo_accounts() const {
    return impl_->demo;
}

void application::run() {
    log(log_level::info, "server.start", {{"port", std::to_string(port())}});
    impl_->exams.start();
    auto& shared = impl_->shared;
    std::optional<backup_schedule> backups;
    backups.emplace(impl_->store.file(), impl_->store.file().parent_path() / "backups", [&shared] {
        return shared.store.read_side().with([&](store::database& db) {
            return backup_plan::current(db, shared.configured_backups);
        });
    });
    shared.backups = &*backups;
    impl_->server->run();
    shared.backups = nullptr;
    backups.reset();
    log(log_level::info, "server.draining");
    impl_->exams.stop();
    impl_->hashing.stop();
    impl_->store.stop();
    log(log_level::info, "server.stopped");
}

void application::stop() {
    impl_->server->stop();
}

} // namespace phongthi::server
