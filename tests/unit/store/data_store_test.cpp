#include "server/store/data_store.hpp"
#include "server/store/migrations.hpp"

#include <gtest/gtest.h>

#include "tests/unit/store/store_test_support.hpp"

namespace phongthi::store {
namespace {

using test::query_int;

TEST(DataStore, CreatesTheDirectoryAndAMigratedFile) {
    test::temp_dir dir;
    auto const data = dir / "nested" / "data";
    data_store store(data);
    EXPECT_EQ(store.file(), data / "phongthi.db");
    EXPECT_TRUE(std::filesystem::exists(store.file()));
    EXPECT_EQ(store.read_side().size(), data_store::default_readers);
    EXPECT_EQ(store.read_side().with([](database& db) { return schema_version(db); }),
              latest_schema_version());
}

TEST(DataStore, WritesThroughTheWriterAreSeenByReaders) {
    test::temp_dir dir;
    data_store store(dir.path(), 2);
    store.write_side().write([](database& db) {
        db.exec("INSERT INTO units(code, name, created_at) VALUES ('CB01', 'Chi bộ 1', 0)");
    });
    EXPECT_EQ(store.read_side().with(
                  [](database& db) { return query_int(db, "SELECT count(*) FROM units"); }),
              1);
    store.stop();
    EXPECT_THROW(store.write_side().write([](database&) {}), writer_stopped);
}

TEST(DataStore, ReopensExistingDataAndRefusesANewerSchema) {
    test::temp_dir dir;
    {
        data_store store(dir.path());
        store.write_side().write([](database& db) {
            db.exec("INSERT INTO units(code, name, created_at) VALUES ('CB01', 'x', 0)");
        });
    }
    {
        data_store store(dir.path());
        EXPECT_EQ(query_int(store.file(), "SELECT count(*) FROM units"), 1);
    }
    {
        database db(dir / "phongthi.db", open_mode::read_write);
        db.exec("PRAGMA user_version = " + std::to_string(latest_schema_version() + 1));
    }
    EXPECT_THROW(data_store{dir.path()}, schema_too_new);
}

} // namespace
} // namespace phongthi::store
