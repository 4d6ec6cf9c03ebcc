#include "server/store/database.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "tests/unit/store/store_test_support.hpp"

namespace phongthi::store {
namespace {

using test::query_int;

TEST(Database, TransactionRollsBackUnlessCommitted) {
    database db(":memory:", open_mode::read_write_create);
    db.exec("CREATE TABLE t(v INTEGER)");
    {
        transaction tx(db);
        db.exec("INSERT INTO t VALUES (1)");
    }
    EXPECT_EQ(query_int(db, "SELECT count(*) FROM t"), 0);
    EXPECT_FALSE(db.in_transaction());

    {
        transaction tx(db);
        db.exec("INSERT INTO t VALUES (2)");
        tx.commit();
    }
    EXPECT_EQ(query_int(db, "SELECT count(*) FROM t"), 1);
}

TEST(Database, TransactionRollsBackWhenAnExceptionLeavesTheScope) {
    database db(":memory:", open_mode::read_write_create);
    db.exec("CREATE TABLE t(v INTEGER)");
    EXPECT_THROW(
        {
            transaction tx(db);
            db.exec("INSERT INTO t VALUES (1)");
            throw std::runtime_error("abandon");
        },
        std::runtime_error);
    EXPECT_EQ(query_int(db, "SELECT count(*) FROM t"), 0);
}

TEST(Database, UniqueViolationIsDetected) {
    database db(":memory:", open_mode::read_write_create);
    db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT UNIQUE, n INTEGER CHECK (n > 0))");
    auto insert = db.prepare("INSERT INTO t(id, name, n) VALUES (?, ?, ?)");
    insert.bind_all(1, "an", 1).run();

    try {
        insert.bind_all(2, "an", 1).run();
        FAIL() << "duplicate name accepted";
    } catch (sqlite_error const& e) {
        EXPECT_TRUE(e.is_unique_violation());
        EXPECT_EQ(e.code(), SQLITE_CONSTRAINT_UNIQUE);
    }
    try {
        insert.bind_all(1, "binh", 1).run();
        FAIL() << "duplicate primary key accepted";
    } catch (sqlite_error const& e) {
        EXPECT_TRUE(e.is_unique_violation());
    }
    try {
        insert.bind_all(3, "chi", 0).run();
        FAIL() << "CHECK violation accepted";
    } catch (sqlite_error const& e) {
        EXPECT_FALSE(e.is_unique_violation());
        EXPECT_EQ(e.code(), SQLITE_CONSTRAINT_CHECK);
    }
}

TEST(Database, ValuesRoundTripThroughBindAndColumns) {
    database db(":memory:", open_mode::read_write_create);
    db.exec("CREATE TABLE t(i INTEGER, r REAL, s TEXT, n TEXT)");
    std::string const name = "Nguyễn Thị Hồng Nhung";
    db.prepare("INSERT INTO t VALUES (?, ?, ?, ?)")
        .bind_all(std::int64_t{1} << 40, 7.25, std::string_view(name), nullptr)
        .run();

    auto query = db.prepare("SELECT i, r, s, n FROM t");
    ASSERT_TRUE(query.step());
    EXPECT_EQ(query.column_int64(0), std::int64_t{1} << 40);
    EXPECT_DOUBLE_EQ(query.column_double(1), 7.25);
    EXPECT_EQ(query.column_text(2), name);
    EXPECT_TRUE(query.is_null(3));
    EXPECT_FALSE(query.step());
}

TEST(Database, CachedStatementIsReusedAndComesBackReset) {
    database db(":memory:", open_mode::read_write_create);
    db.exec("CREATE TABLE t(v INTEGER)");
    db.exec("INSERT INTO t VALUES (1), (2), (3)");

    auto& first = db.cached("SELECT v FROM t ORDER BY v");
    ASSERT_TRUE(first.step());
    EXPECT_EQ(first.column_int64(0), 1);

    // Fetched again mid-iteration: same object, rewound to the start.
    auto& second = db.cached("SELECT v FROM t ORDER BY v");
    EXPECT_EQ(&first, &second);
    ASSERT_TRUE(second.step());
    EXPECT_EQ(second.column_int64(0), 1);
}

TEST(Database, ResetStatementsEndsAReadLeftOpen) {
    database db(":memory:", open_mode::read_write_create);
    db.exec("CREATE TABLE t(v INTEGER); INSERT INTO t VALUES (1), (2)");
    auto& query = db.cached("SELECT v FROM t");
    ASSERT_TRUE(query.step());
    db.reset_statements();
    // A DROP fails with SQLITE_LOCKED while any statement still reads the table.
    EXPECT_NO_THROW(db.exec("DROP TABLE t"));
}

TEST(Database, OpeningAMissingFileWithoutCreateFails) {
    test::temp_dir dir;
    EXPECT_THROW(database(dir / "missing.db", open_mode::read_write), sqlite_error);
    EXPECT_FALSE(std::filesystem::exists(dir / "missing.db"));
}

} // namespace
} // namespace phongthi::store

namespace phongthi::store {
TEST(Database, AnEmptyViewBindsAsEmptyTextNotNull) {
    database db(":memory:", open_mode::read_write_create);
    auto query = db.prepare("SELECT ?1 IS NULL, ?1 = ''");
    query.bind(1, std::string_view());
    ASSERT_TRUE(query.step());
    EXPECT_EQ(query.column_int64(0), 0);
    EXPECT_EQ(query.column_int64(1), 1);
}
} // namespace phongthi::store
