#include "server/store/migrations.hpp"

#include "server/store/schema.hpp"

#include <string>

namespace phongthi::store {

namespace {

int pragma_int(database& db, std::string_view sql) {
    auto query = db.prepare(sql);
    return query.step() ? static_cast<int>(query.column_int64(0)) : 0;
}

/// Puts PRAGMA foreign_keys back as it was, however migrate() leaves.
class foreign_keys_off {
public:
    explicit foreign_keys_off(database& db)
        : db_(db), was_on_(pragma_int(db, "PRAGMA foreign_keys") != 0) {
        db_.exec("PRAGMA foreign_keys = OFF");
    }
    ~foreign_keys_off() {
        if (was_on_) {
            try {
                db_.exec("PRAGMA foreign_keys = ON");
            } catch (sqlite_error const&) {
                // Only fails inside a transaction, which the migration's own guard has ended.
            }
        }
    }
    foreign_keys_off(foreign_keys_off const&) = delete;
    foreign_keys_off& operator=(foreign_keys_off const&) = delete;

private:
    database& db_;
    bool was_on_;
};

std::string describe(migration const& step) {
    return "migration " + std::to_string(step.version) + " (" + std::string(step.description) + ")";
}

void apply(database& db, migration const& step) {
    transaction tx(db, begin_mode::immediate);
    // Another process may have migrated between our first look and taking the write lock.
    if (schema_version(db) >= step.version)
        return;
    try {
        db.exec(step.sql);
    } catch (sqlite_error const& e) {
        throw sqlite_error(e.code(), describe(step) + " failed: " + e.what());
    }
    if (db.prepare("PRAGMA foreign_key_check").step())
        throw std::runtime_error(describe(step) + " left rows that break a foreign key");
    db.exec("PRAGMA user_version = " + std::to_string(step.version));
    tx.commit();
}

} // namespace

schema_too_new::schema_too_new(std::filesystem::path const& file, int found, int supported)
    : std::runtime_error("database " + file.string() + " has schema version " +
                         std::to_string(found) + " but this phongthi understands up to " +
                         std::to_string(supported) +
                         ": upgrade phongthi (or restore a backup made by this version)"),
      found_(found), supported_(supported) {}

int latest_schema_version() {
    return migrations().back().version;
}

int schema_version(database& db) {
    return pragma_int(db, "PRAGMA user_version");
}

void migrate(database& db) {
    migrate_to(db, latest_schema_version());
}

void migrate_to(database& db, int version) {
    int const latest = latest_schema_version();
    int const current = schema_version(db);
    if (current > latest)
        throw schema_too_new(db.file(), current, latest);
    if (current >= version)
        return;

    foreign_keys_off const guard(db);
    for (auto const& step : migrations()) {
        if (step.version > current && step.version <= version)
            apply(db, step);
    }
    if (int const reached = schema_version(db); reached > latest)
        throw schema_too_new(db.file(), reached, latest);
}

} // namespace phongthi::store
