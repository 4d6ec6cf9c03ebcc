#include "server/exams/room_layout.hpp"

#include "server/store/database.hpp"

namespace phongthi::server::room_layout {

std::optional<nlohmann::json> of_exam(store::database& db, std::int64_t exam_id) {
    auto room = db.prepare("SELECT r.id, r.name, r.rows, r.cols FROM exams e "
                           "JOIN classes c ON c.id = e.class_id "
                           "LEFT JOIN rooms r ON r.id = COALESCE(e.room_id, c.room_id) "
                           "WHERE e.id = ?1");
    room.bind(1, exam_id);
    if (!room.step())
        return std::nullopt;
    nlohmann::json layout{{"room", nullptr}, {"seats", nlohmann::json::array()}};
    if (room.is_null(0))
        return layout;
    std::int64_t const room_id = room.column_int64(0);
    layout["room"] = {{"id", room_id},
                      {"name", room.column_text(1)},
                      {"rows", room.column_int64(2)},
                      {"cols", room.column_int64(3)}};
    auto seats = db.prepare("SELECT row, col, label, disabled FROM seats WHERE room_id = ?1 "
                            "ORDER BY row, col");
    seats.bind(1, room_id);
    while (seats.step())
        layout["seats"].push_back({{"row", seats.column_int64(0)},
                                   {"col", seats.column_int64(1)},
                                   {"label", seats.column_text(2)},
                                   {"disabled", seats.column_int64(3) != 0}});
    return layout;
}

} // namespace phongthi::server::room_layout
