// `phongthi serve` takes every option from a configuration file (--config or $PHONGTHI_CONFIG)
// and from PHONGTHI_* variables, the command line first, then the environment, then the file;
// mistakes name the file and where; offline commands find the server's data through the file.
#include "tests/integration/client.hpp"
#include "tests/integration/fixture.hpp"
#include "tests/integration/server_process.hpp"

#include "server/store/database.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace phongthi::test {
namespace {

namespace fs = std::filesystem;

fs::path write_config_file(fs::path const& file, std::string const& text) {
    std::ofstream(file, std::ios::binary) << text;
    return file;
}

/// The status of the demo administrator's login on `port` (200 when the demo was seeded).
int demo_admin_login(unsigned short port) {
    return http_call(port, "POST", "/api/login",
                     nlohmann::json{{"username", "admin"}, {"password", admin_password}}.dump(),
                     {{"Content-Type", "application/json"}})
        .status;
}

/// `phongthi serve` with `config` that must refuse to start; returns its stderr.
std::string refused_serve(temp_dir const& dir, std::string const& config,
                          std::vector<std::string> const& environment = {}) {
    auto const file = write_config_file(dir / "sai.json", config);
    auto const result = run_phongthi(
        {"serve", "--config", file.string(), "--data", (dir / "data").string(), "--port", "0"},
        environment);
    EXPECT_EQ(result.exit_code, 2) << result.out;
    EXPECT_FALSE(fs::exists(dir / "data" / "phongthi.db"));
    return result.err;
}

TEST(Config, TheCommandLineThenTheEnvironmentThenTheFileDecide) {
    temp_dir const dir;
    // The file asks for the demo and port 1; the command line's port 0 (a free port) wins.
    auto const file = write_config_file(dir / "phongthi.json",
                                        R"({"demo": true, "port": 1, "log-level": "warn"})");
    {
        server_process server(dir / "with-demo", false, {"--config", file.string()});
        EXPECT_EQ(demo_admin_login(server.port()), 200);
    }
    // PHONGTHI_DEMO=false outweighs the file; the file found through $PHONGTHI_CONFIG.
    server_process server(dir / "without-demo", false, {},
                          {"PHONGTHI_CONFIG=" + file.string(), "PHONGTHI_DEMO=false"});
    EXPECT_EQ(demo_admin_login(server.port()), 401);
}

TEST(Config, MistakesNameTheFileAndWhere) {
    temp_dir const dir;
    std::string const file = (dir / "sai.json").string();
    auto const unknown = refused_serve(dir, R"({"prot": 8080})");
    EXPECT_NE(unknown.find(file), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("\"prot\" không phải tuỳ chọn của serve"), std::string::npos) << unknown;
    auto const syntax = refused_serve(dir, "{\n  \"port\": 8080,\n  \"demo\": tru\n}");
    EXPECT_NE(syntax.find("dòng / line 3"), std::string::npos) << syntax;
    auto const flag = refused_serve(dir, R"({"demo": "có lẽ"})");
    EXPECT_NE(flag.find("--demo (config file " + file + ") must be true or false"),
              std::string::npos)
        << flag;
    auto const from_environment = refused_serve(dir, "{}", {"PHONGTHI_MAX_CONNECTIONS=nhiều"});
    EXPECT_NE(
        from_environment.find("--max-connections (PHONGTHI_MAX_CONNECTIONS) must be a number"),
        std::string::npos)
        << from_environment;
}

TEST(Config, OfflineCommandsWorkOnTheDataOfTheConfigFile) {
    temp_dir const dir;
    auto const data = dir / "var-lib-phongthi";
    auto const file =
        write_config_file(dir / "phongthi.json", nlohmann::json{{"data", data.string()}}.dump());
    auto const added = run_phongthi({"unit", "add", "--code", "CB", "--name", "Chi bộ Cấu hình"},
                                    {"PHONGTHI_CONFIG=" + file.string()});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    store::database db(data / "phongthi.db", store::open_mode::read_only);
    auto query = db.prepare("SELECT name FROM units WHERE code = 'CB'");
    ASSERT_TRUE(query.step());
    EXPECT_EQ(query.column_text(0), "Chi bộ Cấu hình");
}

} // namespace
} // namespace phongthi::test
