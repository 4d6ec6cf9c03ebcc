#pragma once

#include "server/classroom/seat_assignment.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace phongthi::store {
class database;
}

/// SQL for who sits where: enrollments.seat_label against the seats of the class's room. Reads
/// on a read-side connection, writes inside a writer job (or the CLI's write()).
namespace phongthi::server::seating_store {

/// What seating a class needs: its room's seats in use and its learners in list order.
struct class_seating {
    std::int64_t room_id = 0; ///< 0: the class has no room
    std::vector<seat_assignment::seat_cell> seats;
    std::vector<seat_assignment::learner_unit> learners;
};

/// The seating input of a class; nullopt when there is no such class.
std::optional<class_seating> seating_of_class(store::database& db, std::int64_t class_id);

/// Clears every learner's seat in the class, then writes `placements`.
void write_placements(store::database& db, std::int64_t class_id,
                      std::vector<seat_assignment::placement> const& placements);

/// Why seat_learner() could not seat someone.
enum class seat_refusal { none, no_room, no_such_seat, seat_taken, room_full, not_enrolled };

/// Seats one enrolled learner at `label`, or at the first free seat (row by row) when `label` is
/// empty; the seat they get, or why not.
struct seat_outcome {
    seat_refusal refusal = seat_refusal::none;
    std::string label;
};
seat_outcome seat_learner(store::database& db, std::int64_t class_id, std::int64_t user_id,
                          std::string const& label);

} // namespace phongthi::server::seating_store
