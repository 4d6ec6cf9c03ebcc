// `phongthi restore` puts a backup back in place of the database with the server stopped, keeping
// the replaced database; it refuses a damaged, foreign or newer file and a running server's data;
// `serve --backup-every` makes backups on its own and keeps only the newest N.
#include "tests/integration/client.hpp"
#include "tests/integration/server_process.hpp"

#include "server/store/database.hpp"
#include "server/store/migrations.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

namespace phongthi::test {
namespace {

namespace fs = std::filesystem;

/// The rows that matter to these tests, as one text: the units and the accounts.
std::string restore_test_rows(fs::path const& file) {
    store::database db(file, store::open_mode::read_only);
    std::string rows;
    for (char const* sql :
         {"SELECT group_concat(id || '|' || code || '|' || name, ';') FROM "
          "(SELECT * FROM units ORDER BY id)",
          "SELECT group_concat(id || '|' || username || '|' || disabled || '|' || password_hash, "
          "';') FROM (SELECT * FROM users ORDER BY id)"}) {
        auto query = db.prepare(sql);
        EXPECT_TRUE(query.step());
        rows += query.column_text(0) + "\n";
    }
    return rows;
}

/// The files of `folder` whose names start with `prefix`.
std::vector<std::string> restore_test_files(fs::path const& folder, std::string const& prefix) {
    std::vector<std::string> names;
    for (auto const& entry : fs::directory_iterator(folder))
        if (entry.path().filename().string().starts_with(prefix))
            names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string restore_test_bytes(fs::path const& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class Restore : public testing::Test {
protected:
    fs::path data() const { return dir_.path() / "data"; }
    fs::path database() const { return data() / "phongthi.db"; }

    command_result phongthi(std::vector<std::string> args) {
        args.push_back("--data");
        args.push_back(data().string());
        return run_phongthi(args);
    }
    void ok(std::vector<std::string> args) {
        auto const result = phongthi(std::move(args));
        EXPECT_EQ(result.exit_code, 0) << result.err;
    }
    /// A backup of a stopped demo server's data (with one unit added), at `file`.
    void make_backup(fs::path const& file) {
        server_process server(data(), true);
        ok({"unit", "add", "--code", "TRUOC", "--name", "Đơn vị có trong bản sao lưu"});
        ok({"backup", "--to", file.string()});
        EXPECT_EQ(server.stop(SIGTERM), 0);
    }
    /// `restore FILE --yes` must fail naming FILE and `why`, leaving the database as it was.
    void expect_refused(fs::path const& file, std::string const& why) {
        auto const before = restore_test_bytes(database());
        auto const result = phongthi({"restore", file.string(), "--yes"});
        EXPECT_EQ(result.exit_code, 1) << result.out;
        EXPECT_NE(result.err.find(file.string()), std::string::npos) << result.err;
        EXPECT_NE(result.err.find(why), std::string::npos) << result.err;
        EXPECT_EQ(restore_test_bytes(database()), before);
        EXPECT_TRUE(restore_test_files(data(), "phongthi.db.").empty());
    }

    temp_dir dir_;
};

TEST_F(Restore, PutsTheBackupBackAndKeepsTheReplacedDatabase) {
    auto const backup = dir_.path() / "truoc.db";
    make_backup(backup);
    std::string const saved = restore_test_rows(backup);
    {
        server_process server(data(), true);
        ok({"unit", "add", "--code", "SAU", "--name", "Đơn vị thêm sau sao lưu"});
        ok({"user", "disable", "--username", "giangvien"});
        EXPECT_EQ(server.stop(SIGTERM), 0);
    }
    std::string const changed = restore_test_rows(database());
    ASSERT_NE(changed, saved);

    auto const restored = phongthi({"restore", backup.string(), "--yes"});
    ASSERT_EQ(restored.exit_code, 0) << restored.err;
    auto const kept = restore_test_files(data(), "phongthi.db.before-restore-");
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(restore_test_rows(data() / kept[0]), changed);
    EXPECT_NE(restored.out.find(kept[0]), std::string::npos) << restored.out;

    server_process server(data(), false);
    auto const login =
        http_call(server.port(), "POST", "/api/login",
                  nlohmann::json{{"username", "giangvien"}, {"password", "giangvien2026"}}.dump(),
                  {{"Content-Type", "application/json"}});
    EXPECT_EQ(login.status, 200) << "the account disabled after the backup is enabled again";
    EXPECT_EQ(server.stop(SIGTERM), 0);
    EXPECT_EQ(restore_test_rows(database()), saved);
}

TEST_F(Restore, RefusesADamagedForeignOrNewerFileLeavingTheDataAlone) {
    auto const backup = dir_.path() / "good.db";
    make_backup(backup);
    auto const good = restore_test_bytes(backup);

    auto const text = dir_.path() / "notes.db";
    std::ofstream(text) << "đây không phải cơ sở dữ liệu\n";
    expect_refused(text, "not a readable SQLite database");

    auto const damaged = dir_.path() / "damaged.db";
    std::string bytes = good;
    ASSERT_GT(bytes.size(), 5u * 4096u);
    std::fill(bytes.begin() + 2 * 4096, bytes.begin() + 5 * 4096, '\xA5');
    std::ofstream(damaged, std::ios::binary) << bytes;
    auto const result = phongthi({"restore", damaged.string(), "--yes"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_TRUE(result.err.find("damaged") != std::string::npos ||
                result.err.find("not a readable SQLite database") != std::string::npos)
        << result.err;
    expect_refused(damaged, damaged.string());

    auto const newer = dir_.path() / "newer.db";
    std::ofstream(newer, std::ios::binary) << good;
    {
        store::database db(newer, store::open_mode::read_write);
        db.exec("PRAGMA user_version = " + std::to_string(store::latest_schema_version() + 1));
    }
    expect_refused(newer, "newer phongthi");

    auto const empty = dir_.path() / "empty.db";
    store::database(empty, store::open_mode::read_write_create).exec("CREATE TABLE t (x)");
    expect_refused(empty, "not a PhongThi database");
    expect_refused(dir_.path() / "missing.db", "no such file");

    auto const unconfirmed = phongthi({"restore", backup.string()});
    EXPECT_EQ(unconfirmed.exit_code, 1) << "stdin is empty: no yes";
    EXPECT_NE(unconfirmed.err.find("cancelled"), std::string::npos) << unconfirmed.err;
}

TEST_F(Restore, RefusesWhileTheServerRuns) {
    auto const backup = dir_.path() / "b.db";
    make_backup(backup);
    server_process server(data(), false);
    auto const result = phongthi({"restore", backup.string(), "--yes"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("in use by another phongthi process"), std::string::npos)
        << result.err;
    EXPECT_TRUE(restore_test_files(data(), "phongthi.db.").empty());

    auto const second = run_phongthi({"serve", "--port", "0", "--data", data().string()});
    EXPECT_EQ(second.exit_code, 1) << "a second server on the same data is refused";
    EXPECT_EQ(server.stop(SIGTERM), 0);
}

TEST_F(Restore, ScheduledBackupsKeepTheNewestN) {
    auto const folder = data() / "backups";
    fs::create_directories(folder);
    std::ofstream(folder / "ghi-chu.txt") << "not a backup";
    std::ofstream(folder / "phongthi-cua-toi.db") << "not a backup name either";
    server_process server(data(), true, {"--backup-every-seconds", "1", "--backup-keep", "2"});
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    auto made = [&] {
        std::size_t count = 0;
        for (auto at = server.log().find("backup.made"); at != std::string::npos;
             at = server.log().find("backup.made", at + 1))
            ++count;
        return count;
    };
    while (made() < 4 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(server.stop(SIGTERM), 0);
    EXPECT_GE(made(), 4u) << server.log();
    EXPECT_NE(server.log().find("backup.pruned"), std::string::npos);

    auto const names = restore_test_files(folder, "");
    ASSERT_EQ(names.size(), 4u) << "two backups and the two foreign files";
    EXPECT_EQ(names[0], "ghi-chu.txt");
    EXPECT_EQ(names[3], "phongthi-cua-toi.db");
    for (auto const& name : {names[1], names[2]}) {
        EXPECT_TRUE(name.starts_with("phongthi-2")) << name;
        store::database copy(folder / name, store::open_mode::read_only);
        EXPECT_TRUE(copy.prepare("SELECT 1 FROM users WHERE username = 'admin'").step());
    }
}

} // namespace
} // namespace phongthi::test
