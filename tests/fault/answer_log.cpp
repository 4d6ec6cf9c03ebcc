#include "tests/fault/answer_log.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace phongthi::test {
namespace {

/// The stored answers: (attempt, position) -> (seq, number of options chosen).
std::map<answer_key, std::pair<std::int64_t, std::size_t>>
read_stored_answers(std::filesystem::path const& database) {
    std::map<answer_key, std::pair<std::int64_t, std::size_t>> stored;
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

} // namespace

answer_log_summary read_answer_log(std::filesystem::path const& file) {
    answer_log_summary log;
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

/// Waits until the log holds at least `acks` acks (or 60 s pass); returns whether it did.
bool wait_for_acks(std::filesystem::path const& file, std::int64_t acks) {
    for (int i = 0; i < 1200; ++i) {
        if (read_answer_log(file).acks >= acks)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

void expect_database_agrees_with_log(answer_log_summary const& log,
                                     std::filesystem::path const& database) {
    auto const stored = read_stored_answers(database);
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
}

} // namespace phongthi::test
