#pragma once

#include "server/store/database.hpp"
#include "tests/support/temp_dir.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace phongthi::store::test {

using phongthi::test::temp_dir;

/// Creates `file` in WAL mode and runs `sql` on it.
inline void create_database(std::filesystem::path const& file, std::string_view sql) {
    database db(file, open_mode::read_write_create);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec(sql);
}

/// The first column of the first row of `sql`, read through a fresh read-only connection.
inline std::int64_t query_int(std::filesystem::path const& file, std::string_view sql) {
    database db(file, open_mode::read_only);
    auto query = db.prepare(sql);
    return query.step() ? query.column_int64(0) : -1;
}

/// The first column of the first row of `sql` on an open connection.
inline std::int64_t query_int(database& db, std::string_view sql) {
    auto query = db.prepare(sql);
    return query.step() ? query.column_int64(0) : -1;
}

/// Unix milliseconds now, as the schema stores times.
inline std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace phongthi::store::test
