// `phongthi room ...`: rooms, their seat layouts and seating a class, on the data directory
// (docs/CLASSES.md, "Rooms" and "Seating").
#include "server/accounts/account_store.hpp"
#include "server/api/api_support.hpp"
#include "server/classroom/room_input.hpp"
#include "server/classroom/room_store.hpp"
#include "server/classroom/seat_assignment.hpp"
#include "server/classroom/seating_store.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/store/data_store.hpp"
#include "server/store/database.hpp"

#include <iomanip>
#include <iostream>

namespace phongthi::server {

namespace {

int list_all_rooms(command_args const& args) {
    store::data_store data(data_dir_of(args));
    auto const rooms =
        data.read_side().with([](store::database& db) { return room_store::list_rooms(db); });
    std::cout << std::left << std::setw(6) << "id" << std::setw(8) << "grid" << std::setw(8)
              << "seats" << std::setw(6) << "PCs"
              << "name\n";
    for (auto const& r : rooms)
        std::cout << std::setw(6) << r.id << std::setw(8)
                  << (std::to_string(r.rows) + "x" + std::to_string(r.cols)) << std::setw(8)
                  << r.seats << std::setw(6) << r.pcs << r.name << "\n";
    return 0;
}

/// The room named `name`; throws when there is none.
room_store::room_record room_named(store::data_store& data, std::string const& name) {
    auto const room = data.read_side().with([&](store::database& db) {
        return room_store::find_room(db, room_store::room_id_named(db, name));
    });
    if (!room)
        throw std::runtime_error("no room \"" + name + "\"");
    return *room;
}

/// Prints the room's grid: each seat's label (a disabled one in brackets), "." for an aisle.
void print_grid(room_store::room_record const& room) {
    std::vector<std::vector<std::string>> cells(
        static_cast<std::size_t>(room.rows),
        std::vector<std::string>(static_cast<std::size_t>(room.cols), "."));
    for (auto const& seat : room.seats)
        cells[static_cast<std::size_t>(seat.row)][static_cast<std::size_t>(seat.col)] =
            seat.disabled ? "(" + seat.label + ")" : seat.label;
    for (auto const& row : cells) {
        for (auto const& cell : row)
            std::cout << std::left << std::setw(7) << cell;
        std::cout << "\n";
    }
}

int show_room(int argc, char** argv, int first) {
    std::string const name = positional(argc, argv, first, "the room");
    command_args const args(argc, argv, first + 1, {"data"}, {"json"});
    store::data_store data(data_dir_of(args));
    auto const room = room_named(data, name);
    if (args.flag("json")) {
        std::cout << room_input::room_json(room).dump(2) << "\n";
        return 0;
    }
    std::cout << room.name << "  " << room.rows << "x" << room.cols << ", " << room.seats.size()
              << " seats\n";
    print_grid(room);
    return 0;
}

/// `room create|update`: --json FILE (the API's room object) or --name --rows --cols (every
/// cell a seat).
int save_room_from_args(command_args const& args, bool create) {
    json body;
    if (auto const file = args.value("json"))
        body = read_json_file(*file);
    else
        body = {{"name", args.required("name")},
                {"rows", args.number("rows", 0, 1, room_input::max_rows)},
                {"cols", args.number("cols", 0, 1, room_input::max_cols)}};
    room_store::room_record room;
    if (auto const problem = room_input::read_room(body, room))
        throw std::runtime_error("invalid " + problem->field +
                                 (problem->seat.empty() ? "" : " (seat " + problem->seat + ")"));
    store::data_store data(data_dir_of(args));
    if (!create)
        room.id = room_named(data, args.required("room")).id;
    try {
        data.write_side().write([&](store::database& db) {
            if (create)
                room.id = room_store::insert_room(db, room);
            else
                room_store::update_room(db, room);
            account_store::append_audit(db, cli_actor(), create ? "room.create" : "room.update",
                                        "room:" + std::to_string(room.id),
                                        json{{"name", room.name}}.dump(), now_ms());
        });
    } catch (room_store::seat_in_use const& used) {
        throw std::runtime_error("seat " + used.label +
                                 " was sat at in an exam and cannot be removed");
    } catch (store::sqlite_error const& e) {
        if (!e.is_unique_violation())
            throw;
        throw std::runtime_error("the room name \"" + room.name + "\" is already taken");
    }
    std::cout << (create ? "created" : "updated") << " room " << room.name << " ("
              << room.seats.size() << " seats)\n";
    return 0;
}

/// `room delete NAME`: refused while a class or an exam uses the room.
int delete_room_named(int argc, char** argv, int first) {
    std::string const name = positional(argc, argv, first, "the room name");
    command_args const args(argc, argv, first + 1, {"data", "lang"}, {});
    store::data_store data(data_dir_of(args));
    auto const room = room_named(data, name);
    bool in_use = false;
    data.write_side().write([&](store::database& db) {
        in_use = room_store::room_in_use(db, room.id);
        if (in_use)
            return;
        room_store::delete_room(db, room.id);
        account_store::append_audit(db, cli_actor(), "room.delete",
                                    "room:" + std::to_string(room.id),
                                    json{{"name", room.name}}.dump(), now_ms());
    });
    if (in_use)
        throw std::runtime_error(name + ": " +
                                 std::string(error_message("room_in_use", language_of(args))));
    std::cout << "deleted room " << name << "\n";
    return 0;
}

/// `room seat CLASS --mode list_order|random|spread_units [--seed N]`.
int seat_class_in_room(int argc, char** argv, int first) {
    std::string const name = positional(argc, argv, first, "the class");
    command_args const args(argc, argv, first + 1, {"data", "mode", "seed"}, {});
    auto const mode = seat_assignment::seating_mode_named(args.required("mode"));
    if (!mode)
        throw usage_error("--mode is list_order, random or spread_units");
    auto const seed = static_cast<std::uint32_t>(args.number("seed", 1, 0, 4'294'967'295L));
    store::data_store data(data_dir_of(args));
    std::size_t seated = 0, learners = 0;
    data.write_side().write([&](store::database& db) {
        std::int64_t const class_id = class_id_named(db, name);
        auto const seating = seating_store::seating_of_class(db, class_id);
        if (seating->room_id == 0)
            throw std::runtime_error("the class has no room");
        auto const placed = seat_assignment::assign(seating->seats, seating->learners, *mode, seed);
        seating_store::write_placements(db, class_id, placed);
        account_store::append_audit(
            db, cli_actor(), "class.seating", "class:" + std::to_string(class_id),
            json{{"mode", args.required("mode")}, {"seated", placed.size()}}.dump(), now_ms());
        seated = placed.size();
        learners = seating->learners.size();
    });
    std::cout << "seated " << seated << " of " << learners << " learners\n";
    return 0;
}

} // namespace

int run_room(int argc, char** argv, int first) {
    if (first >= argc)
        throw usage_error("an action is missing");
    std::string_view const action = argv[first];
    if (action == "list")
        return list_all_rooms(command_args(argc, argv, first + 1, {"data"}, {}));
    if (action == "show")
        return show_room(argc, argv, first + 1);
    if (action == "create")
        return save_room_from_args(
            command_args(argc, argv, first + 1, {"data", "name", "rows", "cols", "json"}, {}),
            true);
    if (action == "update")
        return save_room_from_args(
            command_args(argc, argv, first + 1, {"data", "room", "json"}, {}), false);
    if (action == "seat")
        return seat_class_in_room(argc, argv, first + 1);
    if (action == "delete")
        return delete_room_named(argc, argv, first + 1);
    throw usage_error("unknown action \"" + std::string(action) + "\"");
}

} // namespace phongthi::server
