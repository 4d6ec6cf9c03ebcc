#include "server/api/write_reply.hpp"

#include "server/app/services.hpp"
#include "server/log.hpp"
#include "server/store/database.hpp"

namespace phongthi::server {

write_error_mapper conflict_as(std::string code, language lang) {
    return
        [code = std::move(code), lang](std::exception_ptr error) -> std::optional<http_response> {
            try {
                std::rethrow_exception(error);
            } catch (store::sqlite_error const& e) {
                if (e.is_unique_violation())
                    return error_response(409, code, lang);
            } catch (...) {
            }
            return std::nullopt;
        };
}

void write_then_reply(services& shared, std::function<void(store::database&)> job,
                      std::function<http_response()> on_success, responder respond, language lang,
                      write_error_mapper map_error) {
    shared.store.write_side().submit(
        std::move(job), [on_success = std::move(on_success), respond = std::move(respond), lang,
                         map_error = std::move(map_error)](std::exception_ptr error) {
            if (!error)
                return respond(on_success());
            if (map_error) {
                if (auto mapped = map_error(error))
                    return respond(std::move(*mapped));
            }
            try {
                std::rethrow_exception(error);
            } catch (std::exception const& e) {
                log(log_level::error, "store.write_failed", {{"error", e.what()}});
            } catch (...) {
                log(log_level::error, "store.write_failed", {{"error", "unknown"}});
            }
            respond(error_response(500, "internal", lang));
        });
}

void work_on_pool(services& shared, language lang, responder respond,
                  std::function<void(responder)> work) {
    bool const queued = shared.hashing.try_submit([work = std::move(work), respond, lang] {
        try {
            work(respond);
        } catch (std::exception const& e) {
            log(log_level::error, "background.failed", {{"error", e.what()}});
            respond(error_response(500, "internal", lang));
        }
    });
    if (!queued)
        respond(error_response(503, "server_busy", lang));
}

void reply_from_pool(services& shared, language lang, responder respond,
                     std::function<http_response()> build) {
    work_on_pool(shared, lang, std::move(respond),
                 [build = std::move(build)](responder reply) { reply(build()); });
}

} // namespace phongthi::server
