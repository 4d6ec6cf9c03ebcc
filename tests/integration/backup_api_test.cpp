// "Backup now" from the browser: an administrator makes a backup of the live database, lists the
// backups and downloads one; nobody else may, and only backup files are ever served.
#include "tests/integration/fixture.hpp"

#include "server/store/database.hpp"

#include <fstream>

namespace phongthi::test {
namespace {

using BackupApi = DemoServer;

TEST_F(BackupApi, AdminMakesListsAndDownloadsAConsistentCopy) {
    auto const admin = token_of("admin", admin_password);
    auto const made = call("POST", "/api/backups", admin, json::object());
    ASSERT_EQ(made.status, 201) << made.body;
    auto const backup = json::parse(made.body)["backup"];
    std::string const name = backup["name"];
    EXPECT_TRUE(name.starts_with("phongthi-") && name.ends_with(".db")) << name;
    EXPECT_GT(backup["bytes"].get<std::int64_t>(), 0);

    auto const file = data_dir() / "backups" / name;
    {
        store::database copy(file, store::open_mode::read_only);
        auto users = copy.prepare("SELECT count(*) FROM users WHERE username = 'admin'");
        ASSERT_TRUE(users.step());
        EXPECT_EQ(users.column_int64(0), 1);
    }
    auto const second = call("POST", "/api/backups", admin, json::object());
    ASSERT_EQ(second.status, 201);
    auto const list = json::parse(call("GET", "/api/backups", admin).body)["backups"];
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0]["name"], json::parse(second.body)["backup"]["name"]) << "newest first";

    auto const download = call("GET", "/api/backups/" + name, admin);
    ASSERT_EQ(download.status, 200);
    EXPECT_EQ(download.body.substr(0, 16), std::string("SQLite format 3\0", 16));
    EXPECT_EQ(download.body.size(), backup["bytes"].get<std::size_t>());

    phongthi::store::database db(data_dir() / "phongthi.db", phongthi::store::open_mode::read_only);
    auto audit = db.prepare("SELECT count(*) FROM audit_log WHERE action = 'backup.create'");
    ASSERT_TRUE(audit.step());
    EXPECT_EQ(audit.column_int64(0), 2);
}

TEST_F(BackupApi, OnlyBackupFilesAndOnlyForAdministrators) {
    auto const admin = token_of("admin", admin_password);
    EXPECT_EQ(call("GET", "/api/backups/phongthi.db", admin).status, 404);
    EXPECT_EQ(call("GET", "/api/backups/..%2Fphongthi.db", admin).status, 404);
    EXPECT_EQ(call("GET", "/api/backups/phongthi-20260101-000000.db", admin).status, 404);
    auto const lecturer = token_of("giangvien", "giangvien2026");
    EXPECT_EQ(call("POST", "/api/backups", lecturer, json::object()).status, 403);
    EXPECT_EQ(call("GET", "/api/backups", lecturer).status, 403);
}

} // namespace
} // namespace phongthi::test
