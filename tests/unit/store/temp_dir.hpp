#pragma once

#include "server/store/database.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

namespace phongthi::store::test {

/// A fresh directory under the system temporary directory, removed with its contents when the
/// object goes out of scope.
class temp_dir {
public:
    temp_dir() {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() /
                ("phongthi-store-test-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~temp_dir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    temp_dir(temp_dir const&) = delete;
    temp_dir& operator=(temp_dir const&) = delete;

    std::filesystem::path const& path() const { return path_; }
    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

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
