#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace phongthi::store {

/// Thrown for every SQLite failure; carries SQLite's extended result code.
class sqlite_error : public std::runtime_error {
public:
    sqlite_error(int code, std::string const& what) : std::runtime_error(what), code_(code) {}
    int code() const noexcept { return code_; }
    /// True when the failure is a UNIQUE/PRIMARY KEY constraint violation.
    bool is_unique_violation() const noexcept;

private:
    int code_;
};

class statement;

/// How a connection is opened.
enum class open_mode { read_write_create, read_write, read_only };

/// One SQLite connection (RAII). Not thread-safe: a connection belongs to one thread at a time.
class database {
public:
    database(std::filesystem::path const& file, open_mode mode);
    ~database();
    database(database const&) = delete;
    database& operator=(database const&) = delete;

    /// Runs one or more SQL statements that return no rows.
    void exec(std::string_view sql);
    /// Compiles one statement for repeated use.
    statement prepare(std::string_view sql);
    /// The connection's own compiled copy of `sql`, compiled on first use and reset for reuse on
    /// every call. Valid until the connection closes; do not hold two uses of the same text at
    /// once.
    statement& cached(std::string_view sql);

    /// True while a transaction is open (SQLite may end one by itself after some errors).
    bool in_transaction() const noexcept;
    /// Resets every statement of this connection that is mid-step, so none holds a read open.
    void reset_statements() noexcept;

    std::int64_t last_insert_rowid() const noexcept;
    int changes() const noexcept;
    sqlite3* handle() const noexcept { return db_; }
    std::filesystem::path const& file() const noexcept { return file_; }

private:
    /// Lets the statement cache be searched with a string_view without building a string.
    struct text_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const noexcept {
            return std::hash<std::string_view>{}(text);
        }
    };

    sqlite3* db_ = nullptr;
    std::filesystem::path file_;
    std::unordered_map<std::string, std::unique_ptr<statement>, text_hash, std::equal_to<>> cache_;
};

/// A prepared statement (RAII). Bind indices are 1-based, column indices 0-based, as in SQLite.
class statement {
public:
    statement(database& db, std::string_view sql);
    ~statement();
    statement(statement&& other) noexcept;
    statement& operator=(statement&&) = delete;
    statement(statement const&) = delete;
    statement& operator=(statement const&) = delete;

    statement& bind(int index, std::int64_t value);
    statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    statement& bind(int index, double value);
    statement& bind(int index, std::string_view text);
    statement& bind(int index, char const* text) { return bind(index, std::string_view(text)); }
    statement& bind(int index, std::nullptr_t);
    /// Binds bytes as a BLOB (text binds as TEXT).
    statement& bind_blob(int index, std::string_view bytes);
    /// Binds every argument in order, starting at index 1.
    template <class... Args> statement& bind_all(Args const&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    /// Advances to the next row; false when done. Throws sqlite_error on failure.
    bool step();
    /// Runs a statement that returns no rows, then resets it for reuse.
    void run();
    /// Rewinds the statement and clears its bindings.
    void reset();

    bool is_null(int column) const;
    std::int64_t column_int64(int column) const;
    double column_double(int column) const;
    std::string column_text(int column) const;
    std::string column_blob(int column) const;

private:
    database* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

/// How a transaction takes its lock.
enum class begin_mode { deferred, immediate };

/// BEGIN on construction, ROLLBACK on destruction unless commit() was called.
class transaction {
public:
    explicit transaction(database& db, begin_mode mode = begin_mode::immediate);
    ~transaction();
    transaction(transaction const&) = delete;
    transaction& operator=(transaction const&) = delete;
    void commit();

private:
    database& db_;
    bool done_ = false;
};

} // namespace phongthi::store
