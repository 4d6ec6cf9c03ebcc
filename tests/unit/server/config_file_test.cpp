// The serve configuration file and how command_args fills what the command line left out.
#include "server/cli/args.hpp"
#include "server/cli/config_file.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <vector>

using namespace phongthi::server;

namespace {

std::filesystem::path write_config(phongthi::test::temp_dir const& dir, std::string const& text) {
    auto const file = dir / "phongthi.json";
    std::ofstream(file, std::ios::binary) << text;
    return file;
}

/// The usage_error message of reading `text` as a config file.
std::string config_error(std::string const& text) {
    phongthi::test::temp_dir const dir;
    try {
        read_config_file(write_config(dir, text));
    } catch (usage_error const& e) {
        return e.what();
    }
    return "no error";
}

command_args parse_serve_like(std::vector<char const*> words) {
    words.insert(words.begin(), "phongthi");
    return command_args(static_cast<int>(words.size()), const_cast<char**>(words.data()), 1,
                        {"data", "port"}, {"demo"});
}

} // namespace

TEST(ConfigFile, ReadsStringsIntegersAndBooleansAsCommandLineText) {
    phongthi::test::temp_dir const dir;
    auto const settings = read_config_file(write_config(
        dir, R"({"data": "/var/lib/phòngthi", "port": 8443, "demo": false, "tls": null})"));
    EXPECT_EQ(settings.at("data"), "/var/lib/phòngthi");
    EXPECT_EQ(settings.at("port"), "8443");
    EXPECT_EQ(settings.at("demo"), "false");
    EXPECT_FALSE(settings.contains("tls")); // null: not set
}

TEST(ConfigFile, MistakesNameTheFileAndWhere) {
    EXPECT_NE(config_error("{\n  \"port\": 8080,\n  \"data\" \"x\"\n}").find("dòng / line 3,"),
              std::string::npos);
    EXPECT_NE(config_error("[1, 2]").find("must be one JSON object"), std::string::npos);
    EXPECT_NE(config_error(R"({"port": 80.5})").find("\"port\""), std::string::npos);
    EXPECT_NE(config_error(R"({"host": ["a"]})").find("must be a string, an integer or true/false"),
              std::string::npos);
    EXPECT_NE(config_error("{}").find("no error"), std::string::npos);
    EXPECT_THROW(read_config_file("/nonexistent/phongthi.json"), usage_error);
}

TEST(ConfigFile, EnvironmentNamesAreUpperCaseWithUnderscores) {
    EXPECT_EQ(environment_name("max-connections"), "PHONGTHI_MAX_CONNECTIONS");
    EXPECT_EQ(environment_name("port"), "PHONGTHI_PORT");
}

TEST(CommandArgsFill, TheCommandLineWinsAndTheRestIsFilledWithItsOrigin) {
    auto args = parse_serve_like({"--port", "9000"});
    args.fill_missing([](std::string_view name) -> std::optional<outside_setting> {
        if (name == "port")
            return outside_setting{"1", "PHONGTHI_PORT"};
        if (name == "data")
            return outside_setting{"/srv/data", "config file x.json"};
        if (name == "demo")
            return outside_setting{"yes", "PHONGTHI_DEMO"};
        return std::nullopt;
    });
    EXPECT_EQ(args.number("port", 0, 0, 65535), 9000);
    EXPECT_EQ(args.value("data"), "/srv/data");
    EXPECT_TRUE(args.flag("demo"));
    EXPECT_EQ(args.label("port"), "option --port");
    EXPECT_EQ(args.label("data"), "option --data (config file x.json)");
    EXPECT_TRUE(args.accepts("demo"));
    EXPECT_FALSE(args.accepts("colour"));
}

TEST(CommandArgsFill, ABadOutsideValueIsReportedWithItsOrigin) {
    auto args = parse_serve_like({});
    args.fill_missing([](std::string_view name) -> std::optional<outside_setting> {
        return name == "port" ? std::optional(outside_setting{"80x", "PHONGTHI_PORT"})
                              : std::nullopt;
    });
    try {
        args.number("port", 0, 0, 65535);
        FAIL() << "80x was accepted";
    } catch (usage_error const& e) {
        EXPECT_NE(std::string(e.what()).find("--port (PHONGTHI_PORT)"), std::string::npos);
    }
    auto flags = parse_serve_like({});
    EXPECT_THROW(flags.fill_missing([](std::string_view name) -> std::optional<outside_setting> {
        return name == "demo" ? std::optional(outside_setting{"maybe", "PHONGTHI_DEMO"})
                              : std::nullopt;
    }),
                 usage_error);
    auto off = parse_serve_like({});
    off.fill_missing([](std::string_view name) -> std::optional<outside_setting> {
        return name == "demo" ? std::optional(outside_setting{"false", "x"}) : std::nullopt;
    });
    EXPECT_FALSE(off.flag("demo"));
}
