#include "server/store/backup.hpp"

#include "server/store/database.hpp"
#include "server/store/file_sync.hpp"

#include <atomic>
#include <chrono>
#include <optional>
#include <sqlite3.h>
#include <string>
#include <thread>
#include <unistd.h>

namespace phongthi::store {

namespace {

using namespace std::chrono_literals;

/// Copied per step: 1 MiB with 4 KiB pages, small enough that the disk stays free for the
/// server's commits in between.
constexpr int pages_per_step = 256;
constexpr auto pause_between_steps = 2ms;
constexpr auto pause_when_busy = 20ms;
/// Gives up after this many busy steps in a row (30 s).
constexpr int max_busy_steps = 1500;

std::filesystem::path temporary_beside(std::filesystem::path const& target) {
    static std::atomic<unsigned> counter{0};
    auto name = target.filename().string() + ".partial-" + std::to_string(::getpid()) + "-" +
                std::to_string(counter.fetch_add(1));
    return target.parent_path() / name;
}

void remove_with_sidecars(std::filesystem::path const& file) noexcept {
    for (char const* suffix : {"", "-journal", "-wal", "-shm"}) {
        std::error_code ignored;
        std::filesystem::remove(file.string() + suffix, ignored);
    }
}

std::string journal_mode(database& db) {
    auto query = db.prepare("PRAGMA journal_mode");
    return query.step() ? query.column_text(0) : std::string();
}

void copy_pages(database& from, database& to) {
    sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (backup == nullptr)
        throw sqlite_error(sqlite3_extended_errcode(to.handle()),
                           std::string("cannot start backup: ") + sqlite3_errmsg(to.handle()));
    int rc = SQLITE_OK;
    int busy_steps = 0;
    for (;;) {
        rc = sqlite3_backup_step(backup, pages_per_step);
        if (rc == SQLITE_OK) {
            busy_steps = 0;
            std::this_thread::sleep_for(pause_between_steps);
        } else if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++busy_steps < max_busy_steps) {
            std::this_thread::sleep_for(pause_when_busy);
        } else {
            break;
        }
    }
    int const finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        throw sqlite_error(rc, std::string("backup step failed: ") + sqlite3_errstr(rc));
    if (finished != SQLITE_OK)
        throw sqlite_error(sqlite3_extended_errcode(to.handle()),
                           std::string("backup failed: ") + sqlite3_errmsg(to.handle()));
}

void check_integrity(std::filesystem::path const& file) {
    database copy(file, open_mode::read_only);
    auto check = copy.prepare("PRAGMA integrity_check");
    std::string report;
    while (check.step()) {
        if (!report.empty())
            report += "; ";
        report += check.column_text(0);
    }
    if (report != "ok")
        throw std::runtime_error("backup " + file.string() + " fails integrity_check: " + report);
}

} // namespace

void backup_database(std::filesystem::path const& source, std::filesystem::path const& target) {
    if (std::error_code ec; std::filesystem::equivalent(source, target, ec))
        throw std::invalid_argument("backup target " + target.string() + " is the source itself");

    // Read-write only so that, when nobody else has the file open, closing it removes the -wal
    // and -shm it created; query_only keeps this connection from ever writing.
    database from(source, open_mode::read_write);
    from.exec("PRAGMA query_only = ON");
    // In WAL mode a read transaction held across all steps pins one snapshot without blocking
    // the writer, so the copy never restarts however busy the server is.
    std::optional<transaction> snapshot;
    if (journal_mode(from) == "wal") {
        snapshot.emplace(from, begin_mode::deferred);
        from.exec("SELECT count(*) FROM sqlite_schema");
    }

    auto const temporary = temporary_beside(target);
    try {
        {
            database to(temporary, open_mode::read_write_create);
            copy_pages(from, to);
            to.exec("PRAGMA journal_mode = DELETE");
        }
        snapshot.reset();
        check_integrity(temporary);
        std::filesystem::rename(temporary, target);
    } catch (...) {
        remove_with_sidecars(temporary);
        throw;
    }
    sync_directory(target.parent_path().empty() ? "." : target.parent_path());
}

} // namespace phongthi::store
