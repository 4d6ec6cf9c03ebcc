// Hostile and broken clients against the real server: each test ends with the server alive and
// an ordinary client served.
#include "tests/integration/fixture.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <fstream>

namespace phongthi::test {
namespace {

/// A raw TCP connection to 127.0.0.1:port (POSIX socket), closed with the object.
class raw_socket {
public:
    explicit raw_socket(unsigned short port, int receive_buffer = 0) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (receive_buffer > 0)
            setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
        timeval const send_limit{5, 0}; // a send never blocks a test for long
        setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &send_limit, sizeof send_limit);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~raw_socket() { ::close(fd_); }
    raw_socket(raw_socket const&) = delete;
    raw_socket& operator=(raw_socket const&) = delete;

    bool connected() const { return connected_; }

    /// Sends all of `bytes`; false when the peer closed or reset the connection.
    bool send_all(std::string_view bytes) {
        while (!bytes.empty()) {
            auto const n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }

    /// Reads what comes within `timeout`; stops early at the end of the stream (then `closed`).
    std::string read_for(std::chrono::milliseconds timeout, bool* closed = nullptr,
                         std::string_view until = {}) {
        std::string received;
        auto const end = std::chrono::steady_clock::now() + timeout;
        char buffer[65536];
        for (;;) {
            auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(
                end - std::chrono::steady_clock::now());
            pollfd wanted{fd_, POLLIN, 0};
            if (left.count() <= 0 || ::poll(&wanted, 1, static_cast<int>(left.count())) <= 0)
                return received;
            auto const n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) {
                if (closed != nullptr)
                    *closed = true;
                return received;
            }
            received.append(buffer, static_cast<std::size_t>(n));
            if (!until.empty() && received.find(until) != std::string::npos)
                return received;
        }
    }

    /// The WebSocket upgrade at /ws; true on 101.
    bool upgrade() {
        send_all("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 "Sec-WebSocket-Version: 13\r\n\r\n");
        return read_for(std::chrono::seconds(5), nullptr, "\r\n\r\n").find(" 101 ") !=
               std::string::npos;
    }

private:
    int fd_ = -1;
    bool connected_ = false;
};

/// The header of a masked client frame (mask key zero: the payload goes as it is).
std::string frame_header(unsigned char opcode, std::uint64_t length) {
    std::string header(1, static_cast<char>(0x80 | opcode));
    if (length < 126) {
        header += static_cast<char>(0x80 | length);
    } else if (length < 65536) {
        header += static_cast<char>(0x80 | 126);
        header += static_cast<char>(length >> 8);
        header += static_cast<char>(length & 0xff);
    } else {
        header += static_cast<char>(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8)
            header += static_cast<char>((length >> shift) & 0xff);
    }
    return header + std::string(4, '\0');
}

std::string text_frame(std::string_view payload) {
    return frame_header(0x1, payload.size()) + std::string(payload);
}

/// VmRSS of `pid` in KiB.
long resident_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return 0;
}

class FaultTest : public DemoServer {
protected:
    // Thousands of connections from 127.0.0.1 test the server, not its per-address caps.
    FaultTest() : DemoServer({}, without_per_address_limits) {}

    /// The server answers HTTP and a new WebSocket client says hello and gets its pong.
    void expect_server_serves() {
        EXPECT_EQ(http_call(port(), "GET", "/healthz").status, 200);
        signed_socket_check();
    }

    void signed_socket_check() {
        ws_client client(port());
        client.send_text(
            json{{"t", "hello"}, {"token", token_of("thisinh01", "thisinh2026")}}.dump());
        auto const welcome = client.read();
        ASSERT_TRUE(welcome.has_value());
        EXPECT_EQ(json::parse(*welcome)["t"], "welcome");
        client.send_text(R"({"t":"ping","id":7})");
        auto const pong = client.read();
        ASSERT_TRUE(pong.has_value());
        EXPECT_EQ(json::parse(*pong)["t"], "pong");
    }
};

TEST_F(FaultTest, ConnectionDroppedInMidFrameLeavesTheServerServing) {
    for (int i = 0; i < 20; ++i) {
        raw_socket socket(port());
        ASSERT_TRUE(socket.upgrade());
        // A frame announcing 1,000 bytes, then 10 of them, then the connection is gone.
        socket.send_all(frame_header(0x1, 1000) + std::string(10, '{'));
    }
    expect_server_serves();
}

TEST_F(FaultTest, GarbageBytesAndATenMegabyteFrameCloseOnlyThatConnection) {
    ws_client bystander(port());
    bystander.send_text(R"({"t":"ping","id":1})");
    ASSERT_TRUE(bystander.read().has_value());

    raw_socket garbage(port());
    ASSERT_TRUE(garbage.upgrade());
    garbage.send_all(std::string("\x0f\xff\x13\x37 not a websocket frame at all", 32));
    bool closed = false;
    garbage.read_for(std::chrono::seconds(5), &closed);
    EXPECT_TRUE(closed) << "a frame with reserved bits and opcode must close the connection";

    raw_socket huge(port());
    ASSERT_TRUE(huge.upgrade());
    auto const pid_before = resident_kib(server_.pid());
    // 10 MiB announced and sent: the server refuses it from the header (limit 64 KiB) and closes.
    huge.send_all(frame_header(0x1, 10u << 20));
    std::string const chunk(1 << 20, ' ');
    for (int i = 0; i < 10 && huge.send_all(chunk); ++i) {
    }
    closed = false;
    huge.read_for(std::chrono::seconds(5), &closed);
    EXPECT_TRUE(closed) << "a 10 MiB frame must close the connection";
    EXPECT_LT(resident_kib(server_.pid()) - pid_before, 8 * 1024) << "the frame was buffered";

    bystander.send_text(R"({"t":"ping","id":2})");
    auto const pong = bystander.read();
    ASSERT_TRUE(pong.has_value()) << "another client was disturbed";
    EXPECT_EQ(json::parse(*pong)["id"], 2);
    expect_server_serves();
}

TEST_F(FaultTest, AClientThatStopsReadingIsClosedWithItsQueueBounded) {
    raw_socket slow(port(), 4096);
    ASSERT_TRUE(slow.upgrade());
    auto const rss_before = resident_kib(server_.pid());
    // Pings without ever reading the pongs: once the socket buffers are full, the server queues
    // pongs, and at 1,024 queued it must drop this client rather than grow.
    std::string batch;
    for (int i = 0; i < 1000; ++i)
        batch +=
            text_frame(R"({"t":"ping","id":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})");
    bool refused = false; // reset by the server, or no progress for 5 s
    for (int i = 0; i < 2000 && !refused; ++i)
        refused = !slow.send_all(batch);
    EXPECT_TRUE(refused) << "2 million pings went through without the pongs being read";
    long const rss_after = resident_kib(server_.pid());
    bool closed = false;
    while (!closed) {
        auto const got = slow.read_for(std::chrono::seconds(5), &closed);
        if (got.empty())
            break;
    }
    EXPECT_TRUE(closed) << "the slow consumer is still connected";
    EXPECT_LT(rss_after - rss_before, 64 * 1024) << "the server's memory grew with the queue";
    expect_server_serves();
}

TEST_F(FaultTest, ThousandsOfIdleConnectionsDoNotStopService) {
    auto const rss_before = resident_kib(server_.pid());
    std::vector<std::unique_ptr<raw_socket>> idle;
    for (int i = 0; i < 3000; ++i) {
        idle.push_back(std::make_unique<raw_socket>(port()));
        ASSERT_TRUE(idle.back()->connected()) << "connection " << i;
    }
    // Half of them upgrade to WebSocket and stay silent.
    for (std::size_t i = 0; i < idle.size(); i += 2)
        ASSERT_TRUE(idle[i]->upgrade()) << "upgrade " << i;
    expect_server_serves();
    long const per_connection = (resident_kib(server_.pid()) - rss_before) * 1024 / 3000;
    EXPECT_LT(per_connection, 64 * 1024) << "bytes of server memory per idle connection";
    idle.clear();
    expect_server_serves();
}

} // namespace
} // namespace phongthi::test
