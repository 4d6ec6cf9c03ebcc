#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace phongthi::store {
class database;
}

/// SQL for a class's course sessions (buổi học). Reads on a read-side connection, writes inside
/// a writer job (or the CLI's write()).
namespace phongthi::server::session_store {

/// One session: a day, its part and when it starts in Vietnam; an arrival more than
/// `late_after_minutes` after the start is late.
struct session_record {
    std::int64_t id = 0;
    std::int64_t class_id = 0;
    std::string day;       ///< "2026-11-26"
    std::string part;      ///< full | morning | afternoon
    std::string starts_at; ///< "07:30", Vietnam time
    int late_after_minutes = 15;

    /// When the session starts, in ms since the epoch.
    std::int64_t start_ms() const;
};

/// Whether `part` is one of full, morning, afternoon.
bool is_session_part(std::string_view part);

/// The class's sessions by day and start time.
std::vector<session_record> class_sessions(store::database& db, std::int64_t class_id);
std::optional<session_record> find_session(store::database& db, std::int64_t id);
/// Inserts and returns the new id; throws store::sqlite_error (unique violation) when the class
/// already has a session on that day and part.
std::int64_t insert_session(store::database& db, session_record const& session);
/// Deletes the session and its check-ins; false when there is none.
bool delete_session(store::database& db, std::int64_t id);

} // namespace phongthi::server::session_store
