#pragma once

// Asio's and Beast's TLS streams, for the files of server/net only.
#include "server/net/beast.hpp"

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>

namespace phongthi::server::net_detail {

namespace ssl = net::ssl;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

} // namespace phongthi::server::net_detail
