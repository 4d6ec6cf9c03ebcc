#pragma once

#include "server/net/http_session.hpp"

namespace phongthi::server::net_detail {

/// Accepts connections and starts an http_session on a new strand for each.
class listener : public std::enable_shared_from_this<listener> {
public:
    /// Opens, binds and listens; throws boost::system::system_error on failure.
    listener(net::io_context& ioc, tcp::endpoint endpoint,
             std::shared_ptr<connection_context> context);

    /// Starts accepting. Call once.
    void run();
    /// Closes the acceptor. Thread-safe.
    void stop();
    std::uint16_t port() const { return port_; }

private:
    void do_accept();
    void on_accept(beast::error_code ec, tcp::socket socket);

    net::io_context& ioc_;
    tcp::acceptor acceptor_;
    std::shared_ptr<connection_context> context_;
    std::uint16_t port_ = 0;
};

} // namespace phongthi::server::net_detail
