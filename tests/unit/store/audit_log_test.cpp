#include "server/store/migrations.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/unit/store/store_test_support.hpp"

namespace phongthi::store {
namespace {

using test::query_int;

/// The message of the sqlite_error `sql` throws, or "" when it succeeds.
std::string error_of(database& db, std::string_view sql) {
    try {
        db.exec(sql);
        return {};
    } catch (sqlite_error const& e) {
        return e.what();
    }
}

TEST(AuditLog, RowsCannotBeUpdatedOrDeleted) {
    database db(":memory:", open_mode::read_write_create);
    migrate(db);
    db.exec("INSERT INTO audit_log(at, actor, action, target, detail) "
            "VALUES (1, 'cli:root', 'user.create', 'user:an', '{\"role\":\"candidate\"}')");

    EXPECT_NE(error_of(db, "UPDATE audit_log SET actor = 'someone else'").find("append-only"),
              std::string::npos);
    EXPECT_NE(error_of(db, "DELETE FROM audit_log").find("append-only"), std::string::npos);
    EXPECT_NE(error_of(db, "INSERT OR REPLACE INTO audit_log(id, at, actor, action) "
                           "VALUES (1, 2, 'x', 'forged')")
                  .find("append-only"),
              std::string::npos);

    EXPECT_EQ(query_int(db, "SELECT count(*) FROM audit_log WHERE actor = 'cli:root' AND "
                            "action = 'user.create'"),
              1);
}

TEST(AuditLog, AppendingKeepsWorking) {
    database db(":memory:", open_mode::read_write_create);
    migrate(db);
    for (int i = 0; i < 3; ++i)
        db.prepare("INSERT INTO audit_log(at, actor, action) VALUES (?, 'admin', 'exam.open')")
            .bind(1, i)
            .run();
    EXPECT_EQ(query_int(db, "SELECT count(*) FROM audit_log"), 3);
}

TEST(AuditLog, DetailMustBeJson) {
    database db(":memory:", open_mode::read_write_create);
    migrate(db);
    EXPECT_THROW(db.exec("INSERT INTO audit_log(at, actor, action, detail) "
                         "VALUES (1, 'admin', 'user.create', 'role=admin')"),
                 sqlite_error);
}

} // namespace
} // namespace phongthi::store
