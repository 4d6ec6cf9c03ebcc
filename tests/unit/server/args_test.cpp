#include "server/cli/args.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace phongthi::server;

namespace {

command_args parse(std::vector<char const*> words) {
    words.insert(words.begin(), "phongthi");
    return command_args(static_cast<int>(words.size()), const_cast<char**>(words.data()), 1,
                        {"data", "port"}, {"demo"});
}

} // namespace

TEST(CommandArgs, ReadsValuesInBothSpellingsAndFlags) {
    auto const args = parse({"--data", "/tmp/x", "--port=9000", "--demo"});
    EXPECT_EQ(args.value("data"), "/tmp/x");
    EXPECT_EQ(args.number("port", 8080, 0, 65535), 9000);
    EXPECT_TRUE(args.flag("demo"));
}

TEST(CommandArgs, DefaultsApplyWhenAbsent) {
    auto const args = parse({});
    EXPECT_EQ(args.value("data"), std::nullopt);
    EXPECT_EQ(args.number("port", 8080, 0, 65535), 8080);
    EXPECT_FALSE(args.flag("demo"));
    EXPECT_THROW(args.required("data"), usage_error);
}

TEST(CommandArgs, MistakesAreUsageErrors) {
    EXPECT_THROW(parse({"--colour", "red"}), usage_error);
    EXPECT_THROW(parse({"--data"}), usage_error);
    EXPECT_THROW(parse({"stray"}), usage_error);
    EXPECT_THROW(parse({"--port", "70000"}).number("port", 0, 0, 65535), usage_error);
    EXPECT_THROW(parse({"--port", "80x"}).number("port", 0, 0, 65535), usage_error);
}
