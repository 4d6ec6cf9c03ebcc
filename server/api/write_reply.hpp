#pragma once

#include "server/api/api_support.hpp"

#include <exception>
#include <functional>
#include <optional>
#include <string>

namespace phongthi::store {
class database;
}

namespace phongthi::server {

struct services;

/// Turns a failed write into a response; nullopt means "internal error".
using write_error_mapper = std::function<std::optional<http_response>(std::exception_ptr)>;

/// Maps a failed write that broke a UNIQUE constraint to 409 `code`.
write_error_mapper conflict_as(std::string code, language lang);

/// Queues `job` on the storage writer and answers only once it is durable: with `on_success()`
/// after the commit, or with the mapped error (500 "internal" when unmapped) if it failed.
/// Any thread; the response is produced on the writer thread.
void write_then_reply(services& shared, std::function<void(store::database&)> job,
                      std::function<http_response()> on_success, responder respond, language lang,
                      write_error_mapper map_error = {});

/// Runs `work` on the background pool (the one that hashes passwords), so no network thread and
/// not the storage writer does slow work; `work` answers through the responder it is given. A
/// failure answers 500 "internal", a full pool 503 "server_busy". Any thread.
void work_on_pool(services& shared, language lang, responder respond,
                  std::function<void(responder)> work);

/// work_on_pool() for work that is just building the response.
void reply_from_pool(services& shared, language lang, responder respond,
                     std::function<http_response()> build);

} // namespace phongthi::server
