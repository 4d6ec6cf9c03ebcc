#pragma once

#include "server/net/beast.hpp"
#include "server/net/http_server.hpp"

#include <atomic>

namespace phongthi::server::net_detail {

/// What every connection shares: the application's handlers and the connection count.
struct connection_context {
    http_handler http;
    ws_handler_factory ws;
    std::string websocket_path;
    std::atomic<std::size_t> connections{0};
};

/// Serves HTTP requests on one accepted socket until it closes or upgrades to a WebSocket.
/// Call on the socket's strand.
void start_http_session(tcp::socket socket, std::shared_ptr<connection_context> context);

} // namespace phongthi::server::net_detail
