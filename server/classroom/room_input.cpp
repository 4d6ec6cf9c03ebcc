#include "server/classroom/room_input.hpp"

#include <set>
#include <utility>

namespace phongthi::server::room_input {

namespace {

constexpr std::size_t max_room_name_bytes = 120;
constexpr std::size_t max_label_bytes = 8;
constexpr std::size_t max_host_bytes = 255;

/// An integer member within [low, high], or nullopt when absent or out of range.
std::optional<int> room_integer(nlohmann::json const& object, char const* key, int low, int high) {
    auto const it = object.find(key);
    if (it == object.end() || !it->is_number_integer())
        return std::nullopt;
    auto const value = it->get<std::int64_t>();
    if (value < low || value > high)
        return std::nullopt;
    return static_cast<int>(value);
}

/// Reads one seat of the "seats" array; the problem names seats[i].<member>.
std::optional<room_problem> read_seat(nlohmann::json const& item, std::size_t index, int rows,
                                      int cols, room_store::seat_record& seat) {
    std::string const at = "seats[" + std::to_string(index) + "].";
    if (!item.is_object())
        return room_problem{"seats[" + std::to_string(index) + "]", ""};
    auto const row = room_integer(item, "row", 0, rows - 1);
    auto const col = room_integer(item, "col", 0, cols - 1);
    std::string const cell =
        item.value("label", nlohmann::json()).is_string() ? item["label"].get<std::string>() : "";
    if (!row)
        return room_problem{at + "row", cell};
    if (!col)
        return room_problem{at + "col", cell};
    seat.row = *row;
    seat.col = *col;
    std::string const here = default_label(seat.row, seat.col);
    auto const label = item.find("label");
    if (label == item.end() || label->is_null() ||
        (label->is_string() && label->get<std::string>().empty()))
        seat.label = here;
    else if (!label->is_string() || label->get<std::string>().size() > max_label_bytes)
        return room_problem{at + "label", here};
    else
        seat.label = label->get<std::string>();
    auto const host = item.find("host");
    if (host != item.end() && !host->is_null()) {
        if (!host->is_string() || host->get<std::string>().size() > max_host_bytes)
            return room_problem{at + "host", seat.label};
        seat.host = host->get<std::string>();
    }
    auto const disabled = item.find("disabled");
    if (disabled != item.end() && !disabled->is_null()) {
        if (!disabled->is_boolean())
            return room_problem{at + "disabled", seat.label};
        seat.disabled = disabled->get<bool>();
    }
    return std::nullopt;
}

} // namespace

std::string default_label(int row, int col) {
    return std::string(1, static_cast<char>('A' + row)) + std::to_string(col + 1);
}

std::vector<room_store::seat_record> full_grid(int rows, int cols) {
    std::vector<room_store::seat_record> seats;
    for (int row = 0; row < rows; ++row)
        for (int col = 0; col < cols; ++col)
            seats.push_back({row, col, default_label(row, col), "", false});
    return seats;
}

std::optional<room_problem> read_room(nlohmann::json const& body, room_store::room_record& room) {
    auto const name = body.find("name");
    if (name == body.end() || !name->is_string() || name->get<std::string>().empty() ||
        name->get<std::string>().size() > max_room_name_bytes)
        return room_problem{"name", ""};
    room.name = name->get<std::string>();
    auto const rows = room_integer(body, "rows", 1, max_rows);
    if (!rows)
        return room_problem{"rows", ""};
    auto const cols = room_integer(body, "cols", 1, max_cols);
    if (!cols)
        return room_problem{"cols", ""};
    room.rows = *rows;
    room.cols = *cols;
    auto const seats = body.find("seats");
    if (seats == body.end() || seats->is_null()) {
        room.seats = full_grid(room.rows, room.cols);
        return std::nullopt;
    }
    if (!seats->is_array())
        return room_problem{"seats", ""};
    room.seats.clear();
    std::set<std::pair<int, int>> cells;
    std::set<std::string> labels;
    for (std::size_t i = 0; i < seats->size(); ++i) {
        room_store::seat_record seat;
        if (auto problem = read_seat((*seats)[i], i, room.rows, room.cols, seat))
            return problem;
        std::string const at = "seats[" + std::to_string(i) + "].";
        if (!cells.emplace(seat.row, seat.col).second)
            return room_problem{at + "col", seat.label};
        if (!labels.insert(seat.label).second)
            return room_problem{at + "label", seat.label};
        room.seats.push_back(std::move(seat));
    }
    return std::nullopt;
}

nlohmann::json room_json(room_store::room_record const& room) {
    nlohmann::json seats = nlohmann::json::array();
    for (auto const& seat : room.seats)
        seats.push_back({{"row", seat.row},
                         {"col", seat.col},
                         {"label", seat.label},
                         {"host", seat.host.empty() ? nlohmann::json() : nlohmann::json(seat.host)},
                         {"disabled", seat.disabled}});
    return {{"id", room.id},
            {"name", room.name},
            {"rows", room.rows},
            {"cols", room.cols},
            {"seats", std::move(seats)}};
}

} // namespace phongthi::server::room_input
