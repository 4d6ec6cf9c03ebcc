#pragma once

#include "server/store/database.hpp"

#include <filesystem>
#include <stdexcept>

namespace phongthi::store {

/// Thrown by migrate() when the file was written by a newer phongthi than this one.
class schema_too_new : public std::runtime_error {
public:
    schema_too_new(std::filesystem::path const& file, int found, int supported);
    /// The schema version recorded in the file.
    int found() const noexcept { return found_; }
    /// The newest schema version this binary knows.
    int supported() const noexcept { return supported_; }

private:
    int found_;
    int supported_;
};

/// The version the last known migration brings a database to. Callable from any thread.
int latest_schema_version();

/// The schema version recorded in the file (PRAGMA user_version); 0 for a new file.
/// From the thread that owns `db`.
int schema_version(database& db);

/// Brings `db` to latest_schema_version(), applying each missing migration in its own
/// IMMEDIATE transaction together with its user_version bump; a no-op when already current.
/// Throws schema_too_new when the file is newer than this binary, sqlite_error when a
/// migration fails (that migration is rolled back; earlier ones stay). Foreign keys are
/// switched off while migrating (so a later migration may rebuild a table), checked with
/// PRAGMA foreign_key_check before each commit, then restored. Call once at start-up, from
/// the thread that owns `db`, with no transaction open.
void migrate(database& db);

/// migrate() that stops at schema `version` (at most latest_schema_version()): a database as an
/// older phongthi left it, for the tests of upgrades. Same rules and thread as migrate().
void migrate_to(database& db, int version);

} // namespace phongthi::store
