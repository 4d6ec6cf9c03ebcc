#pragma once

#include "tests/integration/client.hpp"
#include "tests/integration/server_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace phongthi::test {

using json = nlohmann::json;

/// A demo server in a fresh data directory, per test.
class DemoServer : public testing::Test {
protected:
    /// `environment` ("NAME=value") is added to the server's, `extra_args` to its command.
    explicit DemoServer(std::vector<std::string> const& environment = {},
                        std::vector<std::string> const& extra_args = {})
        : server_(data_.path() / "data", true, extra_args, environment) {}

    unsigned short port() const { return server_.port(); }
    std::filesystem::path data_dir() const { return data_.path() / "data"; }

    /// POST /api/login; returns the result (token inside on success).
    http_result login(std::string const& username, std::string const& password,
                      std::string const& language = "vi") {
        return http_call(port(), "POST", "/api/login",
                         json{{"username", username}, {"password", password}}.dump(),
                         {{"Content-Type", "application/json"}, {"Accept-Language", language}});
    }

    /// The session token of a demo account (the test fails if the login does).
    std::string token_of(std::string const& username, std::string const& password) {
        auto const result = login(username, password);
        EXPECT_EQ(result.status, 200) << result.body;
        return json::parse(result.body).value("token", "");
    }

    http_result call(std::string const& method, std::string const& target, std::string const& token,
                     json const& body = nullptr) {
        header_list headers{{"Authorization", "Bearer " + token}};
        std::string text;
        if (!body.is_null()) {
            headers.emplace_back("Content-Type", "application/json");
            text = body.dump();
        }
        return http_call(port(), method, target, text, headers);
    }

    temp_dir data_;
    server_process server_;
};

inline std::string const admin_password = "quantri2026";
inline std::string const candidate_password = "thisinh2026";

} // namespace phongthi::test
