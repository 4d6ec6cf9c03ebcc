#pragma once

#include "server/classroom/session_store.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::store {
class database;
}

/// SQL for check-ins (điểm danh) and the attendance share they add up to. Reads on a read-side
/// connection, writes inside a writer job (or the CLI's write()).
namespace phongthi::server::attendance_store {

/// Whether `method` is how a check-in may be made by staff: barcode, qr or manual.
bool is_check_in_method(std::string_view method);

/// A learner's check-in at one session.
struct check_in_record {
    std::int64_t user_id = 0;
    std::int64_t checked_in_at = 0;
    int minutes_after_start = 0;
    std::string method;
    std::string by_username; ///< "" when nobody (an import)
};

/// What check_in() did: a new row, or the one already there (a duplicate is harmless).
struct check_in_outcome {
    bool created = false;
    check_in_record record;
};

/// Records that `user_id` arrived at `session` at `now` (unless already checked in).
check_in_outcome check_in(store::database& db, session_store::session_record const& session,
                          std::int64_t user_id, std::string_view method,
                          std::optional<std::int64_t> by_user_id, std::int64_t now);
/// Removes a check-in; false when there was none.
bool undo_check_in(store::database& db, std::int64_t session_id, std::int64_t user_id);

/// Every check-in of a session, by user id.
std::map<std::int64_t, check_in_record> session_check_ins(store::database& db,
                                                          std::int64_t session_id);

/// A learner's sessions attended out of those held so far; a late arrival counts as attended.
struct attendance_share {
    int held = 0;
    int attended = 0;
    int late = 0;
    /// attended / held; only meaningful when held > 0.
    double share() const { return held > 0 ? static_cast<double>(attended) / held : 0.0; }
};

/// The share of every enrolled learner of the class over the sessions that have started by
/// `now`; empty when none has.
std::map<std::int64_t, attendance_share> class_shares(store::database& db, std::int64_t class_id,
                                                      std::int64_t now);

/// The share of `user_id` in `shares` for scoring::classify: nullopt when the class has held no
/// session (attendance is then not checked).
std::optional<double>
share_for_classification(std::map<std::int64_t, attendance_share> const& shares,
                         std::int64_t user_id);

} // namespace phongthi::server::attendance_store
