#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace phongthi::scoring {

/// What separates two equal scores, as an exam chooses them, applied in the order given.
enum class tie_breaker {
    less_time,          ///< less time used ranks higher
    earlier_submission, ///< the earlier submission ranks higher
};

/// One candidate's result, as the caller knows it.
struct rank_entry {
    std::string id;   ///< unique; the last key of the output order
    std::string name; ///< ordering among equal ranks (bytewise: pass a collation key if needed)
    std::string unit; ///< the group ranked apart (the empty string is a group too)
    double score = 0; ///< the reported (rounded) mark; equal within 1e-6 is a tie
    std::int64_t time_used_ms = 0;
    std::int64_t submitted_at_ms = 0; ///< any clock, the same for every entry
};

/// A candidate's place.
struct ranked_entry {
    std::size_t index = 0; ///< into the entries given
    int class_rank = 0;    ///< among all entries: 1, 2, 2, 4 …
    int unit_rank = 0;     ///< among the entries of the same unit
};

/// Standard competition ranking (1, 2, 2, 4) by score descending, then by `tie_breakers` in
/// order; entries equal on all of them share a rank. The result is ordered by class rank, then
/// name, then id. Pure; any thread.
std::vector<ranked_entry> rank_entries(std::span<rank_entry const> entries,
                                       std::span<tie_breaker const> tie_breakers);

} // namespace phongthi::scoring
