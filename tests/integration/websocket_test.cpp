#include "tests/integration/fixture.hpp"

using namespace phongthi::test;

namespace {

json next(ws_client& ws) {
    auto const text = ws.read();
    if (!text)
        return nullptr;
    return json::parse(*text);
}

} // namespace

TEST_F(DemoServer, WebSocketNeedsAValidTokenFirst) {
    ws_client ws(port());
    ws.send_text(R"({"t":"ping","id":1})");
    EXPECT_EQ(next(ws)["t"], "pong");
    ws.send_text(R"({"t":"answer"})");
    EXPECT_EQ(next(ws)["code"], "unauthenticated");
    ws.send_text(R"({"t":"hello","token":"not-a-token"})");
    EXPECT_EQ(next(ws)["code"], "unauthenticated");
    ws.send_text(json{{"t", "hello"}, {"token", token_of("thisinh01", candidate_password)}}.dump());
    auto const welcome = next(ws);
    EXPECT_EQ(welcome["t"], "welcome");
    EXPECT_EQ(welcome["protocol"], 1);
    EXPECT_EQ(welcome["user"]["username"], "thisinh01");
}

TEST_F(DemoServer, MalformedWebSocketMessagesGetErrorRepliesAndTheSocketStaysOpen) {
    ws_client ws(port());
    ws.send_text("{not json");
    EXPECT_EQ(next(ws)["code"], "bad_json");
    ws.send_text("[1,2,3]");
    EXPECT_EQ(next(ws)["code"], "bad_json");
    ws.send_text(R"({"no_type":true})");
    EXPECT_EQ(next(ws)["code"], "bad_request");
    ws.send_binary(std::string("\x00\x01\x02", 3));
    EXPECT_EQ(next(ws)["code"], "binary_not_supported");
    ws.send_text(R"({"t":"ping","id":7})");
    auto const pong = next(ws);
    EXPECT_EQ(pong["t"], "pong");
    EXPECT_EQ(pong["id"], 7);
}

TEST_F(DemoServer, OversizedWebSocketMessageClosesThatConnectionOnly) {
    ws_client big(port());
    try {
        big.send_text(std::string(200 * 1024, 'x'));
    } catch (std::exception const&) {
        // The server may close before the whole frame is written: that is the close we expect.
    }
    EXPECT_EQ(big.read(), std::nullopt);
    ws_client other(port());
    other.send_text(R"({"t":"ping","id":2})");
    EXPECT_EQ(next(other)["t"], "pong");
}

TEST_F(DemoServer, WebSocketOnlyAtItsPath) {
    EXPECT_THROW(ws_client(port(), "/elsewhere"), std::exception);
}
