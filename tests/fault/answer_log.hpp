#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <utility>

// What the load generator's answer log (`--answer-log`) says, what the database holds, and the
// check that the two agree: shared by the crash and storage fault tests.
namespace phongthi::test {

using answer_key = std::pair<std::int64_t, int>; ///< (attempt, position)

/// What the load generator's answer log says.
struct answer_log_summary {
    std::map<answer_key, std::int64_t> highest_acked;
    std::set<std::tuple<std::int64_t, int, std::int64_t, std::size_t>> sent; ///< +choice count
    std::set<std::int64_t> attempts; ///< the load generator's attempts
    std::int64_t acks = 0;
};

/// Reads the answer log: "S attempt n seq choices" per answer sent, "A attempt n seq user" per
/// ack that saved something.
answer_log_summary read_answer_log(std::filesystem::path const& file);

/// Waits until the log holds at least `acks` acks (or 60 s pass); returns whether it did.
bool wait_for_acks(std::filesystem::path const& file, std::int64_t acks);

/// Fails the test unless every answer acked in `log` is in `database` (with that seq or a later
/// one) and every stored answer of the log's attempts is one that was sent.
void expect_database_agrees_with_log(answer_log_summary const& log,
                                     std::filesystem::path const& database);

} // namespace phongthi::test
