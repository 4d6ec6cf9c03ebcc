#include "server/store/migrations.hpp"
#include "server/store/schema.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "tests/unit/store/store_test_support.hpp"

namespace phongthi::store {
namespace {

using test::query_int;

/// The schema as SQLite records it, for before/after comparisons.
std::string schema_dump(database& db) {
    auto query = db.prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') "
                            "FROM sqlite_schema ORDER BY type, name");
    std::string dump;
    while (query.step())
        dump += query.column_text(0) + "\n";
    return dump;
}

TEST(Migrations, VersionsRunFromOneWithoutGaps) {
    auto const& all = migrations();
    ASSERT_FALSE(all.empty());
    for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(all[i].version, static_cast<int>(i) + 1);
        EXPECT_FALSE(all[i].description.empty());
        EXPECT_FALSE(all[i].sql.empty());
    }
    EXPECT_EQ(latest_schema_version(), static_cast<int>(all.size()));
}

TEST(Migrations, FreshDatabaseReachesLatestVersion) {
    database db(":memory:", open_mode::read_write_create);
    EXPECT_EQ(schema_version(db), 0);
    migrate(db);
    EXPECT_EQ(schema_version(db), latest_schema_version());

    for (char const* table :
         {"units",      "users",          "sessions",    "audit_log",          "server_settings",
          "courses",    "classes",        "class_staff", "enrollments",        "rooms",
          "seats",      "question_banks", "questions",   "question_revisions", "exams",
          "blueprints", "attempts",       "answers",     "attempt_events",     "attendance"}) {
        auto query = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                                "name = ?");
        query.bind(1, table);
        ASSERT_TRUE(query.step());
        EXPECT_EQ(query.column_int64(0), 1) << "missing table " << table;
    }
    EXPECT_EQ(query_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
}

TEST(Migrations, AppliedTwiceIsANoOp) {
    test::temp_dir dir;
    auto const file = dir / "twice.db";
    std::string first;
    {
        database db(file, open_mode::read_write_create);
        migrate(db);
        db.exec("INSERT INTO units(code, name, created_at) VALUES ('CB01', 'Chi bộ 1', 0)");
        first = schema_dump(db);
    }
    database db(file, open_mode::read_write);
    migrate(db);
    EXPECT_EQ(schema_dump(db), first);
    EXPECT_EQ(schema_version(db), latest_schema_version());
    EXPECT_EQ(query_int(db, "SELECT count(*) FROM units"), 1);
}

TEST(Migrations, AnOlderSchemaIsBroughtUpToDateKeepingItsRows) {
    test::temp_dir dir;
    auto const file = dir / "older.db";
    int const older = latest_schema_version() - 1;
    {
        database db(file, open_mode::read_write_create);
        migrate_to(db, older);
        EXPECT_EQ(schema_version(db), older);
        db.exec("INSERT INTO units(code, name, created_at) VALUES ('CB01', 'Chi bộ 1', 0)");
    }
    database db(file, open_mode::read_write);
    migrate(db);
    EXPECT_EQ(schema_version(db), latest_schema_version());
    EXPECT_EQ(query_int(db, "SELECT count(*) FROM units WHERE name = 'Chi bộ 1'"), 1);
}

TEST(Migrations, NewerDatabaseIsRefusedWithClearMessage) {
    test::temp_dir dir;
    auto const file = dir / "future.db";
    int const future = latest_schema_version() + 6;
    {
        database db(file, open_mode::read_write_create);
        db.exec("PRAGMA user_version = " + std::to_string(future));
    }
    database db(file, open_mode::read_write);
    try {
        migrate(db);
        FAIL() << "a database from a newer phongthi was accepted";
    } catch (schema_too_new const& e) {
        EXPECT_EQ(e.found(), future);
        EXPECT_EQ(e.supported(), latest_schema_version());
        EXPECT_EQ(std::string(e.what()),
                  "database " + file.string() + " has schema version " + std::to_string(future) +
                      " but this phongthi understands up to " +
                      std::to_string(latest_schema_version()) +
                      ": upgrade phongthi (or restore a backup made by this version)");
    }
    // Nothing was touched.
    EXPECT_EQ(schema_version(db), future);
    EXPECT_EQ(query_int(db, "SELECT count(*) FROM sqlite_schema"), 0);
}

TEST(Migrations, ForeignKeySettingIsRestored) {
    database db(":memory:", open_mode::read_write_create);
    db.exec("PRAGMA foreign_keys = ON");
    migrate(db);
    EXPECT_EQ(query_int(db, "PRAGMA foreign_keys"), 1);

    database off(":memory:", open_mode::read_write_create);
    migrate(off);
    EXPECT_EQ(query_int(off, "PRAGMA foreign_keys"), 0);
}

/// A migrated in-memory database with foreign keys on and one row of each parent.
class Schema : public ::testing::Test {
protected:
    void SetUp() override {
        migrate(db_);
        db_.exec("PRAGMA foreign_keys = ON");
        db_.exec(R"sql(
            INSERT INTO units(id, code, name, created_at) VALUES (1, 'CB01', 'Chi bộ 1', 0);
            INSERT INTO users(id, username, full_name, role, unit_id, password_hash,
                              created_at, updated_at)
                VALUES (1, 'an', 'Nguyễn Văn An', 'candidate', 1, 'x', 0, 0);
            INSERT INTO courses(id, code, name, kind) VALUES (1, 'K1', 'Kết nạp', 'admission');
            INSERT INTO classes(id, course_id, code, name) VALUES (1, 1, 'A', 'Lớp A');
            INSERT INTO exams(id, class_id, title) VALUES (1, 1, 'Cuối khoá');
            INSERT INTO blueprints(id, exam_id, revision, spec) VALUES (1, 1, 1, '{}');
            INSERT INTO attempts(id, exam_id, user_id) VALUES (1, 1, 1);
        )sql");
    }

    /// The extended result code of running `sql`, or SQLITE_OK.
    int code_of(std::string const& sql) {
        try {
            db_.exec(sql);
            return SQLITE_OK;
        } catch (sqlite_error const& e) {
            return e.code();
        }
    }

    database db_{":memory:", open_mode::read_write_create};
};

TEST_F(Schema, RefusesValuesOutsideEnumerations) {
    EXPECT_EQ(code_of("INSERT INTO users(username, full_name, role, password_hash, created_at, "
                      "updated_at) VALUES ('b', 'B', 'superuser', 'x', 0, 0)"),
              SQLITE_CONSTRAINT_CHECK);
    EXPECT_EQ(code_of("INSERT INTO courses(code, name, kind) VALUES ('K2', 'x', 'seminar')"),
              SQLITE_CONSTRAINT_CHECK);
    EXPECT_EQ(code_of("UPDATE exams SET state = 'running' WHERE id = 1"), SQLITE_CONSTRAINT_CHECK);
    EXPECT_EQ(code_of("UPDATE attempts SET state = 'paused' WHERE id = 1"),
              SQLITE_CONSTRAINT_CHECK);
    EXPECT_EQ(code_of("INSERT INTO questions(id, bank_id) VALUES (1, 1)"),
              SQLITE_CONSTRAINT_FOREIGNKEY);
}

TEST_F(Schema, RefusesInvalidJsonAndWrongTypes) {
    EXPECT_EQ(code_of("INSERT INTO answers(attempt_id, position, choice, seq, saved_at) "
                      "VALUES (1, 1, '[2', 1, 0)"),
              SQLITE_CONSTRAINT_CHECK);
    EXPECT_EQ(code_of("UPDATE exams SET settings = 'not json' WHERE id = 1"),
              SQLITE_CONSTRAINT_CHECK);
    // STRICT: text in an INTEGER column is an error, not a silent conversion.
    EXPECT_EQ(code_of("INSERT INTO answers(attempt_id, position, choice, seq, saved_at) "
                      "VALUES (1, 1, '[2]', 'soon', 0)"),
              SQLITE_CONSTRAINT_DATATYPE);
}

TEST_F(Schema, UsernamesAreUniqueIgnoringCase) {
    EXPECT_EQ(code_of("INSERT INTO users(username, full_name, role, password_hash, created_at, "
                      "updated_at) VALUES ('AN', 'An khác', 'candidate', 'x', 0, 0)"),
              SQLITE_CONSTRAINT_UNIQUE);
}

TEST_F(Schema, RunningAttemptNeedsItsPaperAndClock) {
    EXPECT_EQ(code_of("UPDATE attempts SET state = 'in_progress' WHERE id = 1"),
              SQLITE_CONSTRAINT_CHECK);
    EXPECT_EQ(code_of("UPDATE attempts SET state = 'in_progress', blueprint_id = 1, "
                      "paper_seed = 42, started_at = 1, deadline_at = 2 WHERE id = 1"),
              SQLITE_OK);
    // One live attempt per candidate and exam, each numbered; a voided one may be retaken.
    EXPECT_EQ(code_of("INSERT INTO attempts(exam_id, user_id, attempt_number) VALUES (1, 1, 2)"),
              SQLITE_CONSTRAINT_UNIQUE);
    EXPECT_EQ(code_of("UPDATE attempts SET state = 'voided' WHERE id = 1"), SQLITE_OK);
    EXPECT_EQ(code_of("INSERT INTO attempts(exam_id, user_id) VALUES (1, 1)"),
              SQLITE_CONSTRAINT_UNIQUE); // attempt 1 exists
    EXPECT_EQ(code_of("INSERT INTO attempts(exam_id, user_id, attempt_number) VALUES (1, 1, 2)"),
              SQLITE_OK);
}

TEST_F(Schema, AnswerUpsertKeepsTheHighestSeq) {
    auto upsert = db_.prepare(R"sql(
        INSERT INTO answers(attempt_id, position, choice, seq, saved_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (attempt_id, position) DO UPDATE
            SET choice = excluded.choice, seq = excluded.seq, saved_at = excluded.saved_at
            WHERE excluded.seq > answers.seq)sql");
    upsert.bind_all(1, 3, "[1]", 5, 100).run();
    upsert.bind_all(1, 3, "[2]", 7, 200).run();
    upsert.bind_all(1, 3, "[0]", 6, 300).run(); // a late replay of an older answer
    auto query = db_.prepare("SELECT choice, seq FROM answers WHERE attempt_id = 1");
    ASSERT_TRUE(query.step());
    EXPECT_EQ(query.column_text(0), "[2]");
    EXPECT_EQ(query.column_int64(1), 7);
    EXPECT_FALSE(query.step());
}

} // namespace
} // namespace phongthi::store
