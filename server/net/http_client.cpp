#include "server/net/http_client.hpp"

#include "server/net/beast.hpp"

#include <optional>
#include <stdexcept>

namespace phongthi::server {

using namespace net_detail;

http_endpoint parse_http_url(std::string_view url) {
    if (url.starts_with("https://"))
        throw std::invalid_argument("https is not supported yet (issue 10): use http://" +
                                    std::string(url.substr(8)));
    constexpr std::string_view scheme = "http://";
    if (!url.starts_with(scheme))
        throw std::invalid_argument("the server URL must look like http://HOST:PORT, not \"" +
                                    std::string(url) + "\"");
    std::string_view rest = url.substr(scheme.size());
    if (rest.ends_with('/'))
        rest.remove_suffix(1);
    // "[::1]:8080": the port is after the bracket, and the brackets are not part of the host.
    auto const colon = rest.find(':', rest.starts_with('[') ? rest.find(']') : 0);
    std::string_view host = rest.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    http_endpoint endpoint{std::string(host), "80"};
    if (colon != std::string_view::npos)
        endpoint.port = std::string(rest.substr(colon + 1));
    bool const port_ok = !endpoint.port.empty() && endpoint.port.size() <= 5 &&
                         endpoint.port.find_first_not_of("0123456789") == std::string::npos;
    if (endpoint.host.empty() || !port_ok || endpoint.host.find('/') != std::string::npos)
        throw std::invalid_argument("the server URL must look like http://HOST:PORT, not \"" +
                                    std::string(url) + "\"");
    return endpoint;
}

http_client_response http_exchange(http_endpoint const& server, http_client_request const& request,
                                   std::chrono::steady_clock::duration timeout) {
    net::io_context ioc;
    tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    http::request<http::string_body> message{http::string_to_verb(request.method), request.target,
                                             11};
    message.set(http::field::host, server.host);
    for (auto const& [name, value] : request.headers)
        message.set(name, value);
    message.body() = request.body;
    message.prepare_payload();
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(limits::http_client_body_bytes);

    // The steps chain on one thread; `outcome` is set by the last one to run.
    std::optional<std::pair<beast::error_code, char const*>> outcome;
    auto const finish = [&](beast::error_code ec, char const* step) { outcome.emplace(ec, step); };
    resolver.async_resolve(
        server.host, server.port, [&](beast::error_code looked_up, auto results) {
            if (looked_up)
                return finish(looked_up, "look up");
            // One deadline for connect, send and receive together.
            stream.expires_after(timeout);
            stream.async_connect(results, [&](beast::error_code connected, auto const&) {
                if (connected)
                    return finish(connected, "connect to");
                http::async_write(stream, message, [&](beast::error_code sent, std::size_t) {
                    if (sent)
                        return finish(sent, "send to");
                    http::async_read(
                        stream, buffer, parser,
                        [&](beast::error_code read, std::size_t) { finish(read, "read from"); });
                });
            });
        });
    ioc.run_for(timeout); // also bounds the name lookup, which the stream's deadline does not
    std::string const where = "http://" + server.host + ":" + server.port;
    if (!outcome)
        throw std::runtime_error("no answer from " + where + " in time");
    if (auto const& [ec, step] = *outcome; ec)
        throw std::runtime_error(std::string("cannot ") + step + " " + where + ": " + ec.message());
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return {static_cast<int>(parser.get().result_int()), parser.get().body()};
}

} // namespace phongthi::server
