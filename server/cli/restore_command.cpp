#include "server/api/api_support.hpp"
#include "server/backups/material_copy.hpp"
#include "server/cli/cli_support.hpp"
#include "server/cli/commands.hpp"
#include "server/course/material_files.hpp"
#include "server/store/data_dir_lock.hpp"
#include "server/store/data_store.hpp"
#include "server/store/database.hpp"
#include "server/store/file_sync.hpp"
#include "server/store/migrations.hpp"

#include <iostream>
#include <optional>
#include <string>

namespace phongthi::server {

namespace {

namespace fs = std::filesystem;

/// An error naming `file` and what is wrong with it, in Vietnamese then English.
std::runtime_error not_restorable(fs::path const& file, std::string const& vi,
                                  std::string const& en) {
    return std::runtime_error("không khôi phục được từ " + file.string() + ": " + vi +
                              " / cannot restore from " + file.string() + ": " + en);
}

/// What a candidate backup file holds, as far as restore cares.
struct restore_source_facts {
    std::string integrity;
    int version = 0;
    bool has_users = false;
};

restore_source_facts read_restore_source(fs::path const& file) {
    restore_source_facts facts;
    store::database db(file, store::open_mode::read_only);
    auto check = db.prepare("PRAGMA integrity_check");
    while (check.step())
        facts.integrity += (facts.integrity.empty() ? "" : "; ") + check.column_text(0);
    facts.version = store::schema_version(db);
    facts.has_users =
        db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'users'").step();
    return facts;
}

/// Throws, naming the file and the fault, unless `file` is a sound PhongThi database that this
/// binary can open (not newer than it); returns its schema version.
int check_restore_source(fs::path const& file) {
    if (!fs::is_regular_file(file))
        throw not_restorable(file, "không có tệp này", "no such file");
    restore_source_facts facts;
    try {
        facts = read_restore_source(file);
    } catch (store::sqlite_error const& e) {
        throw not_restorable(
            file, "không phải cơ sở dữ liệu SQLite đọc được (" + std::string(e.what()) + ")",
            "not a readable SQLite database (" + std::string(e.what()) + ")");
    }
    if (facts.integrity != "ok")
        throw not_restorable(file, "tệp bị hỏng (integrity_check: " + facts.integrity + ")",
                             "the file is damaged (integrity_check: " + facts.integrity + ")");
    if (facts.version == 0 || !facts.has_users)
        throw not_restorable(file, "không phải cơ sở dữ liệu PhòngThi", "not a PhongThi database");
    int const latest = store::latest_schema_version();
    if (facts.version > latest) {
        auto const versions = std::to_string(facts.version) + " > " + std::to_string(latest);
        throw not_restorable(file,
                             "được tạo bởi phongthi mới hơn (phiên bản lược đồ " + versions +
                                 "); hãy nâng cấp phongthi",
                             "written by a newer phongthi (schema version " + versions +
                                 "); upgrade phongthi");
    }
    return facts.version;
}

/// `stem` + "-STAMP" (UTC), with "-2", "-3"... when that name is taken.
fs::path free_name(fs::path const& stem) {
    std::string stamp;
    for (char const c : iso_utc(now_ms()))
        if ((c >= '0' && c <= '9') || c == 'T')
            stamp += c == 'T' ? '-' : c;
    fs::path name = stem.string() + "-" + stamp;
    for (int n = 2; fs::exists(name); ++n)
        name = stem.string() + "-" + stamp + "-" + std::to_string(n);
    return name;
}

/// Moves the current database aside as phongthi.db.before-restore-STAMP (never deleted), its
/// write-ahead log folded in first or, when that fails, kept beside it; removes its -shm.
fs::path keep_current(fs::path const& database_file) {
    try {
        store::database db(database_file, store::open_mode::read_write);
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (std::exception const&) {
        // A damaged file is kept as it is, with its log: that is what a restore is for.
    }
    auto const kept = free_name(database_file.string() + ".before-restore");
    fs::rename(database_file, kept);
    fs::path const wal = database_file.string() + "-wal";
    if (std::error_code ec; fs::exists(wal) && fs::file_size(wal, ec) > 0)
        fs::rename(wal, kept.string() + "-wal");
    for (char const* suffix : {"-wal", "-shm"})
        fs::remove(database_file.string() + suffix);
    return kept;
}

bool confirmed(fs::path const& file, fs::path const& database_file) {
    std::cout << "Thay cơ sở dữ liệu " << database_file.string() << " bằng bản sao lưu "
              << file.string() << "? Gõ yes để tiếp tục / Replace the database with this backup? "
              << "Type yes to continue: " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "yes";
}

} // namespace

int run_restore(int argc, char** argv, int first) {
    fs::path const file = positional(argc, argv, first, "the backup file");
    command_args const args(argc, argv, first + 1, {"data"}, {"yes"});
    auto const data_dir = data_dir_of(args);
    auto const database_file = data_dir / store::data_store::file_name;
    store::data_dir_lock const lock(data_dir);
    int const version = check_restore_source(file);
    if (!args.flag("yes") && !confirmed(file, database_file))
        throw std::runtime_error("đã huỷ, không thay đổi gì / cancelled, nothing changed");

    // The backup is copied next to the database and made durable first, so that a failure
    // before the rename leaves the current database in place.
    fs::path const incoming = database_file.string() + ".restoring";
    fs::copy_file(file, incoming, fs::copy_options::overwrite_existing);
    try {
        store::sync_file(incoming);
    } catch (...) {
        fs::remove(incoming);
        throw;
    }
    std::optional<fs::path> kept;
    if (fs::exists(database_file))
        kept = keep_current(database_file);
    fs::rename(incoming, database_file);
    store::sync_directory(data_dir);
    {
        store::database db(database_file, store::open_mode::read_write);
        store::migrate(db);
    }
    std::cout << "đã khôi phục / restored " << file.string() << " -> " << database_file.string()
              << " (lược đồ / schema " << version << " -> " << store::latest_schema_version()
              << ")\n";
    if (kept)
        std::cout << "cơ sở dữ liệu cũ giữ tại / the previous database is kept as "
                  << kept->string() << "\n";
    auto const materials = material_copy::beside(file);
    if (auto const added =
            material_copy::add_missing(materials, material_files::directory_of(data_dir)))
        std::cout << "tài liệu học tập / course materials: " << added << " từ / from "
                  << materials.string() << "\n";
    return 0;
}

} // namespace phongthi::server
