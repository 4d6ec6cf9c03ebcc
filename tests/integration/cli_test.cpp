#include "tests/integration/client.hpp"
#include "tests/integration/server_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <regex>

using namespace phongthi::test;
using json = nlohmann::json;

TEST(Cli, ManagesUnitsAndAccountsThatTheServerThenAccepts) {
    temp_dir dir;
    std::string const data = (dir.path() / "data").string();
    auto ok = [&](std::vector<std::string> args) {
        args.push_back("--data");
        args.push_back(data);
        auto result = run_phongthi(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.out;
    };
    ok({"unit", "add", "--code", "DBK", "--name", "Đảng bộ Khối các cơ quan tỉnh"});
    ok({"unit", "add", "--code", "CB-TP", "--name", "Chi bộ Sở Tư pháp", "--parent", "DBK"});
    EXPECT_NE(ok({"unit", "list"}).find("Chi bộ Sở Tư pháp"), std::string::npos);

    std::string const added = ok({"user", "add", "--username", "tranthic", "--name", "Trần Thị C",
                                  "--role", "lecturer", "--unit", "CB-TP"});
    std::smatch match;
    ASSERT_TRUE(std::regex_search(added, match, std::regex("initial password (\\S+)")));
    std::string const password = match[1];
    ok({"user", "add", "--username", "admin", "--name", "Quản trị", "--role", "admin", "--password",
        "matkhau-quantri"});
    std::string const listed = ok({"user", "list"});
    EXPECT_NE(listed.find("tranthic"), std::string::npos);
    EXPECT_NE(listed.find("Trần Thị C"), std::string::npos);

    auto const duplicate = run_phongthi({"user", "add", "--username", "tranthic", "--name", "X",
                                         "--role", "candidate", "--data", data});
    EXPECT_EQ(duplicate.exit_code, 1);
    EXPECT_NE(duplicate.err.find("already taken"), std::string::npos);
    auto const bad_role = run_phongthi(
        {"user", "add", "--username", "abc", "--name", "X", "--role", "root", "--data", data});
    EXPECT_EQ(bad_role.exit_code, 2);
    EXPECT_NE(bad_role.err.find("invalid role"), std::string::npos);

    server_process server(dir.path() / "data", false);
    auto signin = [&](std::string const& user, std::string const& pass) {
        return http_call(server.port(), "POST", "/api/login",
                         json{{"username", user}, {"password", pass}}.dump())
            .status;
    };
    EXPECT_EQ(signin("tranthic", password), 200);
    ok({"user", "disable", "--username", "tranthic"});
    EXPECT_EQ(signin("tranthic", password), 403);
    ok({"user", "enable", "--username", "tranthic"});
    ok({"user", "passwd", "--username", "tranthic", "--password", "mat-khau-moi"});
    EXPECT_EQ(signin("tranthic", "mat-khau-moi"), 200);
    EXPECT_EQ(signin("admin", "matkhau-quantri"), 200);
}

TEST(Cli, UsageErrorsExitWithTwoAndShowHelp) {
    auto const result = run_phongthi({"frobnicate"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("usage: phongthi"), std::string::npos);
    EXPECT_EQ(run_phongthi({"serve", "--port", "http"}).exit_code, 2);
    EXPECT_EQ(run_phongthi({"version"}).out, "phongthi 0.1.0\n");
}
