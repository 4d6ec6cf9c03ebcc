#include "server/store/read_pool.hpp"
#include "server/store/writer.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "tests/unit/store/store_test_support.hpp"

namespace phongthi::store {
namespace {

using test::query_int;

class ReadPool : public ::testing::Test {
protected:
    ReadPool() { test::create_database(file_, "CREATE TABLE t(id INTEGER PRIMARY KEY)"); }

    test::temp_dir dir_;
    std::filesystem::path file_ = dir_ / "pool.db";
};

TEST_F(ReadPool, ReadersSeeCommittedWritesAndCannotWrite) {
    writer w(file_);
    read_pool pool(file_, 2);
    auto count = [&pool] {
        return pool.with([](database& db) { return query_int(db, "SELECT count(*) FROM t"); });
    };
    EXPECT_EQ(count(), 0);
    w.write([](database& db) { db.exec("INSERT INTO t(id) VALUES (1)"); });
    EXPECT_EQ(count(), 1);

    for (int i = 0; i < 2; ++i) { // every connection, not just the first
        try {
            pool.with([](database& db) { db.exec("INSERT INTO t(id) VALUES (2)"); });
            FAIL() << "a pooled connection wrote";
        } catch (sqlite_error const& e) {
            EXPECT_EQ(e.code() & 0xff, SQLITE_READONLY);
        }
    }
    EXPECT_EQ(count(), 1);
}

TEST_F(ReadPool, BorrowersBeyondThePoolSizeWait) {
    read_pool pool(file_, 2);
    std::atomic<int> active{0};
    std::atomic<int> most{0};
    std::mutex seen_mutex;
    std::set<database*> seen;
    std::vector<std::thread> readers;
    for (int t = 0; t < 6; ++t) {
        readers.emplace_back([&] {
            for (int i = 0; i < 20; ++i) {
                pool.with([&](database& db) {
                    int const now = ++active;
                    for (int m = most.load(); now > m && !most.compare_exchange_weak(m, now);) {
                    }
                    {
                        std::lock_guard lock(seen_mutex);
                        seen.insert(&db);
                    }
                    std::this_thread::sleep_for(std::chrono::microseconds(200)); // a query's work
                    --active;
                });
            }
        });
    }
    for (auto& r : readers)
        r.join();
    EXPECT_LE(most.load(), 2);
    EXPECT_EQ(seen.size(), 2u);
}

TEST_F(ReadPool, ConnectionComesBackWithoutAnOpenSnapshot) {
    writer w(file_);
    read_pool pool(file_, 1);
    // A borrower that leaves a transaction and a half-read statement behind...
    pool.with([](database& db) {
        db.exec("BEGIN");
        auto& query = db.cached("SELECT id FROM t");
        query.step();
    });
    w.write([](database& db) { db.exec("INSERT INTO t(id) VALUES (1)"); });
    // ...must not make the next one read the old snapshot.
    EXPECT_EQ(pool.with([](database& db) { return query_int(db, "SELECT count(*) FROM t"); }), 1);
}

TEST_F(ReadPool, ExceptionsPassThroughAndTheConnectionIsReturned) {
    read_pool pool(file_, 1);
    EXPECT_THROW(pool.with([](database&) -> int { throw std::runtime_error("query failed"); }),
                 std::runtime_error);
    EXPECT_EQ(pool.with([](database& db) { return query_int(db, "SELECT 7"); }), 7);
}

} // namespace
} // namespace phongthi::store
