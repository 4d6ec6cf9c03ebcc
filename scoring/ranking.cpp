#include "scoring/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>
#include <unordered_map>

namespace phongthi::scoring {

namespace {

// Scores compared as integers in millionths: ties are exact and the order is a strict weak one.
std::int64_t score_key(double score) {
    return std::llround(score * 1e6);
}

// -1 when a ranks above b, 1 when below, 0 when they share a rank.
int compare_rank(rank_entry const& a, rank_entry const& b,
                 std::span<tie_breaker const> tie_breakers) {
    auto const sa = score_key(a.score);
    auto const sb = score_key(b.score);
    if (sa != sb)
        return sa > sb ? -1 : 1;
    for (tie_breaker const tie : tie_breakers) {
        auto const va = tie == tie_breaker::less_time ? a.time_used_ms : a.submitted_at_ms;
        auto const vb = tie == tie_breaker::less_time ? b.time_used_ms : b.submitted_at_ms;
        if (va != vb)
            return va < vb ? -1 : 1;
    }
    return 0;
}

struct unit_state {
    int seen = 0;
    int rank = 0;
    std::size_t last = 0;
};

} // namespace

std::vector<ranked_entry> rank_entries(std::span<rank_entry const> entries,
                                       std::span<tie_breaker const> tie_breakers) {
    std::vector<std::size_t> order(entries.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        int const by_rank = compare_rank(entries[a], entries[b], tie_breakers);
        if (by_rank != 0)
            return by_rank < 0;
        if (entries[a].name != entries[b].name)
            return entries[a].name < entries[b].name;
        if (entries[a].id != entries[b].id)
            return entries[a].id < entries[b].id;
        return a < b;
    });

    std::vector<ranked_entry> ranked;
    ranked.reserve(order.size());
    std::unordered_map<std::string_view, unit_state> units;
    for (std::size_t position = 0; position < order.size(); ++position) {
        std::size_t const index = order[position];
        int class_rank = static_cast<int>(position) + 1;
        if (position > 0 &&
            compare_rank(entries[order[position - 1]], entries[index], tie_breakers) == 0)
            class_rank = ranked.back().class_rank;

        unit_state& unit = units[entries[index].unit];
        ++unit.seen;
        if (unit.seen == 1 || compare_rank(entries[unit.last], entries[index], tie_breakers) != 0)
            unit.rank = unit.seen;
        unit.last = index;
        ranked.push_back({index, class_rank, unit.rank});
    }
    return ranked;
}

} // namespace phongthi::scoring
