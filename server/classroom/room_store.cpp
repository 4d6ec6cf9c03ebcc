#include "server/classroom/room_store.hpp"

#include "server/store/database.hpp"

#include <set>
#include <utility>

namespace phongthi::server::room_store {

namespace {

/// Binds the seat's PC, or NULL when it has none.
void bind_room_host(store::statement& query, int index, std::string_view host) {
    if (host.empty())
        query.bind(index, nullptr);
    else
        query.bind(index, host);
}

/// Inserts or updates the seats of `room` by cell; labels go through a temporary '#id' so that
/// two seats may swap labels.
void write_seats(store::database& db, room_record const& room) {
    db.prepare("UPDATE seats SET label = '#' || id WHERE room_id = ?1").bind(1, room.id).run();
    auto upsert = db.prepare(
        "INSERT INTO seats (room_id, row, col, label, host, disabled) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6) ON CONFLICT (room_id, row, col) DO UPDATE SET label = excluded.label, "
        "host = excluded.host, disabled = excluded.disabled, "
        "host_bound_at = CASE WHEN excluded.host IS host THEN host_bound_at END, "
        "host_bound_by = CASE WHEN excluded.host IS host THEN host_bound_by END");
    for (auto const& seat : room.seats) {
        upsert.reset();
        upsert.bind_all(room.id, seat.row, seat.col, seat.label);
        bind_room_host(upsert, 5, seat.host);
        upsert.bind(6, seat.disabled ? 1 : 0).run();
    }
}

} // namespace

std::vector<room_summary> list_rooms(store::database& db) {
    auto query =
        db.prepare("SELECT r.id, r.name, r.rows, r.cols, "
                   "(SELECT COUNT(*) FROM seats s WHERE s.room_id = r.id AND s.disabled = 0), "
                   "(SELECT COUNT(*) FROM seats s WHERE s.room_id = r.id AND s.disabled = 1), "
                   "(SELECT COUNT(*) FROM seats s WHERE s.room_id = r.id AND s.host IS NOT NULL) "
                   "FROM rooms r ORDER BY r.name");
    std::vector<room_summary> rooms;
    while (query.step())
        rooms.push_back(
            {query.column_int64(0), query.column_text(1), static_cast<int>(query.column_int64(2)),
             static_cast<int>(query.column_int64(3)), static_cast<int>(query.column_int64(4)),
             static_cast<int>(query.column_int64(5)), static_cast<int>(query.column_int64(6))});
    return rooms;
}

std::optional<room_record> find_room(store::database& db, std::int64_t id) {
    auto query = db.prepare("SELECT id, name, rows, cols FROM rooms WHERE id = ?1");
    query.bind(1, id);
    if (!query.step())
        return std::nullopt;
    room_record room{query.column_int64(0),
                     query.column_text(1),
                     static_cast<int>(query.column_int64(2)),
                     static_cast<int>(query.column_int64(3)),
                     {}};
    auto seats = db.prepare("SELECT row, col, label, COALESCE(host, ''), disabled FROM seats "
                            "WHERE room_id = ?1 ORDER BY row, col");
    seats.bind(1, id);
    while (seats.step())
        room.seats.push_back({static_cast<int>(seats.column_int64(0)),
                              static_cast<int>(seats.column_int64(1)), seats.column_text(2),
                              seats.column_text(3), seats.column_int64(4) != 0});
    return room;
}

std::int64_t room_id_named(store::database& db, std::string_view name) {
    auto query = db.prepare("SELECT id FROM rooms WHERE name = ?1");
    query.bind(1, name);
    return query.step() ? query.column_int64(0) : 0;
}

std::int64_t insert_room(store::database& db, room_record const& room) {
    db.prepare("INSERT INTO rooms (name, rows, cols) VALUES (?1, ?2, ?3)")
        .bind_all(room.name, room.rows, room.cols)
        .run();
    room_record created = room;
    created.id = db.last_insert_rowid();
    write_seats(db, created);
    return created.id;
}

bool update_room(store::database& db, room_record const& room) {
    db.prepare("UPDATE rooms SET name = ?2, rows = ?3, cols = ?4 WHERE id = ?1")
        .bind_all(room.id, room.name, room.rows, room.cols)
        .run();
    if (db.changes() == 0)
        return false;
    std::set<std::pair<int, int>> kept;
    for (auto const& seat : room.seats)
        kept.emplace(seat.row, seat.col);
    auto existing = db.prepare(
        "SELECT s.id, s.row, s.col, s.label, EXISTS (SELECT 1 FROM attempts a WHERE a.seat_id = "
        "s.id) FROM seats s WHERE s.room_id = ?1");
    existing.bind(1, room.id);
    std::vector<std::int64_t> removed;
    while (existing.step()) {
        if (kept.contains({static_cast<int>(existing.column_int64(1)),
                           static_cast<int>(existing.column_int64(2))}))
            continue;
        if (existing.column_int64(4) != 0)
            throw seat_in_use{existing.column_text(3)};
        removed.push_back(existing.column_int64(0));
    }
    auto remove = db.prepare("DELETE FROM seats WHERE id = ?1");
    for (auto const id : removed) {
        remove.reset();
        remove.bind(1, id).run();
    }
    write_seats(db, room);
    return true;
}

bool room_in_use(store::database& db, std::int64_t id) {
    auto query = db.prepare("SELECT EXISTS (SELECT 1 FROM classes WHERE room_id = ?1) OR "
                            "EXISTS (SELECT 1 FROM exams WHERE room_id = ?1)");
    query.bind(1, id);
    query.step();
    return query.column_int64(0) != 0;
}

bool delete_room(store::database& db, std::int64_t id) {
    db.prepare("DELETE FROM rooms WHERE id = ?1").bind(1, id).run();
    return db.changes() > 0;
}

bool bind_host(store::database& db, std::int64_t room_id, std::string_view label,
               std::string_view host, std::optional<std::int64_t> by_user_id, std::int64_t now) {
    auto update = db.prepare("UPDATE seats SET host = ?3, host_bound_at = ?4, host_bound_by = ?5 "
                             "WHERE room_id = ?1 AND label = ?2");
    update.bind_all(room_id, label);
    bind_room_host(update, 3, host);
    update.bind(4, now);
    if (by_user_id)
        update.bind(5, *by_user_id);
    else
        update.bind(5, nullptr);
    update.run();
    return db.changes() > 0;
}

} // namespace phongthi::server::room_store
