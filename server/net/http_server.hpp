#pragma once

#include "server/http/message.hpp"
#include "server/net/limits.hpp"
#include "server/net/tls_identity.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace phongthi::server {

/// The far end of one WebSocket connection, as the application sees it.
/// Every member is thread-safe.
class ws_peer {
public:
    virtual ~ws_peer() = default;
    /// Queues a text message; messages go out in order.
    virtual void send(std::shared_ptr<std::string const> text) = 0;
    /// Starts a normal close.
    virtual void close() = 0;
    virtual std::string const& remote_address() const = 0;
};

/// The application side of one WebSocket connection. Called on the connection's strand only.
class ws_handler {
public:
    virtual ~ws_handler() = default;
    virtual void on_text(std::string_view text) = 0;
    /// The peer sent a binary frame, which the protocol does not use.
    virtual void on_binary() = 0;
    virtual void on_close() = 0;
};

/// Makes the handler of a new connection. `peer` is weak: the connection owns the handler.
using ws_handler_factory =
    std::function<std::unique_ptr<ws_handler>(std::weak_ptr<ws_peer> peer, http_request const&)>;

/// Which protocols the port speaks: plain HTTP, HTTPS only (with HSTS), or both on the same
/// port (each connection's first bytes tell a TLS handshake from plain HTTP).
enum class tls_mode { off, on, both };

/// Where and how the server listens.
struct server_options {
    std::string host = "0.0.0.0";
    std::uint16_t port = 8080;  ///< 0 picks a free port
    int threads = 0;            ///< 0 means one per core it may run on (affinity)
    bool handle_signals = true; ///< stop on SIGINT/SIGTERM
    std::string websocket_path = "/ws";
    /// Requests for which `large_body(method, target)` is true (course material uploads) may
    /// carry up to `large_body_bytes` instead of limits::http_body_bytes; decided once the
    /// header is read. Called on a connection's strand, so it must be thread-safe.
    std::function<bool(std::string_view method, std::string_view target)> large_body;
    std::size_t large_body_bytes = 0;
    tls_mode tls = tls_mode::off;
    tls_identity identity; ///< the certificate and key when tls is not off
    /// Connections served at once; the server raises its RLIMIT_NOFILE soft limit to fit them.
    std::size_t max_connections = limits::default_max_connections;
    /// Open connections one client address may hold at once; 0: no cap. Beyond it a new
    /// connection is answered a short 503 (plain HTTP) or closed (TLS) at once.
    std::size_t max_connections_per_address = limits::default_max_connections_per_address;
    /// The answer to a request the server refuses before any handler runs (400, 404, 413, 431)
    /// with an error `code`, in `lang`: the application's error table. Required; called on a
    /// connection's strand, so it must be thread-safe.
    std::function<http_response(int status, std::string_view code, language lang)> error_page;
};

/// HTTP + WebSocket on one port (Boost.Beast), multi-threaded, a strand per connection.
class http_server {
public:
    /// Binds and listens at once (so port() is known); throws std::runtime_error on failure.
    http_server(server_options options, http_handler http, ws_handler_factory ws);
    ~http_server();
    http_server(http_server const&) = delete;
    http_server& operator=(http_server const&) = delete;

    /// The bound port. Thread-safe.
    std::uint16_t port() const;
    /// Serves until stop() or a signal; runs the I/O threads and joins them before returning.
    void run();
    /// Stops accepting and ends every connection. Thread-safe, idempotent.
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace phongthi::server
