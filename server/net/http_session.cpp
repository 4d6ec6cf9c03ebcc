#include "server/net/http_session.hpp"

#include "server/log.hpp"
#include "server/net/limits.hpp"
#include "server/net/websocket_session.hpp"

#include <optional>

namespace phongthi::server::net_detail {

connection_slot::connection_slot(std::shared_ptr<connection_context> context, std::string address)
    : context_(std::move(context)), address_(std::move(address)) {
    ++context_->connections;
}

connection_slot::~connection_slot() {
    if (!context_)
        return;
    --context_->connections;
    if (!address_.empty())
        context_->per_address->close(address_);
}

namespace {

http::response<http::string_body> to_beast_response(http_response&& source, unsigned version,
                                                    bool keep_alive, bool hsts) {
    http::response<http::string_body> response{static_cast<http::status>(source.status), version};
    add_standard_headers(response.base(), hsts);
    if (!source.content_type.empty())
        response.set(http::field::content_type, source.content_type);
    for (auto& [name, value] : source.headers)
        response.set(name, value);
    response.keep_alive(keep_alive);
    response.body() = std::move(source.body);
    response.prepare_payload();
    return response;
}

/// One HTTP connection over Derived's stream: reads a request, lets the application answer
/// (perhaps later, from another thread), writes the answer, and reads the next one. No
/// pipelining. Derived owns the stream (stream()) and says how it ends (do_eof()).
template <class Derived> class http_session {
public:
    http_session(connection_slot&& slot, std::string remote_address, beast::flat_buffer buffer)
        : slot_(std::move(slot)), remote_address_(std::move(remote_address)),
          buffer_(std::move(buffer)) {}

protected:
    Derived& derived() { return static_cast<Derived&>(*this); }

    void do_read() {
        parser_.emplace();
        parser_->header_limit(limits::http_header_bytes);
        // Beast checks Content-Length against the limit as the header ends: allow the largest
        // body here and lower the limit in on_header() for every other request.
        parser_->body_limit(std::max(limits::http_body_bytes, slot_.context().large_body_bytes));
        beast::get_lowest_layer(derived().stream()).expires_after(limits::http_read_timeout);
        http::async_read_header(
            derived().stream(), buffer_, *parser_,
            beast::bind_front_handler(&http_session::on_header, derived().shared_from_this()));
    }

    /// Keeps the large body limit only for the requests the application allows large bodies
    /// (uploads of course materials), then reads the body.
    void on_header(beast::error_code ec, std::size_t bytes) {
        if (ec)
            return on_read(ec, bytes);
        auto const& context = slot_.context();
        auto const& header = parser_->get();
        if (!context.large_body || !context.large_body(header.method_string(), header.target())) {
            if (parser_->content_length().value_or(0) > limits::http_body_bytes)
                return reply_and_close(413, "payload_too_large");
            parser_->body_limit(limits::http_body_bytes);
        }
        http::async_read(
            derived().stream(), buffer_, *parser_,
            beast::bind_front_handler(&http_session::on_read, derived().shared_from_this()));
    }

    connection_slot slot_;
    std::string remote_address_;
    beast::flat_buffer buffer_;

private:
    void on_read(beast::error_code ec, std::size_t) {
        if (ec == http::error::end_of_stream)
            return derived().do_eof();
        if (ec == http::error::body_limit)
            return reply_and_close(413, "payload_too_large");
        if (ec == http::error::header_limit)
            return reply_and_close(431, "headers_too_large");
        if (ec.category() == http::make_error_code(http::error::bad_target).category())
            return reply_and_close(400, "bad_request");
        if (ec)
            return fail(ec, "http.read");

        beast_request request = parser_->release();
        http_request app_request = to_http_request(request, remote_address_);
        if (websocket::is_upgrade(request)) {
            if (app_request.path != slot_.context().websocket_path)
                return reply_and_close(404, "not_found");
            auto const& factory = slot_.context().ws;
            return start_websocket_session(derived().release_stream(), std::move(slot_),
                                           std::move(request), app_request, factory);
        }
        version_ = request.version();
        keep_alive_ = request.keep_alive();
        head_ = request.method() == http::verb::head;
        // The responder may be called from any thread; it hops back to this strand.
        auto self = derived().shared_from_this();
        slot_.context().http(app_request, [self](http_response response) {
            net::post(self->stream().get_executor(),
                      [self, response = std::move(response)]() mutable {
                          self->write(std::move(response));
                      });
        });
    }

public:
    void write(http_response response) {
        auto message = to_beast_response(std::move(response), version_, keep_alive_,
                                         Derived::secure && slot_.context().mode == tls_mode::on);
        if (head_)
            message.body().clear();
        beast::get_lowest_layer(derived().stream()).expires_after(limits::http_write_timeout);
        bool const keep_alive = message.keep_alive();
        beast::async_write(derived().stream(), http::message_generator(std::move(message)),
                           beast::bind_front_handler(&http_session::on_write,
                                                     derived().shared_from_this(), keep_alive));
    }

private:
    void reply_and_close(int status, std::string_view code) {
        log(log_level::info, "http.refused",
            {{"address", remote_address_},
             {"status", std::to_string(status)},
             {"code", std::string(code)}});
        version_ = 11;
        keep_alive_ = false;
        head_ = false;
        write(slot_.context().error_page(status, code, request_language()));
    }

    /// The language the request's header asks for, once it has been read (Vietnamese before).
    language request_language() const {
        if (!parser_ || !parser_->is_header_done())
            return language::vi;
        return language_of(parser_->get()[http::field::accept_language]);
    }

    void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
        if (ec)
            return fail(ec, "http.write");
        if (!keep_alive)
            return derived().do_eof();
        do_read();
    }

    std::optional<http::request_parser<http::string_body>> parser_;
    unsigned version_ = 11;
    bool keep_alive_ = false;
    bool head_ = false;
};

/// HTTP in the clear.
class plain_http_session : public http_session<plain_http_session>,
                           public std::enable_shared_from_this<plain_http_session> {
public:
    static constexpr bool secure = false;

    plain_http_session(beast::tcp_stream&& stream, connection_slot&& slot,
                       beast::flat_buffer buffer)
        : http_session(std::move(slot), remote_address_of(stream.socket()), std::move(buffer)),
          stream_(std::move(stream)) {}

    void run() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&plain_http_session::do_read, shared_from_this()));
    }

    beast::tcp_stream& stream() { return stream_; }
    beast::tcp_stream release_stream() { return std::move(stream_); }

    void do_eof() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

private:
    beast::tcp_stream stream_;
};

/// HTTPS: the TLS handshake (fed whatever the detector already read), then HTTP.
class tls_http_session : public http_session<tls_http_session>,
                         public std::enable_shared_from_this<tls_http_session> {
public:
    static constexpr bool secure = true;

    tls_http_session(beast::tcp_stream&& stream, connection_slot&& slot, beast::flat_buffer buffer)
        : http_session(std::move(slot), remote_address_of(stream.socket()), std::move(buffer)),
          stream_(std::move(stream), *slot_.context().tls) {}

    void run() {
        net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
            beast::get_lowest_layer(self->stream_).expires_after(limits::http_read_timeout);
            self->stream_.async_handshake(
                ssl::stream_base::server, self->buffer_.data(),
                beast::bind_front_handler(&tls_http_session::on_handshake, self));
        });
    }

    tls_stream& stream() { return stream_; }
    tls_stream release_stream() { return std::move(stream_); }

    void do_eof() {
        beast::get_lowest_layer(stream_).expires_after(limits::http_write_timeout);
        stream_.async_shutdown([self = shared_from_this()](beast::error_code) {});
    }

private:
    void on_handshake(beast::error_code ec, std::size_t used) {
        if (ec)
            return fail(ec, "tls.handshake");
        buffer_.consume(used);
        do_read();
    }

    tls_stream stream_;
};

/// Reads the first bytes of a connection on a port that speaks both, and hands it on.
class protocol_detector : public std::enable_shared_from_this<protocol_detector> {
public:
    protocol_detector(tcp::socket&& socket, connection_slot&& slot)
        : stream_(std::move(socket)), slot_(std::move(slot)) {}

    void run() {
        net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
            self->stream_.expires_after(limits::http_read_timeout);
            beast::async_detect_ssl(self->stream_, self->buffer_,
                                    beast::bind_front_handler(&protocol_detector::on_detect, self));
        });
    }

private:
    void on_detect(beast::error_code ec, bool tls) {
        if (ec)
            return fail(ec, "tls.detect");
        if (tls)
            std::make_shared<tls_http_session>(std::move(stream_), std::move(slot_),
                                               std::move(buffer_))
                ->run();
        else
            std::make_shared<plain_http_session>(std::move(stream_), std::move(slot_),
                                                 std::move(buffer_))
                ->run();
    }

    beast::tcp_stream stream_;
    connection_slot slot_;
    beast::flat_buffer buffer_;
};

/// Answers a refused connection at once with `refusal` (a prepared 503) in one non-blocking
/// write (a new socket's send buffer takes it whole) on a plain port, then it closes as it goes
/// out of scope; a TLS port cannot answer before a handshake, so it only closes.
void answer_refused(tcp::socket& socket, connection_context const& context,
                    std::string const& refusal) {
    if (context.mode != tls_mode::off)
        return;
    beast::error_code ec;
    socket.non_blocking(true, ec);
    if (!ec)
        socket.write_some(net::buffer(refusal), ec);
    socket.shutdown(tcp::socket::shutdown_send, ec);
}

/// Refuses a connection over the per-address cap; logged at most once a second, before the
/// answer, so whoever sees the answer can find the line.
void refuse_busy_address(tcp::socket& socket, connection_context& context,
                         std::string const& address) {
    std::uint64_t skipped = 0;
    if (context.address_refusals_logged.due(log_sampler::clock::now(), skipped))
        log(log_level::warn, "net.address_connection_limit",
            {{"address", address},
             {"limit", std::to_string(context.per_address->limit())},
             {"refused_since_last_line", std::to_string(skipped)}});
    answer_refused(socket, context, context.per_address_refusal);
}

/// Refuses a connection over max_connections; logged as refuse_busy_address() is.
void refuse_over_total(tcp::socket& socket, connection_context& context) {
    std::uint64_t skipped = 0;
    if (context.total_refusals_logged.due(log_sampler::clock::now(), skipped))
        log(log_level::warn, "net.too_many_connections",
            {{"limit", std::to_string(context.max_connections)},
             {"refused_since_last_line", std::to_string(skipped)}});
    answer_refused(socket, context, context.total_refusal);
}

} // namespace

void start_http_session(tcp::socket socket, std::shared_ptr<connection_context> context) {
    if (context->connections.load() >= context->max_connections)
        return refuse_over_total(socket, *context);
    std::string address;
    if (context->per_address) {
        address = remote_address_of(socket);
        if (!address.empty() && !context->per_address->try_open(address))
            return refuse_busy_address(socket, *context, address);
    }
    auto const mode = context->mode;
    connection_slot slot(std::move(context), std::move(address));
    switch (mode) {
    case tls_mode::off:
        return std::make_shared<plain_http_session>(beast::tcp_stream(std::move(socket)),
                                                    std::move(slot), beast::flat_buffer())
            ->run();
    case tls_mode::on:
        return std::make_shared<tls_http_session>(beast::tcp_stream(std::move(socket)),
                                                  std::move(slot), beast::flat_buffer())
            ->run();
    case tls_mode::both:
        return std::make_shared<protocol_detector>(std::move(socket), std::move(slot))->run();
    }
}

} // namespace phongthi::server::net_detail
