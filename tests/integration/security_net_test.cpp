// The network side of the threat of a curious candidate on the exam LAN, against the real
// server: per-address connection and request limits, path traversal on the static files,
// oversized uploads, the security headers of every kind of answer, and CSRF (no cookies).
#include "tests/integration/fixture.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>

using namespace phongthi::test;

namespace {

/// A raw HTTP/1.x answer (as raw_exchange returns it) as an http_result, header names in lower
/// case; status 0 when it is not one.
http_result parse_raw_answer(std::string const& raw) {
    http_result result;
    auto const head_end = raw.find("\r\n\r\n");
    if (raw.rfind("HTTP/1.", 0) != 0 || head_end == std::string::npos)
        return result;
    result.status = std::stoi(raw.substr(9, 3));
    std::istringstream head(raw.substr(0, head_end));
    std::string line;
    std::getline(head, line); // the status line
    while (std::getline(head, line)) {
        auto const colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        auto value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        if (!value.empty() && value.back() == '\r')
            value.pop_back();
        result.headers.emplace_back(std::move(name), std::move(value));
    }
    result.body = raw.substr(head_end + 4);
    return result;
}

/// The headers that keep the web client out of frames, scripts to its own files and the browser
/// from guessing types, on one answer; `what` names it in failures.
void expect_security_headers(http_result const& answer, std::string const& what) {
    SCOPED_TRACE(what + " (status " + std::to_string(answer.status) + ")");
    ASSERT_NE(answer.status, 0);
    auto const csp = answer.header("content-security-policy");
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(answer.header("x-frame-options"), "DENY");
    EXPECT_EQ(answer.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(answer.header("referrer-policy"), "no-referrer");
    EXPECT_EQ(answer.header("set-cookie"), "") << "a cookie would make the API CSRF-prone";
    EXPECT_EQ(answer.header("access-control-allow-origin"), "") << "no cross-origin reads";
}

/// Lines of the server log holding `event`.
std::size_t log_lines_of(server_process const& server, std::string const& event) {
    std::istringstream log(server.log());
    std::size_t lines = 0;
    for (std::string line; std::getline(log, line);)
        lines += line.find(event) != std::string::npos ? 1 : 0;
    return lines;
}

/// GET /healthz until it answers 200 (the server sees a close a moment after the client).
int healthz_once_served(unsigned short port) {
    int status = 0;
    for (int i = 0; i < 50 && status != 200; ++i) {
        try {
            status = http_call(port, "GET", "/healthz").status;
        } catch (std::exception const&) {
        }
        if (status != 200)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return status;
}

class SecurityNet : public DemoServer {};

} // namespace

TEST(SecurityNetLimits, ConnectionsBeyondThePerAddressCapGetA503UntilOneCloses) {
    temp_dir data;
    server_process server(data.path() / "data", true, {"--max-connections-per-ip", "4"});
    std::vector<std::unique_ptr<ws_client>> held;
    for (int i = 0; i < 4; ++i)
        held.push_back(std::make_unique<ws_client>(server.port()));

    auto const started = std::chrono::steady_clock::now();
    auto const refused = parse_raw_answer(raw_exchange(server.port(), ""));
    EXPECT_EQ(refused.status, 503) << refused.body;
    EXPECT_EQ(refused.header("retry-after"), "10");
    EXPECT_NE(refused.body.find("quá nhiều kết nối"), std::string::npos) << refused.body;
    EXPECT_NE(refused.body.find("too many connections"), std::string::npos) << refused.body;
    expect_security_headers(refused, "the per-address refusal");
    // Another PC is served while this one is at its cap.
    ws_client other(server.port(), "/ws", "127.0.0.2");

    // A flood of refused connections is logged a line a second, not a line a connection.
    for (int i = 0; i < 40; ++i)
        EXPECT_EQ(parse_raw_answer(raw_exchange(server.port(), "")).status, 503);
    auto const seconds =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started)
            .count();
    auto const lines = log_lines_of(server, "net.address_connection_limit");
    EXPECT_GE(lines, 1u);
    EXPECT_LE(lines, static_cast<std::size_t>(seconds) + 1) << server.log();

    held.pop_back();
    EXPECT_EQ(healthz_once_served(server.port()), 200);
}

TEST(SecurityNetLimits, RequestsBeyondTheRateGet429WithRetryAfterThenAreServedAgain) {
    temp_dir data;
    server_process server(data.path() / "data", true,
                          {"--requests-per-ip-per-second", "2", "--request-burst", "5"});
    ws_client exam_socket(server.port()); // the WebSocket is not counted, its upgrade neither
    for (int i = 0; i < 5; ++i)
        ASSERT_EQ(http_call(server.port(), "GET", "/healthz").status, 200) << "request " << i;

    auto const refused = http_call(server.port(), "GET", "/api/info");
    ASSERT_EQ(refused.status, 429) << refused.body;
    EXPECT_EQ(refused.header("retry-after"), "1");
    auto const error = json::parse(refused.body)["error"];
    EXPECT_EQ(error["code"], "too_many_requests");
    EXPECT_EQ(error["retry_after"], 1);
    EXPECT_NE(error["message"].get<std::string>().find("quá nhiều yêu cầu"), std::string::npos);
    expect_security_headers(refused, "429");
    auto const english =
        http_call(server.port(), "GET", "/", {}, {{"Accept-Language", "en-US,en;q=0.9"}});
    ASSERT_EQ(english.status, 429);
    EXPECT_NE(
        json::parse(english.body)["error"]["message"].get<std::string>().find("too many requests"),
        std::string::npos);

    // WebSocket messages are not HTTP requests: the exam socket is still answered.
    exam_socket.send_text(json{{"t", "ping"}}.dump());
    EXPECT_TRUE(exam_socket.read().has_value());

    // Two tokens a second: within ~0.5 s the address is served again.
    int status = 0;
    auto const until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (status != 200 && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        status = http_call(server.port(), "GET", "/healthz").status;
    }
    EXPECT_EQ(status, 200);
}

TEST_F(SecurityNet, PathTraversalNeverReachesAFileOutsideTheWebClient) {
    // The static files are embedded in the binary and looked up by exact path: no target, however
    // encoded, is resolved against the file system.
    auto const answer_to = [&](std::string const& target) {
        return parse_raw_answer(raw_exchange(
            port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    };
    ASSERT_EQ(answer_to("/index.html").status, 200) << "the helper reaches the static files";
    std::string const targets[] = {
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/..%5c..%5c..%5c..%5cetc%5cpasswd",
        "/..\\..\\..\\etc\\passwd",
        "/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        "/etc/passwd",
        "//etc/passwd",
        "http://127.0.0.1/../../../../etc/passwd",
        "/js/../../CMakeLists.txt",
        "/js/%2e%2e/%2e%2e/CMakeLists.txt",
        "/index.html%00.png",
        "/phongthi.db",
        "/data/phongthi.db",
        "/api/../phongthi.db",
        "/tls/key.pem",
    };
    for (auto const& target : targets) {
        auto const answer = answer_to(target);
        EXPECT_TRUE(answer.status == 400 || answer.status == 404)
            << target << " answered " << answer.status;
        EXPECT_EQ(answer.body.find("root:"), std::string::npos) << target;
        EXPECT_EQ(answer.body.find("cmake_minimum_required"), std::string::npos) << target;
        EXPECT_EQ(answer.body.find("SQLite format"), std::string::npos) << target;
    }
    // A raw NUL byte in the target is no HTTP at all.
    std::string nul_request = "GET /index.html";
    nul_request += '\0';
    nul_request += ".png HTTP/1.1\r\nHost: x\r\n\r\n";
    auto const nul = parse_raw_answer(raw_exchange(port(), nul_request));
    EXPECT_TRUE(nul.status == 400 || nul.status == 0) << nul.status;
}

TEST_F(SecurityNet, ABankUploadOverTheBodyLimitIsRefused413InVietnameseAndStoresNothing) {
    std::string const lecturer = token_of("giangvien", "giangvien2026");
    auto const banks_before = json::parse(call("GET", "/api/banks", lecturer).body)["banks"].size();
    std::string const head = "POST /api/banks/import?name=Qua%20lon&filename=lon.json HTTP/1.1\r\n"
                             "Host: x\r\nAuthorization: Bearer " +
                             lecturer + "\r\nContent-Type: application/json\r\n";
    // Announced by Content-Length: refused as the header ends, before any byte of the body.
    auto const announced = parse_raw_answer(
        raw_exchange(port(), head + "Content-Length: 17000000\r\n\r\n[{\"question\": \"" +
                                 std::string(4096, 'x')));
    EXPECT_EQ(announced.status, 413) << announced.body;
    auto const error = json::parse(announced.body)["error"];
    EXPECT_EQ(error["code"], "payload_too_large");
    EXPECT_NE(error["message"].get<std::string>().find("quá lớn"), std::string::npos) << error;
    expect_security_headers(announced, "413");
    // Chunked, with no length up front: refused by the chunk that crosses the limit.
    auto const chunked = parse_raw_answer(
        raw_exchange(port(), head +
                                 "Accept-Language: en\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "1000001\r\n[{\"question\": \"" +
                                 std::string(4096, 'x')));
    EXPECT_EQ(chunked.status, 413) << chunked.body;
    EXPECT_NE(chunked.body.find("too large"), std::string::npos) << chunked.body;
    EXPECT_EQ(json::parse(call("GET", "/api/banks", lecturer).body)["banks"].size(), banks_before);
    EXPECT_EQ(http_call(port(), "GET", "/healthz").status, 200);
}

TEST_F(SecurityNet, EveryKindOfAnswerCarriesTheSecurityHeaders) {
    auto const page = http_call(port(), "GET", "/");
    expect_security_headers(page, "the HTML page");
    EXPECT_NE(page.header("content-type").find("text/html"), std::string::npos);
    auto const script = http_call(port(), "GET", "/js/app.js");
    expect_security_headers(script, "a script");
    EXPECT_NE(script.header("content-type").find("javascript"), std::string::npos);
    expect_security_headers(
        http_call(port(), "GET", "/js/app.js", {}, {{"If-None-Match", script.header("etag")}}),
        "304 Not Modified");
    expect_security_headers(http_call(port(), "HEAD", "/"), "HEAD");
    expect_security_headers(http_call(port(), "GET", "/api/info"), "a JSON answer");
    expect_security_headers(http_call(port(), "GET", "/healthz"), "the health check");
    expect_security_headers(login("admin", admin_password), "a successful login");
    expect_security_headers(login("admin", "sai-mat-khau"), "a failed login (401)");
    expect_security_headers(http_call(port(), "GET", "/api/users"), "401 without a token");
    expect_security_headers(
        http_call(port(), "GET", "/api/users", {},
                  {{"Authorization", "Bearer " + token_of("thisinh01", candidate_password)}}),
        "403 for a candidate");
    expect_security_headers(http_call(port(), "GET", "/khong-co"), "404");
    expect_security_headers(http_call(port(), "DELETE", "/api/login"), "405");
    expect_security_headers(http_call(port(), "POST", "/api/login", "{", {}), "400 bad JSON");
    expect_security_headers(
        parse_raw_answer(raw_exchange(
            port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n")),
        "431 from the network layer");
    expect_security_headers(parse_raw_answer(raw_exchange(port(), "\x16\x03\x01 not http\r\n\r\n")),
                            "400 from the network layer");
}

TEST_F(SecurityNet, ACookieIsNoCredentialSoACrossSiteFormCannotChangeAnything) {
    std::string const admin = token_of("admin", admin_password);
    json const user{{"username", "ke_gian"}, {"full_name", "Kẻ gian"}, {"role", "admin"}};
    // What a page on another site could make the admin's browser send: cookies, never a header.
    auto const forged = http_call(
        port(), "POST", "/api/users", user.dump(),
        {{"Content-Type", "application/json"},
         {"Cookie", "token=" + admin + "; session=" + admin + "; phongthi_token=" + admin},
         {"Origin", "http://evil.example"}});
    EXPECT_EQ(forged.status, 401) << forged.body;
    expect_security_headers(forged, "the forged request");
    auto const users = json::parse(call("GET", "/api/users", admin).body)["users"];
    for (auto const& existing : users)
        EXPECT_NE(existing["username"], "ke_gian");
    // The same request with the bearer token is what the client sends, and it works.
    EXPECT_EQ(call("POST", "/api/users", admin, user).status, 201);
}
