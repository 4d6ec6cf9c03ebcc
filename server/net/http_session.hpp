#pragma once

#include "server/log_sampler.hpp"
#include "server/net/address_connections.hpp"
#include "server/net/http_server.hpp"
#include "server/net/tls.hpp"

#include <atomic>

namespace phongthi::server::net_detail {

/// What every connection shares: the application's handlers and the connection counts.
struct connection_context {
    http_handler http;
    ws_handler_factory ws;
    std::string websocket_path;
    std::function<bool(std::string_view method, std::string_view target)> large_body;
    std::size_t large_body_bytes = 0;
    std::function<http_response(int status, std::string_view code, language lang)> error_page;
    tls_mode mode = tls_mode::off;
    std::shared_ptr<ssl::context> tls; ///< null when mode is off
    std::size_t max_connections = 0;   ///< a connection beyond it is closed at once
    std::atomic<std::size_t> connections{0};
    /// Open connections per client address; null when there is no per-address cap.
    std::unique_ptr<address_connections> per_address;
    /// The whole 503 answers (status line to body) to a connection over the per-address cap and
    /// over max_connections.
    std::string per_address_refusal;
    std::string total_refusal;
    log_sampler total_refusals_logged;   ///< one log line a second while over max_connections
    log_sampler address_refusals_logged; ///< one log line a second while addresses are over
};

/// Counts one open connection for as long as it lives (moved along when HTTP upgrades to
/// WebSocket), and one of `address` when not empty (already counted by try_open).
class connection_slot {
public:
    connection_slot(std::shared_ptr<connection_context> context, std::string address);
    ~connection_slot();
    connection_slot(connection_slot&& other) noexcept = default;
    connection_slot(connection_slot const&) = delete;
    connection_slot& operator=(connection_slot const&) = delete;
    connection_slot& operator=(connection_slot&&) = delete;
    connection_context& context() const { return *context_; }

private:
    std::shared_ptr<connection_context> context_;
    std::string address_; ///< counted in context_->per_address; empty when not
};

/// Serves HTTP requests on one accepted socket until it closes or upgrades to a WebSocket: plain,
/// over TLS, or either as the first bytes say, as the context's mode wants. Call on the socket's
/// strand.
void start_http_session(tcp::socket socket, std::shared_ptr<connection_context> context);

} // namespace phongthi::server::net_detail
