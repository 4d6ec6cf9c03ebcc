#include "server/api/write_reply.hpp"

#include "server/app/services.hpp"
#include "server/log.hpp"

namespace phongthi::server {

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

} // namespace phongthi::server
