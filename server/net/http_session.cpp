#include "server/net/http_session.hpp"

#include "server/log.hpp"
#include "server/net/limits.hpp"
#include "server/net/websocket_session.hpp"

#include <optional>

namespace phongthi::server::net_detail {

connection_slot::connection_slot(std::shared_ptr<connection_context> context)
    : context_(std::move(context)) {
    ++context_->connections;
}

connection_slot::~connection_slot() {
    if (context_)
        --context_->connections;
}

namespace {

http::response<http::string_body> to_beast_response(http_response&& source, unsigned version,
                                                    bool keep_alive) {
    http::response<http::string_body> response{static_cast<http::status>(source.status), version};
    add_standard_headers(response.base());
    if (!source.content_type.empty())
        response.set(http::field::content_type, source.content_type);
    for (auto& [name, value] : source.headers)
        response.set(name, value);
    response.keep_alive(keep_alive);
    response.body() = std::move(source.body);
    response.prepare_payload();
    return response;
}

http_response error_page(int status, std::string_view code) {
    return {status,
            "application/json",
            "{\"error\":{\"code\":\"" + std::string(code) + "\",\"message\":\"" +
                std::string(code) + "\"}}",
            {}};
}

/// One HTTP connection: reads a request, lets the application answer (perhaps later, from
/// another thread), writes the answer, and reads the next one. No pipelining.
class http_session : public std::enable_shared_from_this<http_session> {
public:
    http_session(tcp::socket&& socket, std::shared_ptr<connection_context> context)
        : stream_(std::move(socket)), slot_(std::move(context)),
          remote_address_(remote_address_of(stream_.socket())) {}

    void run() {
        net::dispatch(stream_.get_executor(),
                      beast::bind_front_handler(&http_session::do_read, shared_from_this()));
    }

private:
    void do_read() {
        parser_.emplace();
        parser_->header_limit(limits::http_header_bytes);
        // Beast checks Content-Length against the limit as the header ends: allow the largest
        // body here and lower the limit in on_header() for every other request.
        parser_->body_limit(std::max(limits::http_body_bytes, slot_.context().large_body_bytes));
        stream_.expires_after(limits::http_read_timeout);
        http::async_read_header(
            stream_, buffer_, *parser_,
            beast::bind_front_handler(&http_session::on_header, shared_from_this()));
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
        http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&http_session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec == http::error::end_of_stream)
            return do_close();
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
            return start_websocket_session(std::move(stream_), std::move(slot_), std::move(request),
                                           app_request, factory);
        }
        version_ = request.version();
        keep_alive_ = request.keep_alive();
        head_ = request.method() == http::verb::head;
        // The responder may be called from any thread; it hops back to this strand.
        auto self = shared_from_this();
        slot_.context().http(app_request, [self](http_response response) {
            net::post(self->stream_.get_executor(),
                      [self, response = std::move(response)]() mutable {
                          self->write(std::move(response));
                      });
        });
    }

    void write(http_response response) {
        auto message = to_beast_response(std::move(response), version_, keep_alive_);
        if (head_)
            message.body().clear();
        stream_.expires_after(limits::http_write_timeout);
        bool const keep_alive = message.keep_alive();
        beast::async_write(
            stream_, http::message_generator(std::move(message)),
            beast::bind_front_handler(&http_session::on_write, shared_from_this(), keep_alive));
    }

    void reply_and_close(int status, std::string_view code) {
        log(log_level::info, "http.refused",
            {{"address", remote_address_},
             {"status", std::to_string(status)},
             {"code", std::string(code)}});
        version_ = 11;
        keep_alive_ = false;
        head_ = false;
        write(error_page(status, code));
    }

    void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
        if (ec)
            return fail(ec, "http.write");
        if (!keep_alive)
            return do_close();
        do_read();
    }

    void do_close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

    beast::tcp_stream stream_;
    connection_slot slot_;
    std::string remote_address_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    unsigned version_ = 11;
    bool keep_alive_ = false;
    bool head_ = false;
};

} // namespace

void start_http_session(tcp::socket socket, std::shared_ptr<connection_context> context) {
    if (context->connections.load() >= limits::max_connections) {
        log(log_level::warn, "net.too_many_connections");
        return; // the socket closes as it goes out of scope
    }
    std::make_shared<http_session>(std::move(socket), std::move(context))->run();
}

} // namespace phongthi::server::net_detail
