// kill -9 under load: every answer the server acked is in the database after the restart, and
// nothing in the database is an answer the candidates never sent.
#include "tests/fault/loadgen_fixture.hpp"

#include <sqlite3.h>

#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

namespace phongthi::test {
namespace {

using crash_key = std::pair<std::int64_t, int>; ///< (attempt, position)

/// What the load generator's answer log says.
struct crash_answer_log {
    std::map<crash_key, std::int64_t> highest_acked;
    std::set<std::tuple<std::int64_t, int, std::int64_t, std::size_t>> sent; ///< +choice count
    std::set<std::int64_t> attempts; ///< the load generator's attempts
    std::int64_t acks = 0;
};

crash_answer_log read_crash_log(std::filesystem::path const& file) {
    crash_answer_log log;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        char kind = 0;
        std::int64_t attempt = 0, seq = 0, last = 0;
        int n = 0;
        fields >> kind >> attempt >> n >> seq >> last;
        if (kind == 'S') {
            log.sent.emplace(attempt, n, seq, static_cast<std::size_t>(last));
            log.attempts.insert(attempt);
        } else if (kind == 'A') {
            auto& highest = log.highest_acked[{attempt, n}];
            highest = std::max(highest, seq);
            ++log.acks;
        }
    }
    return log;
}

/// The stored answers: (attempt, position) -> (seq, number of options chosen).
std::map<crash_key, std::pair<std::int64_t, std::size_t>>
read_stored_answers(std::filesystem::path const& database) {
    std::map<crash_key, std::pair<std::int64_t, std::size_t>> stored;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        ADD_FAILURE() << "cannot open " << database;
        sqlite3_close(db);
        return stored;
    }
    sqlite3_stmt* query = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT attempt_id, position, seq, json_array_length(choice) FROM answers",
                       -1, &query, nullptr);
    while (sqlite3_step(query) == SQLITE_ROW)
        stored[{sqlite3_column_int64(query, 0), sqlite3_column_int(query, 1)}] = {
            sqlite3_column_int64(query, 2),
            static_cast<std::size_t>(sqlite3_column_int64(query, 3))};
    sqlite3_finalize(query);
    sqlite3_close(db);
    return stored;
}

/// Waits until the log holds at least `acks` acks (or 60 s pass); returns whether it did.
bool wait_for_acks(std::filesystem::path const& file, std::int64_t acks) {
    for (int i = 0; i < 1200; ++i) {
        if (read_crash_log(file).acks >= acks)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

class CrashTest : public LoadgenData {};

TEST_F(CrashTest, EveryAckedAnswerSurvivesKill9AndNothingUnsentAppears) {
    constexpr int candidates = 200;
    auto const exam = prepare(candidates);
    std::mt19937 random(std::random_device{}());
    auto const log_file = scratch_file("answers.log");
    std::int64_t acks_before = 0;
    for (int round = 0; round < 3; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        auto server = std::make_unique<server_process>(data_dir(), false);
        auto const loadgen = start_loadgen(
            server->port(),
            {"--exam", std::to_string(exam), "--candidates", std::to_string(candidates), "--rate",
             "1500", "--duration", "30", "--reconnect-share", "0.01", "--give-up", "2",
             "--login-threads", "4", "--answer-log", log_file.string()});
        // Kill at a random moment once answers flow: between 0 and 1.5 s after the first acks.
        ASSERT_TRUE(wait_for_acks(log_file, acks_before + 50)) << "no answer was acked";
        std::this_thread::sleep_for(
            std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 1500)(random)));
        EXPECT_EQ(server->stop(SIGKILL), 128 + SIGKILL);
        int const code = wait_loadgen(loadgen, std::chrono::seconds(30));
        EXPECT_EQ(code, 3) << "the load generator should report the server lost\n"
                           << loadgen_report;
        // Restart on the same data: the open exam and its attempts come back from the database.
        server = std::make_unique<server_process>(data_dir(), false);
        auto const log = read_crash_log(log_file);
        auto const stored = read_stored_answers(data_dir() / "phongthi.db");
        ASSERT_GT(log.acks, acks_before);
        acks_before = log.acks;
        for (auto const& [key, seq] : log.highest_acked) {
            auto const found = stored.find(key);
            ASSERT_NE(found, stored.end())
                << "acked answer lost: attempt " << key.first << " question " << key.second;
            EXPECT_GE(found->second.first, seq)
                << "attempt " << key.first << " question " << key.second;
        }
        for (auto const& [key, row] : stored) {
            if (log.attempts.count(key.first) == 0)
                continue; // the demo class's graded exam
            EXPECT_TRUE(log.sent.count({key.first, key.second, row.first, row.second}) == 1)
                << "stored answer never sent: attempt " << key.first << " question " << key.second
                << " seq " << row.first;
        }
        EXPECT_EQ(server->stop(SIGTERM), 0) << server->log();
    }
}

} // namespace
} // namespace phongthi::test
