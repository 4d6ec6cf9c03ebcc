#include "scoring/ranking.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace phongthi::scoring;

namespace {

// "id:class_rank/unit_rank" in output order.
std::vector<std::string> ranks(std::vector<rank_entry> const& entries,
                               std::vector<tie_breaker> const& tie_breakers) {
    std::vector<std::string> out;
    for (auto const& r : rank_entries(entries, tie_breakers))
        out.push_back(entries[r.index].id + ":" + std::to_string(r.class_rank) + "/" +
                      std::to_string(r.unit_rank));
    return out;
}

rank_entry entry(std::string id, std::string name, std::string unit, double score,
                 std::int64_t time_used_ms = 0, std::int64_t submitted_at_ms = 0) {
    return {std::move(id), std::move(name), std::move(unit), score, time_used_ms, submitted_at_ms};
}

using list = std::vector<std::string>;

TEST(Rank, TiesShareRankAndSkipNext) {
    std::vector<rank_entry> const entries{entry("d", "Dũng", "A", 7), entry("b", "Bình", "A", 8),
                                          entry("a", "An", "A", 9), entry("c", "Chi", "A", 8)};
    EXPECT_EQ(ranks(entries, {}), (list{"a:1/1", "b:2/2", "c:2/2", "d:4/4"}));
}

TEST(Rank, EqualRanksAreOrderedByNameThenId) {
    std::vector<rank_entry> const entries{entry("2", "Chi", "", 8), entry("9", "An", "", 8),
                                          entry("1", "Chi", "", 8)};
    EXPECT_EQ(ranks(entries, {}), (list{"9:1/1", "1:1/1", "2:1/1"}));
}

TEST(Rank, ScoresEqualUpToBinaryErrorTie) {
    std::vector<rank_entry> const entries{entry("a", "A", "", 0.1 + 0.2), entry("b", "B", "", 0.3)};
    EXPECT_EQ(ranks(entries, {}), (list{"a:1/1", "b:1/1"}));
}

TEST(Rank, LessTimeBreaksTies) {
    std::vector<rank_entry> const entries{entry("a", "A", "", 8, 900), entry("b", "B", "", 8, 600),
                                          entry("c", "C", "", 9, 2000), entry("d", "D", "", 7, 1)};
    EXPECT_EQ(ranks(entries, {{tie_breaker::less_time}}),
              (list{"c:1/1", "b:2/2", "a:3/3", "d:4/4"}));
}

TEST(Rank, TieBreakersApplyInOrder) {
    std::vector<rank_entry> const entries{
        entry("a", "A", "", 8, 600, 50), entry("b", "B", "", 8, 600, 40),
        entry("c", "C", "", 8, 500, 90), entry("d", "D", "", 8, 600, 40)};
    EXPECT_EQ(ranks(entries, {{tie_breaker::less_time, tie_breaker::earlier_submission}}),
              (list{"c:1/1", "b:2/2", "d:2/2", "a:4/4"}));
    EXPECT_EQ(ranks(entries, {{tie_breaker::earlier_submission, tie_breaker::less_time}}),
              (list{"b:1/1", "d:1/1", "a:3/3", "c:4/4"}));
}

TEST(Rank, TieBreakersUnusedWhenNotChosen) {
    std::vector<rank_entry> const entries{entry("a", "A", "", 8, 900, 1),
                                          entry("b", "B", "", 8, 600, 2)};
    EXPECT_EQ(ranks(entries, {}), (list{"a:1/1", "b:1/1"}));
}

TEST(Rank, UnitsAreRankedApart) {
    std::vector<rank_entry> const entries{entry("a", "A", "Xã Tân Hòa", 9),
                                          entry("b", "B", "Phường 1", 9),
                                          entry("c", "C", "Xã Tân Hòa", 8),
                                          entry("d", "D", "Phường 1", 7),
                                          entry("e", "E", "Xã Tân Hòa", 8),
                                          entry("f", "F", "Xã Tân Hòa", 6),
                                          entry("g", "G", "", 5)};
    EXPECT_EQ(ranks(entries, {}),
              (list{"a:1/1", "b:1/1", "c:3/2", "e:3/2", "d:5/2", "f:6/4", "g:7/1"}));
}

TEST(Rank, NoEntriesNoRanks) {
    EXPECT_TRUE(rank_entries({}, {}).empty());
}

} // namespace
