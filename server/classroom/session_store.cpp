#include "server/classroom/session_store.hpp"

#include "server/classroom/session_clock.hpp"
#include "server/store/database.hpp"

namespace phongthi::server::session_store {

namespace {

constexpr std::string_view session_columns =
    "SELECT id, class_id, day, part, starts_at, late_after_minutes FROM class_sessions ";

session_record read_session_row(store::statement const& row) {
    return {row.column_int64(0), row.column_int64(1), row.column_text(2),
            row.column_text(3),  row.column_text(4),  static_cast<int>(row.column_int64(5))};
}

} // namespace

std::int64_t session_record::start_ms() const {
    return session_clock::vietnam_ms(day, starts_at);
}

bool is_session_part(std::string_view part) {
    return part == "full" || part == "morning" || part == "afternoon";
}

std::vector<session_record> class_sessions(store::database& db, std::int64_t class_id) {
    auto query = db.prepare(std::string(session_columns) +
                            "WHERE class_id = ?1 ORDER BY day, starts_at, id");
    query.bind(1, class_id);
    std::vector<session_record> sessions;
    while (query.step())
        sessions.push_back(read_session_row(query));
    return sessions;
}

std::optional<session_record> find_session(store::database& db, std::int64_t id) {
    auto query = db.prepare(std::string(session_columns) + "WHERE id = ?1");
    query.bind(1, id);
    if (!query.step())
        return std::nullopt;
    return read_session_row(query);
}

std::int64_t insert_session(store::database& db, session_record const& session) {
    db.prepare("INSERT INTO class_sessions (class_id, day, part, starts_at, late_after_minutes) "
               "VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind_all(session.class_id, session.day, session.part, session.starts_at,
                  session.late_after_minutes)
        .run();
    return db.last_insert_rowid();
}

bool delete_session(store::database& db, std::int64_t id) {
    db.prepare("DELETE FROM class_sessions WHERE id = ?1").bind(1, id).run();
    return db.changes() > 0;
}

} // namespace phongthi::server::session_store
