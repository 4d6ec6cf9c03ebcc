#pragma once

#include <chrono>
#include <cstddef>

/// Every network limit of the server, in one place.
namespace phongthi::server::limits {

using namespace std::chrono_literals;

constexpr std::size_t http_header_bytes = 8 * 1024;
constexpr std::size_t http_body_bytes = 16 * 1024 * 1024; ///< large enough for a bank upload
constexpr auto http_read_timeout =
    30s; ///< a whole request, or the next one on a kept-alive connection
constexpr auto http_write_timeout = 30s;

constexpr std::size_t ws_message_bytes = 64 * 1024;
constexpr std::size_t ws_send_queue =
    1024; ///< messages queued for one slow client before closing it
constexpr auto ws_handshake_timeout = 30s;
constexpr auto ws_idle_timeout = 120s; ///< with keep-alive pings, a dead peer is dropped after this

/// Open connections (HTTP and WebSocket) served at once unless `serve --max-connections` says
/// otherwise: a province's exam, 10,000 candidates, with room for the staff. Beyond it a new
/// connection is closed at once.
constexpr std::size_t default_max_connections = 12000;
/// Open connections from one client address unless `serve --max-connections-per-ip` says
/// otherwise (0 turns the cap off). A candidate PC holds one WebSocket and, while a page loads,
/// up to six keep-alive HTTP connections (browsers open at most six per server); a lab of ~250
/// PCs behind one NAT address therefore needs ~1,750. 2,000 never bites such a lab, and still
/// keeps one address from taking more than a sixth of default_max_connections.
constexpr std::size_t default_max_connections_per_address = 2000;
/// HTTP requests one client address may make per second on average, and at once after a quiet
/// spell (a token bucket), unless `serve --requests-per-ip-per-second` and `--request-burst` say
/// otherwise (0 turns the limit off). A page load is ~40 requests and staff screens far fewer; a
/// NAT'd lab of 250 PCs all loading the client within 30 s makes 10,000 = 4,000 + 200 x 30.
/// WebSocket messages are not counted.
constexpr long default_requests_per_second_per_address = 200;
constexpr long default_request_burst = 4000;
/// File descriptors the server needs besides its connections (the database and its journal,
/// the read pool, logs, the listener), added to the cap when it raises RLIMIT_NOFILE.
constexpr std::size_t spare_descriptors = 256;

constexpr auto http_client_timeout = 30s; ///< one whole exchange of the CLI with the server
constexpr std::size_t http_client_body_bytes = 16 * 1024 * 1024; ///< the largest answer it reads

} // namespace phongthi::server::limits
