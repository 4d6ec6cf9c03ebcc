// "Backup now" from the browser: an administrator makes a backup of the live database, lists the
// backups and downloads one; nobody else may, and only backup files are ever served. The
// schedule of automatic backups is changed from the page or the CLI while the server runs.
#include "tests/integration/fixture.hpp"

#include "server/store/database.hpp"

#include <chrono>
#include <fstream>
#include <thread>

namespace phongthi::test {
namespace {

using BackupApi = DemoServer;

/// A server backing up every second, keeping 2, until the admin says otherwise.
class BackupSchedule : public DemoServer {
protected:
    BackupSchedule()
        : DemoServer({}, {"--backup-every-seconds", "1", "--backup-keep", "2"}),
          admin_(token_of("admin", admin_password)) {}

    json schedule() {
        auto const got = call("GET", "/api/backups", admin_);
        EXPECT_EQ(got.status, 200) << got.body;
        return json::parse(got.body)["schedule"];
    }

    http_result put_schedule(json const& body) {
        return call("PUT", "/api/settings/backup-schedule", admin_, body);
    }

    /// Waits (bounded) for a scheduled backup after the one named `last`.
    bool wait_for_next_backup(json const& last) {
        auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (std::chrono::steady_clock::now() < deadline) {
            if (schedule()["last_name"] != last)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }

    std::string admin_;
};

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

TEST_F(BackupSchedule, TheAdminChangesItLiveAndAResetBringsBackTheServeOptions) {
    auto const start = schedule();
    EXPECT_EQ(start["source"], "options");
    EXPECT_EQ(start["keep"], 2);
    EXPECT_EQ(start["options"]["keep"], 2);
    EXPECT_FALSE(start["next_at"].is_null());
    ASSERT_TRUE(wait_for_next_backup(nullptr));

    auto const off = put_schedule({{"every_minutes", 0}, {"keep", 5}});
    ASSERT_EQ(off.status, 200) << off.body;
    auto const stored = json::parse(off.body)["schedule"];
    EXPECT_EQ(stored["source"], "settings");
    EXPECT_EQ(stored["every_minutes"], 0);
    EXPECT_EQ(stored["keep"], 5);
    EXPECT_TRUE(stored["next_at"].is_null());
    EXPECT_FALSE(stored["last_at"].is_null());
    std::this_thread::sleep_for(std::chrono::milliseconds(500)); // one already under way ends
    auto const last_while_off = schedule()["last_name"];
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    EXPECT_EQ(schedule()["last_name"], last_while_off) << "backups went on while it was off";

    auto const hourly = put_schedule({{"every_minutes", 60}, {"keep", 5}});
    ASSERT_EQ(hourly.status, 200) << hourly.body;
    auto const next = json::parse(hourly.body)["schedule"]["next_at"];
    ASSERT_TRUE(next.is_string()) << hourly.body;
    EXPECT_GT(next.get<std::string>(),
              json::parse(hourly.body)["schedule"]["last_at"].get<std::string>());

    for (auto const& [body, field] :
         {std::pair{json{{"every_minutes", 10081}, {"keep", 5}}, "every_minutes"},
          std::pair{json{{"every_minutes", "30"}, {"keep", 5}}, "every_minutes"},
          std::pair{json{{"every_minutes", 30}, {"keep", 0}}, "keep"},
          std::pair{json{{"every_minutes", 30}, {"keep", 5}, {"at", "02:00"}}, "at"}}) {
        auto const refused = put_schedule(body);
        EXPECT_EQ(refused.status, 400) << body;
        EXPECT_EQ(json::parse(refused.body)["error"]["field"], field) << refused.body;
    }
    EXPECT_EQ(call("PUT", "/api/settings/backup-schedule", token_of("giangvien", "giangvien2026"),
                   {{"every_minutes", 0}, {"keep", 1}})
                  .status,
              403);

    auto const reset = call("DELETE", "/api/settings/backup-schedule", admin_);
    ASSERT_EQ(reset.status, 200) << reset.body;
    EXPECT_EQ(json::parse(reset.body)["schedule"]["source"], "options");
    EXPECT_TRUE(wait_for_next_backup(last_while_off)) << "the serve options did not resume";

    auto const audit =
        json::parse(call("GET", "/api/audit?action=settings.backup_schedule", admin_).body)["rows"];
    EXPECT_EQ(audit.size(), 3u) << audit;
}

TEST_F(BackupSchedule, TheCliSetsItInTheDataDirectoryWhileTheServerRuns) {
    auto const data = data_dir().string();
    auto const set = run_phongthi(
        {"settings", "backup-schedule", "--every", "30", "--keep", "7", "--data", data});
    ASSERT_EQ(set.exit_code, 0) << set.err;
    EXPECT_NE(set.out.find("\"every_minutes\": 30"), std::string::npos) << set.out;
    auto const shown = schedule();
    EXPECT_EQ(shown["source"], "settings");
    EXPECT_EQ(shown["every_minutes"], 30);
    EXPECT_EQ(shown["keep"], 7);

    EXPECT_NE(
        run_phongthi({"settings", "backup-schedule", "--every", "30", "--reset", "--data", data})
            .exit_code,
        0);
    auto const too_often = run_phongthi(
        {"settings", "backup-schedule", "--every", "99999", "--keep", "7", "--data", data});
    EXPECT_NE(too_often.exit_code, 0);
    EXPECT_NE(too_often.err.find("--every"), std::string::npos) << too_often.err;

    auto const reset = run_phongthi({"settings", "backup-schedule", "--reset", "--data", data});
    ASSERT_EQ(reset.exit_code, 0) << reset.err;
    EXPECT_NE(reset.out.find("not set"), std::string::npos) << reset.out;
    EXPECT_EQ(schedule()["source"], "options");
}

} // namespace
} // namespace phongthi::test
