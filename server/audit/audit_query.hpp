#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace phongthi::store {
class database;
}

/// Reading the audit log back: who did what, to what, when and from where.
namespace phongthi::server::audit_query {

/// What an administrator filters the log by; empty or negative fields do not filter.
struct filter {
    std::string actor;          ///< the actor's name as recorded ("admin", "system"), exact
    std::string action;         ///< an action ("exam.open") or a family ending in '.' ("exam.")
    std::string target;         ///< a target ("exam:3"), exact
    std::int64_t from_ms = -1;  ///< at or after, ms since the epoch
    std::int64_t to_ms = -1;    ///< before, ms since the epoch
    std::int64_t before_id = 0; ///< paging: rows older than this id (0: from the newest)
    int limit = 100;            ///< rows per page, 1..1000
};

/// The largest page one query returns.
constexpr int max_limit = 1000;

/// {"rows":[{id, at (ISO UTC), actor, actor_id, action, target, detail (object or null),
/// address}], "next_before": id of the oldest row when more may follow, else null}, newest
/// first. Any thread with its own connection.
nlohmann::json find(store::database& db, filter const& f);

/// The distinct actions recorded so far, sorted: the choices of the action filter.
nlohmann::json actions(store::database& db);

} // namespace phongthi::server::audit_query
