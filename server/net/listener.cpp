#include "server/net/listener.hpp"

#include "server/log.hpp"

namespace phongthi::server::net_detail {

listener::listener(net::io_context& ioc, tcp::endpoint endpoint,
                   std::shared_ptr<connection_context> context)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), context_(std::move(context)) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
    port_ = acceptor_.local_endpoint().port();
}

void listener::run() {
    do_accept();
}

void listener::stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
        beast::error_code ec;
        self->acceptor_.close(ec);
    });
}

void listener::do_accept() {
    // Each connection gets its own strand, so its handlers never run concurrently.
    acceptor_.async_accept(net::make_strand(ioc_),
                           beast::bind_front_handler(&listener::on_accept, shared_from_this()));
}

void listener::on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted)
        return; // stopped
    if (ec)
        fail(ec, "accept");
    else
        start_http_session(std::move(socket), context_);
    if (acceptor_.is_open())
        do_accept();
}

} // namespace phongthi::server::net_detail
