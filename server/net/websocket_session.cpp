#include "server/net/websocket_session.hpp"

#include "server/log.hpp"
#include "server/net/limits.hpp"

#include <list>

namespace phongthi::server::net_detail {

namespace {

/// One WebSocket connection over `NextLayer` (plain TCP or TLS): owns the stream, the read
/// buffer, the write queue and the application handler; lives as long as an operation holds
/// shared_from_this().
template <class NextLayer>
class websocket_session : public ws_peer,
                          public std::enable_shared_from_this<websocket_session<NextLayer>> {
    using std::enable_shared_from_this<websocket_session>::shared_from_this;
    using std::enable_shared_from_this<websocket_session>::weak_from_this;

public:
    websocket_session(NextLayer&& stream, connection_slot&& slot, std::string remote_address)
        : ws_(std::move(stream)), slot_(std::move(slot)),
          remote_address_(std::move(remote_address)) {}

    void run(beast_request request, http_request const& upgrade,
             ws_handler_factory const& factory) {
        handler_ = factory(weak_from_this(), upgrade);
        beast::get_lowest_layer(ws_).expires_never();
        websocket::stream_base::timeout timeout{};
        timeout.handshake_timeout = limits::ws_handshake_timeout;
        timeout.idle_timeout = limits::ws_idle_timeout;
        timeout.keep_alive_pings = true;
        ws_.set_option(timeout);
        ws_.read_message_max(limits::ws_message_bytes);
        ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
            add_standard_headers(response.base(), false);
        }));
        ws_.async_accept(
            request, beast::bind_front_handler(&websocket_session::on_accept, shared_from_this()));
    }

    void send(std::shared_ptr<std::string const> text) override {
        net::post(ws_.get_executor(),
                  [self = shared_from_this(), text = std::move(text)]() mutable {
                      self->queue_write(std::move(text));
                  });
    }

    void close() override {
        net::post(ws_.get_executor(), [self = shared_from_this()] {
            if (self->closing_)
                return;
            self->closing_ = true;
            // A close is a write: it waits for the queued messages to go out first.
            if (self->queue_.empty())
                self->do_close();
        });
    }

    std::string const& remote_address() const override { return remote_address_; }

private:
    void on_accept(beast::error_code ec) {
        if (ec) {
            handler_->on_close();
            return fail(ec, "ws.accept");
        }
        do_read();
    }

    void do_read() {
        ws_.async_read(buffer_,
                       beast::bind_front_handler(&websocket_session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec) {
            handler_->on_close();
            return fail(ec, "ws.read");
        }
        if (ws_.got_text())
            handler_->on_text(
                std::string_view(static_cast<char const*>(buffer_.data().data()), buffer_.size()));
        else
            handler_->on_binary();
        buffer_.consume(buffer_.size());
        do_read();
    }

    void queue_write(std::shared_ptr<std::string const> text) {
        if (closing_)
            return;
        if (queue_.size() >= limits::ws_send_queue) {
            log(log_level::warn, "ws.slow_client", {{"address", remote_address_}});
            closing_ = true;
            beast::get_lowest_layer(ws_).close();
            return;
        }
        queue_.push_back(std::move(text));
        if (queue_.size() == 1)
            do_write();
    }

    void do_write() {
        ws_.text(true);
        ws_.async_write(
            net::buffer(*queue_.front()),
            beast::bind_front_handler(&websocket_session::on_write, shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        if (ec)
            return fail(ec, "ws.write");
        queue_.pop_front();
        if (!queue_.empty())
            do_write();
        else if (closing_)
            do_close();
    }

    void do_close() {
        ws_.async_close(websocket::close_code::normal,
                        [self = shared_from_this()](beast::error_code ec) {
                            if (ec)
                                fail(ec, "ws.close");
                        });
    }

    websocket::stream<NextLayer> ws_;
    connection_slot slot_;
    beast::flat_buffer buffer_;
    /// A list, not a deque: libstdc++'s deque allocates 576 bytes even empty, and almost every
    /// connection's queue is empty almost always (10,000 candidates: 5.6 MB).
    std::list<std::shared_ptr<std::string const>> queue_;
    std::unique_ptr<ws_handler> handler_;
    std::string remote_address_;
    bool closing_ = false;
};

template <class NextLayer>
void start_session(NextLayer&& stream, connection_slot&& slot, beast_request&& request,
                   http_request const& upgrade, ws_handler_factory const& factory) {
    auto session = std::make_shared<websocket_session<NextLayer>>(
        std::move(stream), std::move(slot), upgrade.remote_address);
    session->run(std::move(request), upgrade, factory);
}

} // namespace

void start_websocket_session(beast::tcp_stream stream, connection_slot slot, beast_request request,
                             http_request const& upgrade, ws_handler_factory const& factory) {
    start_session(std::move(stream), std::move(slot), std::move(request), upgrade, factory);
}

void start_websocket_session(tls_stream stream, connection_slot slot, beast_request request,
                             http_request const& upgrade, ws_handler_factory const& factory) {
    start_session(std::move(stream), std::move(slot), std::move(request), upgrade, factory);
}

} // namespace phongthi::server::net_detail
