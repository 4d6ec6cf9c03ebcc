#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::store {
class database;
}

/// SQL for rooms (phòng) and their seats. A cell of the rows x cols grid without a seat is an
/// aisle. Reads on a read-side connection, writes inside a writer job (or the CLI's write()).
namespace phongthi::server::room_store {

/// One seat: its cell, label, the PC at it (address or name, "" when none) and whether it is out
/// of use (a broken PC).
struct seat_record {
    int row = 0;
    int col = 0;
    std::string label;
    std::string host;
    bool disabled = false;
};

/// A room with its seats by row then column.
struct room_record {
    std::int64_t id = 0;
    std::string name;
    int rows = 0;
    int cols = 0;
    std::vector<seat_record> seats;
};

/// A room as the list shows it.
struct room_summary {
    std::int64_t id = 0;
    std::string name;
    int rows = 0;
    int cols = 0;
    int seats = 0;    ///< seats in use (not disabled)
    int disabled = 0; ///< seats out of use
    int pcs = 0;      ///< seats with a PC
};

/// Thrown by update_room() when a seat it would remove was sat at in an exam.
struct seat_in_use {
    std::string label;
};

std::vector<room_summary> list_rooms(store::database& db);
std::optional<room_record> find_room(store::database& db, std::int64_t id);
/// The id of the room named `name`, or 0.
std::int64_t room_id_named(store::database& db, std::string_view name);
/// Inserts and returns the new id; throws store::sqlite_error (unique violation) on a taken name.
std::int64_t insert_room(store::database& db, room_record const& room);
/// Replaces the room's name, grid and seats (a seat keeps its id when its cell stays a seat);
/// false when there is no such room. Throws seat_in_use, or store::sqlite_error on a taken name.
bool update_room(store::database& db, room_record const& room);
/// Whether a class or an exam sits in the room.
bool room_in_use(store::database& db, std::int64_t id);
/// Deletes the room and its seats; false when there is none.
bool delete_room(store::database& db, std::int64_t id);
/// Binds the PC `host` to the seat labelled `label` ("" unbinds); false when there is no such
/// seat.
bool bind_host(store::database& db, std::int64_t room_id, std::string_view label,
               std::string_view host, std::optional<std::int64_t> by_user_id, std::int64_t now);

} // namespace phongthi::server::room_store
