#pragma once

// Beast and Asio for the files of server/net only: no other header includes this.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "server/http/message.hpp"

namespace phongthi::server::net_detail {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

using beast_request = http::request<http::string_body>;

/// Logs a failed operation, quietly for the normal ends of a connection.
void fail(beast::error_code ec, char const* what);

/// The application's view of a Beast request.
http_request to_http_request(beast_request const& request, std::string remote_address);

/// Headers every response carries (security policy, server name), and HSTS when `hsts`.
void add_standard_headers(http::fields& fields, bool hsts);

/// "ip" or "[ipv6]" of the peer, or "" when the socket is gone.
std::string remote_address_of(tcp::socket const& socket);

} // namespace phongthi::server::net_detail
