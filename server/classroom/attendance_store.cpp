#include "server/classroom/attendance_store.hpp"

#include "server/classroom/session_clock.hpp"
#include "server/store/database.hpp"

namespace phongthi::server::attendance_store {

namespace {

constexpr std::string_view check_in_columns =
    "SELECT a.user_id, a.checked_in_at, a.minutes_after_start, a.method, COALESCE(u.username, '') "
    "FROM attendance a LEFT JOIN users u ON u.id = a.by_user_id ";

check_in_record read_check_in_row(store::statement const& row) {
    return {row.column_int64(0), row.column_int64(1), static_cast<int>(row.column_int64(2)),
            row.column_text(3), row.column_text(4)};
}

} // namespace

bool is_check_in_method(std::string_view method) {
    return method == "barcode" || method == "qr" || method == "manual";
}

check_in_outcome check_in(store::database& db, session_store::session_record const& session,
                          std::int64_t user_id, std::string_view method,
                          std::optional<std::int64_t> by_user_id, std::int64_t now) {
    auto insert = db.prepare("INSERT INTO attendance (session_id, user_id, checked_in_at, "
                             "minutes_after_start, method, by_user_id) VALUES (?1, ?2, ?3, ?4, ?5, "
                             "?6) ON CONFLICT (session_id, user_id) DO NOTHING");
    insert.bind_all(session.id, user_id, now, session_clock::minutes_after(session.start_ms(), now),
                    method);
    if (by_user_id)
        insert.bind(6, *by_user_id);
    else
        insert.bind(6, nullptr);
    insert.run();
    bool const created = db.changes() > 0;
    auto query =
        db.prepare(std::string(check_in_columns) + "WHERE a.session_id = ?1 AND a.user_id = ?2");
    query.bind_all(session.id, user_id);
    query.step();
    return {created, read_check_in_row(query)};
}

bool undo_check_in(store::database& db, std::int64_t session_id, std::int64_t user_id) {
    db.prepare("DELETE FROM attendance WHERE session_id = ?1 AND user_id = ?2")
        .bind_all(session_id, user_id)
        .run();
    return db.changes() > 0;
}

std::map<std::int64_t, check_in_record> session_check_ins(store::database& db,
                                                          std::int64_t session_id) {
    auto query = db.prepare(std::string(check_in_columns) + "WHERE a.session_id = ?1");
    query.bind(1, session_id);
    std::map<std::int64_t, check_in_record> rows;
    while (query.step()) {
        auto row = read_check_in_row(query);
        rows.emplace(row.user_id, std::move(row));
    }
    return rows;
}

std::map<std::int64_t, attendance_share> class_shares(store::database& db, std::int64_t class_id,
                                                      std::int64_t now) {
    std::map<std::int64_t, int> late_after; // held session id -> its late threshold
    for (auto const& session : session_store::class_sessions(db, class_id))
        if (session.start_ms() <= now)
            late_after.emplace(session.id, session.late_after_minutes);
    std::map<std::int64_t, attendance_share> shares;
    if (late_after.empty())
        return shares;
    auto learners = db.prepare("SELECT user_id FROM enrollments WHERE class_id = ?1 AND "
                               "status = 'enrolled'");
    learners.bind(1, class_id);
    while (learners.step())
        shares[learners.column_int64(0)].held = static_cast<int>(late_after.size());
    auto rows =
        db.prepare("SELECT a.session_id, a.user_id, a.minutes_after_start FROM attendance a "
                   "JOIN class_sessions s ON s.id = a.session_id WHERE s.class_id = ?1");
    rows.bind(1, class_id);
    while (rows.step()) {
        auto const session = late_after.find(rows.column_int64(0));
        auto const learner = shares.find(rows.column_int64(1));
        if (session == late_after.end() || learner == shares.end())
            continue;
        ++learner->second.attended;
        if (rows.column_int64(2) > session->second)
            ++learner->second.late;
    }
    return shares;
}

std::optional<double>
share_for_classification(std::map<std::int64_t, attendance_share> const& shares,
                         std::int64_t user_id) {
    auto const found = shares.find(user_id);
    if (found == shares.end() || found->second.held == 0)
        return std::nullopt;
    return found->second.share();
}

} // namespace phongthi::server::attendance_store
