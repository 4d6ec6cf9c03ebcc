#pragma once

#include "server/net/http_server.hpp"
#include "server/net/http_session.hpp"

namespace phongthi::server::net_detail {

/// Takes over an upgraded connection: accepts the handshake for `request` and runs the
/// WebSocket session until it closes; `slot` keeps the connection counted. Call on the connection's
/// strand.
void start_websocket_session(beast::tcp_stream stream, connection_slot slot, beast_request request,
                             http_request const& upgrade, ws_handler_factory const& factory);
/// The same over TLS.
void start_websocket_session(tls_stream stream, connection_slot slot, beast_request request,
                             http_request const& upgrade, ws_handler_factory const& factory);

} // namespace phongthi::server::net_detail
