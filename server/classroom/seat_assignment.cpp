#include "server/classroom/seat_assignment.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <random>
#include <set>

namespace phongthi::server::seat_assignment {

namespace {

/// The learners of each unit still to seat, in list order, and where the unit first appears.
struct unit_queue {
    std::deque<std::int64_t> members;
    std::size_t first = 0;
};

/// Spreads units: each seat, in row-major order, takes the first waiting member of the unit
/// with the most members left among the units its seated neighbours (left, front) are not from;
/// when every such unit is used up, of any unit. Taking the largest unit first keeps enough
/// variety for the last rows.
std::vector<placement> spread(std::vector<seat_cell> const& seats,
                              std::vector<learner_unit> const& learners) {
    std::map<std::string, unit_queue> units;
    for (std::size_t i = 0; i < learners.size(); ++i) {
        auto [it, added] = units.try_emplace(learners[i].unit);
        if (added)
            it->second.first = i;
        it->second.members.push_back(learners[i].user_id);
    }
    std::map<std::pair<int, int>, std::string> seated_unit;
    std::vector<placement> placed;
    for (auto const& seat : seats) {
        if (placed.size() == learners.size())
            break;
        std::set<std::string> beside;
        for (auto const& cell :
             {std::pair{seat.row, seat.col - 1}, std::pair{seat.row - 1, seat.col}})
            if (auto const found = seated_unit.find(cell); found != seated_unit.end())
                beside.insert(found->second);
        auto const better = [](auto const& a, auto const& b) {
            if (a->second.members.size() != b->second.members.size())
                return a->second.members.size() > b->second.members.size();
            return a->second.first < b->second.first;
        };
        auto best = units.end();
        auto fallback = units.end();
        for (auto it = units.begin(); it != units.end(); ++it) {
            if (it->second.members.empty())
                continue;
            if (fallback == units.end() || better(it, fallback))
                fallback = it;
            if (!beside.contains(it->first) && (best == units.end() || better(it, best)))
                best = it;
        }
        auto const chosen = best != units.end() ? best : fallback;
        placed.push_back({chosen->second.members.front(), seat.label});
        chosen->second.members.pop_front();
        seated_unit[{seat.row, seat.col}] = chosen->first;
    }
    return placed;
}

} // namespace

std::optional<seating_mode> seating_mode_named(std::string_view name) {
    if (name == "list_order")
        return seating_mode::list_order;
    if (name == "random")
        return seating_mode::random;
    if (name == "spread_units")
        return seating_mode::spread_units;
    return std::nullopt;
}

std::vector<placement> assign(std::vector<seat_cell> seats,
                              std::vector<learner_unit> const& learners, seating_mode mode,
                              std::uint32_t seed) {
    std::sort(seats.begin(), seats.end(), [](seat_cell const& a, seat_cell const& b) {
        return std::pair(a.row, a.col) < std::pair(b.row, b.col);
    });
    if (mode == seating_mode::spread_units)
        return spread(seats, learners);
    std::vector<std::int64_t> order;
    for (auto const& learner : learners)
        order.push_back(learner.user_id);
    if (mode == seating_mode::random) {
        // Fisher-Yates by hand: std::shuffle's order differs between standard libraries.
        std::mt19937 generator(seed);
        for (std::size_t i = order.size(); i > 1; --i)
            std::swap(order[i - 1], order[generator() % i]);
    }
    std::vector<placement> placed;
    for (std::size_t i = 0; i < order.size() && i < seats.size(); ++i)
        placed.push_back({order[i], seats[i].label});
    return placed;
}

} // namespace phongthi::server::seat_assignment
