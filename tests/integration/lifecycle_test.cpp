#include "tests/integration/client.hpp"
#include "tests/integration/server_process.hpp"

#include "server/store/database.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

using namespace phongthi::test;
using json = nlohmann::json;
using phongthi::store::database;
using phongthi::store::open_mode;

namespace {

std::string login_token(unsigned short port) {
    auto const result = http_call(port, "POST", "/api/login",
                                  json{{"username", "admin"}, {"password", "quantri2026"}}.dump());
    return json::parse(result.body).value("token", "");
}

int create_unit(unsigned short port, std::string const& token, std::string const& code) {
    return http_call(port, "POST", "/api/units",
                     json{{"code", code}, {"name", "Chi bộ " + code}}.dump(),
                     {{"Authorization", "Bearer " + token}})
        .status;
}

std::int64_t count(std::filesystem::path const& file, std::string const& sql) {
    database db(file, open_mode::read_only);
    auto query = db.prepare(sql);
    query.step();
    return query.column_int64(0);
}

/// Makes `file` unwritable for this process while it lives: write-protected by its mode, or,
/// for root (whom modes do not stop), immutable.
class write_protection {
public:
    explicit write_protection(std::filesystem::path file) : file_(std::move(file)) {
        if (::geteuid() != 0) {
            std::filesystem::permissions(file_, std::filesystem::perms::owner_read |
                                                    std::filesystem::perms::group_read);
            return;
        }
        set_immutable(true);
    }
    ~write_protection() {
        if (::geteuid() != 0)
            std::filesystem::permissions(file_, std::filesystem::perms::owner_read |
                                                    std::filesystem::perms::owner_write);
        else
            set_immutable(false);
    }
    write_protection(write_protection const&) = delete;
    write_protection& operator=(write_protection const&) = delete;

private:
    void set_immutable(bool on) {
        int const fd = ::open(file_.c_str(), O_RDONLY);
        int flags = 0;
        bool done = fd >= 0 && ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
        flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
        done = done && ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
        if (fd >= 0)
            ::close(fd);
        EXPECT_TRUE(done) << "cannot change the immutable flag of " << file_ << ": "
                          << std::strerror(errno);
    }

    std::filesystem::path file_;
};

std::string file_bytes(std::filesystem::path const& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST(Lifecycle, SigtermShutsDownGracefullyAndDataSurvivesARestart) {
    temp_dir dir;
    auto const data = dir.path() / "data";
    {
        server_process server(data, true);
        std::string const token = login_token(server.port());
        ASSERT_EQ(create_unit(server.port(), token, "CB-SAU"), 201);
        EXPECT_EQ(server.stop(SIGTERM), 0);
        EXPECT_NE(server.log().find("server.stopped"), std::string::npos);
    }
    server_process again(data, true);
    std::string const token = login_token(again.port());
    auto const units =
        http_call(again.port(), "GET", "/api/units", {}, {{"Authorization", "Bearer " + token}});
    EXPECT_NE(units.body.find("CB-SAU"), std::string::npos);
    // The demo is seeded once: a restart does not duplicate it.
    EXPECT_EQ(count(data / "phongthi.db", "SELECT count(*) FROM question_banks"), 1);
}

TEST(Lifecycle, SigintAlsoStopsCleanly) {
    temp_dir dir;
    server_process server(dir.path() / "data", false);
    EXPECT_EQ(http_call(server.port(), "GET", "/healthz").status, 200);
    EXPECT_EQ(server.stop(SIGINT), 0);
}

TEST(Lifecycle, ADatabaseFromANewerVersionIsRefused) {
    temp_dir dir;
    auto const data = dir.path() / "data";
    {
        server_process server(data, false);
        server.stop(SIGTERM);
    }
    {
        database db(data / "phongthi.db", open_mode::read_write);
        db.exec("PRAGMA user_version = 999");
    }
    EXPECT_THROW(server_process(data, false), std::runtime_error);
    auto const result = run_phongthi({"user", "list", "--data", data.string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("999"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("upgrade phongthi"), std::string::npos) << result.err;
}

TEST(Lifecycle, AReadOnlyDatabaseIsRefusedByNameAndLeftAsItWas) {
    temp_dir dir;
    auto const data = dir.path() / "data";
    {
        server_process server(data, true);
        ASSERT_EQ(create_unit(server.port(), login_token(server.port()), "CB-RO"), 201);
        EXPECT_EQ(server.stop(SIGTERM), 0);
    }
    auto const file = data / "phongthi.db";
    auto const before = file_bytes(file);
    {
        write_protection read_only(file);
        try {
            server_process refused(data, false);
            ADD_FAILURE() << "the server started on a read-only database";
        } catch (std::runtime_error const& e) {
            std::string const why = e.what();
            EXPECT_NE(why.find("chỉ đọc"), std::string::npos) << why;
            EXPECT_NE(why.find(file.string()), std::string::npos) << why;
        }
    }
    EXPECT_EQ(file_bytes(file), before) << "the refused start changed the database";
    server_process again(data, false);
    auto const units = http_call(again.port(), "GET", "/api/units", {},
                                 {{"Authorization", "Bearer " + login_token(again.port())}});
    EXPECT_NE(units.body.find("CB-RO"), std::string::npos) << units.body;
}

TEST(Lifecycle, BackupWhileWritingIsConsistent) {
    temp_dir dir;
    auto const data = dir.path() / "data";
    server_process server(data, true);
    std::string const token = login_token(server.port());
    std::atomic<int> created{0};
    std::thread writer([&] {
        for (int i = 0; i < 60; ++i) {
            if (create_unit(server.port(), token, "U" + std::to_string(i)) == 201)
                ++created;
        }
    });
    auto const backup = dir.path() / "backup.db";
    auto const result = run_phongthi({"backup", "--data", data.string(), "--to", backup.string()});
    writer.join();
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(created.load(), 60);
    database copy(backup, open_mode::read_only);
    auto check = copy.prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.step());
    EXPECT_EQ(check.column_text(0), "ok");
    auto const units_in_copy =
        count(backup, "SELECT count(*) FROM units WHERE code GLOB 'U[0-9]*'");
    EXPECT_LE(units_in_copy, 60);
    EXPECT_EQ(count(backup, "SELECT count(*) FROM users"), 46); // 6 demo accounts, 40 learners
}

TEST(Lifecycle, TheDataIsForThisUserAloneAndASharedFolderIsReported) {
    namespace fs = std::filesystem;
    temp_dir dir;
    auto const data = dir.path() / "data";
    auto const shared_bits = fs::perms::group_all | fs::perms::others_all;
    {
        server_process server(data, false);
        for (auto const& file : {data, data / "phongthi.db", data / "phongthi.db-wal"})
            EXPECT_EQ(fs::status(file).permissions() & shared_bits, fs::perms::none) << file;
        EXPECT_EQ(server.log().find("data.readable_by_others"), std::string::npos);
    }
    // A folder someone opened to the PC's other users is named with its mode and the fix.
    fs::permissions(data,
                    fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                        fs::perms::others_exec,
                    fs::perm_options::add);
    server_process server(data, false);
    auto const log = server.log();
    EXPECT_NE(log.find("data.readable_by_others"), std::string::npos) << log;
    EXPECT_NE(log.find("0755"), std::string::npos) << log;
    EXPECT_NE(log.find("chmod 700"), std::string::npos) << log;
}
