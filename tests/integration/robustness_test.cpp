#include "tests/integration/fixture.hpp"

#include <thread>

using namespace phongthi::test;

TEST_F(DemoServer, GarbageInsteadOfHttpClosesOnlyThatConnection) {
    std::string const reply = raw_exchange(port(), "\x16\x03\x01 this is not http\r\n\r\n");
    EXPECT_NE(reply.find("400"), std::string::npos) << reply;
    EXPECT_EQ(http_call(port(), "GET", "/healthz").status, 200);
}

TEST_F(DemoServer, OversizedHeadersAreRefused) {
    std::string const request =
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n";
    EXPECT_NE(raw_exchange(port(), request).find("431"), std::string::npos);
    EXPECT_EQ(http_call(port(), "GET", "/healthz").status, 200);
}

TEST_F(DemoServer, OversizedBodyIsRefused) {
    std::string const request =
        "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n{}";
    EXPECT_NE(raw_exchange(port(), request).find("413"), std::string::npos);
    EXPECT_EQ(http_call(port(), "GET", "/healthz").status, 200);
}

TEST_F(DemoServer, MalformedJsonBodiesGetClearErrors) {
    auto const result = http_call(port(), "POST", "/api/login",
                                  "{\"username\": ", {{"Content-Type", "application/json"}});
    EXPECT_EQ(result.status, 400);
    EXPECT_EQ(json::parse(result.body)["error"]["code"], "bad_request");
    std::string const admin = token_of("admin", admin_password);
    auto const users = call("POST", "/api/users", admin, json::array({1, 2}));
    EXPECT_EQ(users.status, 400);
    auto const typed = call("POST", "/api/users", admin,
                            {{"username", 42}, {"full_name", "A"}, {"role", "admin"}});
    EXPECT_EQ(json::parse(typed.body)["error"]["field"], "username");
}

TEST_F(DemoServer, UnknownRoutesAndMethodsAreDistinguished) {
    EXPECT_EQ(http_call(port(), "GET", "/api/nothing").status, 404);
    EXPECT_EQ(http_call(port(), "DELETE", "/api/login").status, 405);
}

TEST_F(DemoServer, TruncatedRequestThenCloseLeavesTheServerUp) {
    raw_exchange(port(), "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"u");
    EXPECT_EQ(http_call(port(), "GET", "/healthz").status, 200);
}

TEST(ConnectionCap, ConnectionsBeyondMaxConnectionsGetA503AndServiceResumesBelowIt) {
    temp_dir data;
    server_process server(data.path() / "data", true, {"--max-connections", "20"});
    std::vector<std::unique_ptr<ws_client>> held;
    for (int i = 0; i < 20; ++i)
        held.push_back(std::make_unique<ws_client>(server.port()));
    // Nothing is sent: the answer comes before any request is read.
    std::string const reply = raw_exchange(server.port(), "");
    EXPECT_EQ(reply.rfind("HTTP/1.1 503 ", 0), 0u) << reply;
    EXPECT_NE(reply.find("Máy chủ đang có quá nhiều kết nối (tối đa 20)"), std::string::npos)
        << reply;
    EXPECT_NE(reply.find("The server has too many connections"), std::string::npos) << reply;
    EXPECT_NE(reply.find("Retry-After: 10"), std::string::npos) << reply;
    EXPECT_NE(server.log().find("net.too_many_connections"), std::string::npos) << server.log();
    held.pop_back();
    int status = 0;
    for (int i = 0; i < 50 && status != 200; ++i) { // the server sees the close a moment later
        try {
            status = http_call(server.port(), "GET", "/healthz").status;
        } catch (std::exception const&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    EXPECT_EQ(status, 200);
}
