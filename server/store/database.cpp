#include "server/store/database.hpp"

#include <sqlite3.h>

namespace phongthi::store {

namespace {

[[noreturn]] void throw_error(sqlite3* db, int code, std::string_view context) {
    std::string what(context);
    what += ": ";
    what += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    throw sqlite_error(db != nullptr ? sqlite3_extended_errcode(db) : code, what);
}

int flags_for(open_mode mode) {
    switch (mode) {
    case open_mode::read_write_create:
        return SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    case open_mode::read_write:
        return SQLITE_OPEN_READWRITE;
    case open_mode::read_only:
        return SQLITE_OPEN_READONLY;
    }
    return SQLITE_OPEN_READONLY;
}

} // namespace

bool sqlite_error::is_unique_violation() const noexcept {
    return code_ == SQLITE_CONSTRAINT_UNIQUE || code_ == SQLITE_CONSTRAINT_PRIMARYKEY;
}

database::database(std::filesystem::path const& file, open_mode mode) : file_(file) {
    // NOMUTEX: each connection is confined to one thread by design.
    int const rc =
        sqlite3_open_v2(file.c_str(), &db_, flags_for(mode) | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string what = "cannot open database " + file.string() + ": " +
                           (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw sqlite_error(rc, what);
    }
    if (mode != open_mode::read_only && sqlite3_db_readonly(db_, "main") == 1) {
        // SQLite quietly opens a write-protected file read-only; every write would then fail.
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw sqlite_error(SQLITE_READONLY,
                           "không ghi được vào cơ sở dữ liệu " + file.string() +
                               ": tệp chỉ đọc hoặc ổ đĩa gắn chỉ đọc; PhòngThi cần quyền ghi vào "
                               "tệp và thư mục của nó (the database file is read-only)");
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
}

database::~database() {
    cache_.clear();
    sqlite3_close_v2(db_);
}

void database::exec(std::string_view sql) {
    std::string const text(sql);
    char* message = nullptr;
    int const rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        std::string what = message != nullptr ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw sqlite_error(sqlite3_extended_errcode(db_), "exec failed: " + what);
    }
}

statement database::prepare(std::string_view sql) {
    return statement(*this, sql);
}

statement& database::cached(std::string_view sql) {
    if (auto found = cache_.find(sql); found != cache_.end()) {
        found->second->reset();
        return *found->second;
    }
    auto compiled = std::make_unique<statement>(*this, sql);
    return *cache_.emplace(std::string(sql), std::move(compiled)).first->second;
}

bool database::in_transaction() const noexcept {
    return sqlite3_get_autocommit(db_) == 0;
}

void database::reset_statements() noexcept {
    for (sqlite3_stmt* s = sqlite3_next_stmt(db_, nullptr); s != nullptr;
         s = sqlite3_next_stmt(db_, s)) {
        if (sqlite3_stmt_busy(s) != 0)
            sqlite3_reset(s);
    }
}

std::int64_t database::last_insert_rowid() const noexcept {
    return sqlite3_last_insert_rowid(db_);
}

int database::changes() const noexcept {
    return sqlite3_changes(db_);
}

statement::statement(database& db, std::string_view sql) : db_(&db) {
    int const rc = sqlite3_prepare_v3(db.handle(), sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK)
        throw_error(db.handle(), rc, "prepare failed for \"" + std::string(sql) + "\"");
}

statement::~statement() {
    sqlite3_finalize(stmt_);
}

statement::statement(statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
}

statement& statement::bind(int index, std::int64_t value) {
    if (int rc = sqlite3_bind_int64(stmt_, index, value); rc != SQLITE_OK)
        throw_error(db_->handle(), rc, "bind failed");
    return *this;
}

statement& statement::bind(int index, double value) {
    if (int rc = sqlite3_bind_double(stmt_, index, value); rc != SQLITE_OK)
        throw_error(db_->handle(), rc, "bind failed");
    return *this;
}

statement& statement::bind(int index, std::string_view text) {
    // An empty view may have no data pointer, which SQLite would store as NULL, not ''.
    char const* const data = text.data() != nullptr ? text.data() : "";
    int const rc = sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK)
        throw_error(db_->handle(), rc, "bind failed");
    return *this;
}

statement& statement::bind_blob(int index, std::string_view bytes) {
    int const rc = sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        throw_error(db_->handle(), rc, "bind failed");
    return *this;
}

statement& statement::bind(int index, std::nullptr_t) {
    if (int rc = sqlite3_bind_null(stmt_, index); rc != SQLITE_OK)
        throw_error(db_->handle(), rc, "bind failed");
    return *this;
}

bool statement::step() {
    int const rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    std::string const sql = sqlite3_sql(stmt_);
    sqlite3_reset(stmt_);
    throw_error(db_->handle(), rc, "step failed for \"" + sql + "\"");
}

void statement::run() {
    while (step()) {
    }
    reset();
}

void statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t statement::column_int64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double statement::column_double(int column) const {
    return sqlite3_column_double(stmt_, column);
}

std::string statement::column_blob(int column) const {
    auto const* bytes = static_cast<char const*>(sqlite3_column_blob(stmt_, column));
    if (bytes == nullptr)
        return {};
    return std::string(bytes, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string statement::column_text(int column) const {
    auto const* text = sqlite3_column_text(stmt_, column);
    if (text == nullptr)
        return {};
    return std::string(reinterpret_cast<char const*>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

transaction::transaction(database& db, begin_mode mode) : db_(db) {
    db_.exec(mode == begin_mode::immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

transaction::~transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (sqlite_error const&) {
            // The transaction may already be gone (e.g. rolled back by SQLite); nothing to undo.
        }
    }
}

void transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

} // namespace phongthi::store
