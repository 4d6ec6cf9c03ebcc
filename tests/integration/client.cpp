#include "tests/integration/client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace phongthi::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

namespace {

tcp::endpoint loopback(unsigned short port) {
    return {net::ip::make_address("127.0.0.1"), port};
}

/// Runs `ioc` until the pending operations finish or `timeout` passes (then closes the stream).
void run_for(net::io_context& ioc, std::chrono::seconds timeout) {
    ioc.restart();
    ioc.run_for(timeout);
}

} // namespace

std::string http_result::header(std::string const& name) const {
    for (auto const& [key, value] : headers) {
        if (key == name)
            return value;
    }
    return {};
}

http_result http_call(unsigned short port, std::string const& method, std::string const& target,
                      std::string const& body, header_list const& headers) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(loopback(port));
    http::request<http::string_body> request{http::string_to_verb(method), target, 11};
    request.set(http::field::host, "127.0.0.1");
    for (auto const& [name, value] : headers)
        request.set(name, value);
    request.body() = body;
    request.prepare_payload();
    stream.expires_after(std::chrono::seconds(10));
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == "HEAD")
        parser.skip(true);
    http::read(stream.socket(), buffer, parser);
    auto const& response = parser.get();
    http_result result;
    result.status = static_cast<int>(response.result_int());
    for (auto const& field : response) {
        std::string name(field.name_string());
        for (char& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        result.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    result.body = response.body();
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return result;
}

std::string raw_exchange(unsigned short port, std::string const& bytes) {
    net::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect(loopback(port));
    net::write(socket, net::buffer(bytes));
    // Half-close: the server sees the end of what we send and must answer or close at once.
    beast::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    std::string received;
    std::array<char, 4096> chunk;
    std::function<void(beast::error_code, std::size_t)> on_read;
    on_read = [&](beast::error_code ec, std::size_t n) {
        received.append(chunk.data(), n);
        if (!ec)
            socket.async_read_some(net::buffer(chunk), on_read);
    };
    socket.async_read_some(net::buffer(chunk), on_read);
    run_for(ioc, std::chrono::seconds(5));
    return received;
}

struct ws_client::impl {
    net::io_context ioc;
    websocket::stream<beast::tcp_stream> ws{ioc};
};

ws_client::ws_client(unsigned short port, std::string const& target, std::string const& from)
    : impl_(std::make_unique<impl>()) {
    if (!from.empty()) {
        auto& socket = beast::get_lowest_layer(impl_->ws).socket();
        socket.open(tcp::v4());
        socket.bind({net::ip::make_address(from), 0});
    }
    beast::get_lowest_layer(impl_->ws).connect(loopback(port));
    impl_->ws.handshake("127.0.0.1", target);
}

ws_client::~ws_client() {
    beast::error_code ignored;
    beast::get_lowest_layer(impl_->ws).socket().close(ignored);
}

void ws_client::send_text(std::string const& text) {
    impl_->ws.text(true);
    impl_->ws.write(net::buffer(text));
}

void ws_client::send_binary(std::string const& bytes) {
    impl_->ws.binary(true);
    impl_->ws.write(net::buffer(bytes));
}

std::optional<std::string> ws_client::read(std::chrono::seconds timeout) {
    beast::flat_buffer buffer;
    std::optional<std::string> message;
    bool done = false;
    impl_->ws.async_read(buffer, [&](beast::error_code ec, std::size_t) {
        done = true;
        if (!ec)
            message = beast::buffers_to_string(buffer.data());
    });
    run_for(impl_->ioc, timeout);
    if (!done) {
        beast::error_code ignored;
        beast::get_lowest_layer(impl_->ws).socket().close(ignored);
        run_for(impl_->ioc, std::chrono::seconds(1));
    }
    return message;
}

} // namespace phongthi::test
