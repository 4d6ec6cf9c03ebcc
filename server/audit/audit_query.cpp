#include "server/audit/audit_query.hpp"

#include "server/api/api_support.hpp"
#include "server/store/database.hpp"

#include <algorithm>

namespace phongthi::server::audit_query {

using nlohmann::json;

json find(store::database& db, filter const& f) {
    // One statement for every combination: a parameter left empty or negative matches all.
    // The family filter "exam." compares a prefix; the index on at keeps the newest-first scan.
    auto& rows =
        db.cached("SELECT id, at, actor, actor_id, action, target, detail, address FROM audit_log "
                  "WHERE (?1 = '' OR actor = ?1) "
                  "AND (?2 = '' OR action = ?2 OR (substr(?2, -1) = '.' AND substr(action, 1, "
                  "length(?2)) = ?2)) "
                  "AND (?3 = '' OR target = ?3) "
                  "AND (?4 < 0 OR at >= ?4) AND (?5 < 0 OR at < ?5) "
                  "AND (?6 = 0 OR id < ?6) "
                  "ORDER BY id DESC LIMIT ?7");
    int const limit = std::clamp(f.limit, 1, max_limit);
    rows.reset();
    rows.bind(1, f.actor).bind(2, f.action).bind(3, f.target);
    rows.bind(4, f.from_ms).bind(5, f.to_ms).bind(6, f.before_id).bind(7, limit + 1);
    json list = json::array();
    json next_before = nullptr;
    while (rows.step()) {
        if (static_cast<int>(list.size()) == limit) {
            next_before = list.back()["id"];
            break;
        }
        json detail = nullptr;
        if (!rows.is_null(6))
            detail = json::parse(rows.column_text(6), nullptr, false);
        list.push_back({{"id", rows.column_int64(0)},
                        {"at", iso_utc(rows.column_int64(1))},
                        {"actor", rows.column_text(2)},
                        {"actor_id", rows.is_null(3) ? json(nullptr) : json(rows.column_int64(3))},
                        {"action", rows.column_text(4)},
                        {"target", rows.is_null(5) ? json(nullptr) : json(rows.column_text(5))},
                        {"detail", detail.is_discarded() ? json(nullptr) : std::move(detail)},
                        {"address", rows.is_null(7) ? json(nullptr) : json(rows.column_text(7))}});
    }
    rows.reset();
    return {{"rows", std::move(list)}, {"next_before", next_before}};
}

json actions(store::database& db) {
    auto& rows = db.cached("SELECT DISTINCT action FROM audit_log ORDER BY action");
    rows.reset();
    json list = json::array();
    while (rows.step())
        list.push_back(rows.column_text(0));
    rows.reset();
    return list;
}

} // namespace phongthi::server::audit_query
