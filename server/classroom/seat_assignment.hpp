#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// Seating a class's learners in its room (xếp chỗ ngồi). Pure; any thread.
namespace phongthi::server::seat_assignment {

/// How learners are seated: in list order, at random, or spreading each unit's members apart
/// so that no two neighbours (left/right, front/back) share a unit where possible.
enum class seating_mode { list_order, random, spread_units };

/// "list_order", "random" or "spread_units"; nullopt for anything else.
std::optional<seating_mode> seating_mode_named(std::string_view name);

/// A seat in use, at its cell of the room's grid.
struct seat_cell {
    std::string label;
    int row = 0;
    int col = 0;
};

/// A learner to seat, with the unit (đơn vị / chi bộ) they come from ("" when none).
struct learner_unit {
    std::int64_t user_id = 0;
    std::string unit;
};

/// A learner's seat.
struct placement {
    std::int64_t user_id = 0;
    std::string label;
};

/// Seats `learners` (in list order) on `seats` (any order; filled by row then column). When
/// there are more learners than seats the last ones stay unseated. `seed` drives the random
/// mode only.
std::vector<placement> assign(std::vector<seat_cell> seats,
                              std::vector<learner_unit> const& learners, seating_mode mode,
                              std::uint32_t seed);

} // namespace phongthi::server::seat_assignment
