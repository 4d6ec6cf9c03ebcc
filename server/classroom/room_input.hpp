#pragma once

#include "server/classroom/room_store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

/// Rooms as the API and the CLI read and write them (docs/CLASSES.md, "Rooms"). Pure; any thread.
namespace phongthi::server::room_input {

constexpr int max_rows = 26; ///< row letters A..Z
constexpr int max_cols = 40;

/// What is wrong with a room: the field ("rows", "seats[3].label"...) and, for a seat, its
/// label or cell ("C4"), so the editor can point at it.
struct room_problem {
    std::string field;
    std::string seat;
};

/// The label a seat gets by default: the row's letter and the column from 1 ("A1", "C10").
std::string default_label(int row, int col);

/// Every cell of a rows x cols grid as a seat with its default label.
std::vector<room_store::seat_record> full_grid(int rows, int cols);

/// Reads {"name","rows","cols","seats":[{"row","col","label","host","disabled"}]} into `room`
/// (no "seats": every cell a seat, labelled by default; a seat without a label gets the default)
/// and checks it: sizes, cells inside the grid and not repeated, labels 1..8 characters and
/// unique, hosts at most 255 characters. The first problem found, or nullopt.
std::optional<room_problem> read_room(nlohmann::json const& body, room_store::room_record& room);

/// A room as JSON, seats included.
nlohmann::json room_json(room_store::room_record const& room);

} // namespace phongthi::server::room_input
