#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace phongthi::test {

/// A finished HTTP exchange.
struct http_result {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers; ///< names in lower case
    std::string body;
    std::string header(std::string const& name) const;
};

using header_list = std::vector<std::pair<std::string, std::string>>;

/// One HTTP/1.1 request to 127.0.0.1:port on a new connection (synchronous, 10 s timeout).
http_result http_call(unsigned short port, std::string const& method, std::string const& target,
                      std::string const& body = {}, header_list const& headers = {});

/// Writes raw bytes to 127.0.0.1:port, half-closes, and returns what comes back until the
/// server closes the connection (or 5 s pass).
std::string raw_exchange(unsigned short port, std::string const& bytes);

/// A WebSocket client for tests (synchronous, each read bounded by a timeout).
class ws_client {
public:
    /// Connects from `from` (another loopback address, e.g. "127.0.0.2", stands for another PC)
    /// or from the default address when empty.
    explicit ws_client(unsigned short port, std::string const& target = "/ws",
                       std::string const& from = {});
    ~ws_client();
    ws_client(ws_client const&) = delete;
    ws_client& operator=(ws_client const&) = delete;

    void send_text(std::string const& text);
    void send_binary(std::string const& bytes);
    /// The next text message, or nullopt when the connection closed or the timeout passed.
    std::optional<std::string> read(std::chrono::seconds timeout = std::chrono::seconds(5));

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace phongthi::test
