#include "server/store/backup.hpp"
#include "server/store/writer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <string>
#include <thread>

#include "tests/unit/store/store_test_support.hpp"

namespace phongthi::store {
namespace {

using test::query_int;

/// Names of the files in `dir`.
std::vector<std::string> listing(std::filesystem::path const& dir) {
    std::vector<std::string> names;
    for (auto const& entry : std::filesystem::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

TEST(Backup, CopyWhileWritingIsConsistent) {
    test::temp_dir dir;
    auto const source = dir / "live.db";
    auto const copy = dir / "copy.db";
    test::create_database(source, "CREATE TABLE t(id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
    writer w(source);

    // About 5 MB, so the copy takes many steps while rows keep arriving.
    constexpr std::int64_t prefilled = 20000;
    w.write([](database& db) {
        auto& insert = db.cached("INSERT INTO t(id, payload) VALUES (?, ?)");
        for (std::int64_t id = 1; id <= prefilled; ++id)
            insert.bind_all(id, std::string(200, 'x')).run();
    });
    std::atomic<bool> finished{false};
    std::atomic<std::int64_t> written{prefilled};
    std::thread feeder([&] {
        while (!finished.load()) {
            std::int64_t const id = written.load() + 1;
            w.write([id](database& db) {
                db.cached("INSERT INTO t(id, payload) VALUES (?, 'y')").bind(1, id).run();
            });
            written.store(id);
        }
    });

    std::int64_t const before = written.load();
    backup_database(source, copy);
    std::int64_t const after = written.load();
    finished.store(true);
    feeder.join();
    RecordProperty("rows_written_during_backup", std::to_string(after - before));

    database db(copy, open_mode::read_only);
    auto check = db.prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.step());
    EXPECT_EQ(check.column_text(0), "ok");
    // A snapshot: rows 1..n with no holes, at least everything committed before the backup.
    std::int64_t const n = query_int(db, "SELECT count(*) FROM t");
    EXPECT_EQ(query_int(db, "SELECT min(id) FROM t"), 1);
    EXPECT_EQ(query_int(db, "SELECT max(id) FROM t"), n);
    EXPECT_GE(n, before);
    EXPECT_LE(n, written.load());
    // A single self-contained file: rollback journal, nothing beside it.
    EXPECT_EQ(query_int(db, "SELECT count(*) FROM pragma_journal_mode WHERE "
                            "journal_mode = 'delete'"),
              1);
    EXPECT_FALSE(std::filesystem::exists(dir / "copy.db-wal"));
}

TEST(Backup, ReplacesAnOlderBackup) {
    test::temp_dir dir;
    auto const source = dir / "live.db";
    auto const copy = dir / "copy.db";
    test::create_database(source, "CREATE TABLE t(id INTEGER PRIMARY KEY)");
    backup_database(source, copy);
    {
        database db(source, open_mode::read_write);
        db.exec("INSERT INTO t(id) VALUES (1)");
    }
    backup_database(source, copy);
    EXPECT_EQ(query_int(copy, "SELECT count(*) FROM t"), 1);
    EXPECT_EQ(listing(dir.path()), (std::vector<std::string>{"copy.db", "live.db"}));
}

TEST(Backup, FailedBackupLeavesNoFile) {
    test::temp_dir dir;
    auto const source = dir / "not-a-database.db";
    std::ofstream(source) << "this is not an SQLite file, but it is long enough to look like one "
                             "if nobody checked the header at all....";
    EXPECT_ANY_THROW(backup_database(source, dir / "copy.db"));
    EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"not-a-database.db"});

    auto const good = dir / "good.db";
    test::create_database(good, "CREATE TABLE t(id INTEGER PRIMARY KEY)");
    EXPECT_ANY_THROW(backup_database(good, dir / "no-such-directory" / "copy.db"));
    EXPECT_FALSE(std::filesystem::exists(dir / "no-such-directory"));
}

TEST(Backup, RefusesToOverwriteItsSource) {
    test::temp_dir dir;
    auto const source = dir / "live.db";
    test::create_database(source, "CREATE TABLE t(id INTEGER PRIMARY KEY)");
    EXPECT_THROW(backup_database(source, dir.path() / "." / "live.db"), std::invalid_argument);
    EXPECT_EQ(query_int(source, "SELECT count(*) FROM sqlite_schema"), 1);
}

} // namespace
} // namespace phongthi::store
