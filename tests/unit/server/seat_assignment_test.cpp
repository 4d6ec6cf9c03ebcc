// Seating a class: list order, random and units spread apart, on rooms with aisles.
#include "question-bank/paper.hpp"
#include "server/classroom/room_input.hpp"
#include "server/classroom/seat_assignment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

using namespace phongthi::server;
using seat_assignment::seating_mode;

namespace {

/// A rows x cols room whose column `aisle` (if any) is a walkway without seats.
std::vector<seat_assignment::seat_cell> room_cells(int rows, int cols, int aisle = -1) {
    std::vector<seat_assignment::seat_cell> cells;
    for (auto const& seat : room_input::full_grid(rows, cols))
        if (seat.col != aisle)
            cells.push_back({seat.label, seat.row, seat.col});
    return cells;
}

/// `count` learners from units "U0".."U{units-1}", unit by unit, as a roster sorted by unit.
std::vector<seat_assignment::learner_unit> roster_by_unit(int count, int units) {
    std::vector<seat_assignment::learner_unit> learners;
    for (int i = 0; i < count; ++i)
        learners.push_back({100 + i, "U" + std::to_string(i * units / count)});
    return learners;
}

/// Who sits where: cell -> user id.
std::map<std::pair<int, int>, std::int64_t>
seated_cells(std::vector<seat_assignment::placement> const& placed,
             std::vector<seat_assignment::seat_cell> const& cells) {
    std::map<std::pair<int, int>, std::int64_t> at;
    for (auto const& p : placed) {
        auto const cell = std::find_if(cells.begin(), cells.end(),
                                       [&](auto const& c) { return c.label == p.label; });
        EXPECT_NE(cell, cells.end()) << p.label;
        if (cell != cells.end())
            at[{cell->row, cell->col}] = p.user_id;
    }
    return at;
}

/// The pairs of seated neighbours (left/right, front/back).
std::vector<std::pair<std::pair<int, int>, std::pair<int, int>>>
neighbour_pairs(std::map<std::pair<int, int>, std::int64_t> const& at) {
    std::vector<std::pair<std::pair<int, int>, std::pair<int, int>>> pairs;
    for (auto const& [cell, user] : at)
        for (auto const& next :
             {std::pair{cell.first, cell.second + 1}, std::pair{cell.first + 1, cell.second}})
            if (at.contains(next))
                pairs.emplace_back(cell, next);
    return pairs;
}

constexpr seating_mode every_mode[] = {seating_mode::list_order, seating_mode::random,
                                       seating_mode::spread_units};

} // namespace

TEST(SeatAssignment, ModesAreNamedAsTheApiWritesThem) {
    EXPECT_EQ(seat_assignment::seating_mode_named("list_order"), seating_mode::list_order);
    EXPECT_EQ(seat_assignment::seating_mode_named("random"), seating_mode::random);
    EXPECT_EQ(seat_assignment::seating_mode_named("spread_units"), seating_mode::spread_units);
    EXPECT_FALSE(seat_assignment::seating_mode_named("alphabet"));
}

TEST(SeatAssignment, ListOrderFillsRowByRowSkippingTheAisle) {
    auto const cells = room_cells(2, 5, 2);
    auto shuffled = cells;
    std::reverse(shuffled.begin(), shuffled.end());
    auto const placed =
        seat_assignment::assign(shuffled, roster_by_unit(6, 2), seating_mode::list_order, 0);
    ASSERT_EQ(placed.size(), 6u);
    std::vector<std::string> labels;
    for (auto const& p : placed)
        labels.push_back(p.label);
    EXPECT_EQ(labels, (std::vector<std::string>{"A1", "A2", "A4", "A5", "B1", "B2"}));
    EXPECT_EQ(placed[0].user_id, 100);
    EXPECT_EQ(placed[5].user_id, 105);
}

TEST(SeatAssignment, MoreLearnersThanSeatsLeavesTheLastUnseated) {
    auto const placed = seat_assignment::assign(room_cells(1, 3), roster_by_unit(5, 1),
                                                seating_mode::list_order, 0);
    ASSERT_EQ(placed.size(), 3u);
    EXPECT_EQ(placed.back().user_id, 102);
}

TEST(SeatAssignment, RandomSeatsEveryoneOnceAndTheSeedRepeatsIt) {
    auto const cells = room_cells(5, 10);
    auto const learners = roster_by_unit(40, 4);
    auto const one = seat_assignment::assign(cells, learners, seating_mode::random, 7);
    auto const again = seat_assignment::assign(cells, learners, seating_mode::random, 7);
    auto const other = seat_assignment::assign(cells, learners, seating_mode::random, 8);
    ASSERT_EQ(one.size(), 40u);
    std::set<std::int64_t> users;
    std::set<std::string> labels;
    for (auto const& p : one) {
        users.insert(p.user_id);
        labels.insert(p.label);
    }
    EXPECT_EQ(users.size(), 40u);
    EXPECT_EQ(labels.size(), 40u);
    auto const same = [](auto const& a, auto const& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](auto const& x, auto const& y) {
            return x.user_id == y.user_id && x.label == y.label;
        });
    };
    EXPECT_TRUE(same(one, again));
    EXPECT_FALSE(same(one, other));
    auto const in_order = seat_assignment::assign(cells, learners, seating_mode::list_order, 0);
    EXPECT_FALSE(same(one, in_order));
}

TEST(SeatAssignment, SpreadingUnitsLeavesNoNeighboursFromTheSameUnit) {
    // A roster sorted by unit: list order would put each unit's members side by side.
    for (int const units : {2, 3, 4, 11}) {
        auto const cells = room_cells(5, 11, 5);
        auto const learners = roster_by_unit(46, units);
        std::map<std::int64_t, std::string> unit_of;
        for (auto const& l : learners)
            unit_of[l.user_id] = l.unit;
        auto const placed = seat_assignment::assign(cells, learners, seating_mode::spread_units, 0);
        ASSERT_EQ(placed.size(), 46u) << units;
        auto const at = seated_cells(placed, cells);
        int same_unit = 0;
        for (auto const& [a, b] : neighbour_pairs(at))
            same_unit += unit_of[at.at(a)] == unit_of[at.at(b)] ? 1 : 0;
        EXPECT_EQ(same_unit, 0) << units << " units";
        // The list order puts members of one unit beside each other, so the test can fail.
        int listed_same = 0;
        auto const listed = seated_cells(
            seat_assignment::assign(cells, learners, seating_mode::list_order, 0), cells);
        for (auto const& [a, b] : neighbour_pairs(listed))
            listed_same += unit_of[listed.at(a)] == unit_of[listed.at(b)] ? 1 : 0;
        EXPECT_GT(listed_same, 0);
    }
}

TEST(SeatAssignment, ASingleUnitIsStillSeatedEveryone) {
    auto const placed = seat_assignment::assign(room_cells(3, 4), roster_by_unit(12, 1),
                                                seating_mode::spread_units, 0);
    EXPECT_EQ(placed.size(), 12u);
}

TEST(SeatAssignment, NeighboursGetDifferentVariantsAfterEveryMode) {
    auto const cells = room_cells(5, 11, 5);
    auto const learners = roster_by_unit(46, 11);
    for (auto const mode : every_mode) {
        auto const at = seated_cells(seat_assignment::assign(cells, learners, mode, 3), cells);
        auto const pairs = neighbour_pairs(at);
        ASSERT_FALSE(pairs.empty());
        for (int variants = 2; variants <= 4; ++variants)
            for (auto const& [a, b] : pairs)
                EXPECT_NE(phongthi::bank::variant_for_seat(a.first, a.second, variants),
                          phongthi::bank::variant_for_seat(b.first, b.second, variants))
                    << variants << " variants at (" << a.first << "," << a.second << ")";
    }
}
