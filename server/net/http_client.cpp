#include "server/net/http_client.hpp"

#include "server/net/tls.hpp"
#include "server/net/tls_identity.hpp"

#include <openssl/pem.h>

#include <cctype>
#include <optional>
#include <stdexcept>

namespace phongthi::server {

using namespace net_detail;

namespace {

std::invalid_argument bad_url(std::string_view url) {
    return std::invalid_argument("the server URL must look like http://HOST:PORT or "
                                 "https://HOST:PORT, not \"" +
                                 std::string(url) + "\"");
}

/// Upper-case hex without separators, so that pins compare whatever their spelling.
std::string normalized_fingerprint(std::string_view text) {
    std::string out;
    for (char c : text)
        if (std::isxdigit(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

/// Whether the certificate at the bottom of the chain has fingerprint `pin` (normalized).
bool leaf_matches(ssl::verify_context& context, std::string const& pin) {
    X509* certificate = X509_STORE_CTX_get_current_cert(context.native_handle());
    if (certificate == nullptr)
        return false;
    BIO* bio = BIO_new(BIO_s_mem());
    if (bio == nullptr)
        return false;
    std::string pem;
    if (PEM_write_bio_X509(bio, certificate) == 1) {
        char* data = nullptr;
        long const size = BIO_get_mem_data(bio, &data);
        pem.assign(data, static_cast<std::size_t>(size));
    }
    BIO_free(bio);
    return !pem.empty() && normalized_fingerprint(certificate_fingerprint(pem)) == pin;
}

/// Sets how `stream` trusts the server: by pinned fingerprint, or by the system's CAs and the
/// host name; and names the host for SNI.
void set_trust(tls_stream& stream, ssl::context& context, http_endpoint const& server) {
    if (!server.fingerprint.empty()) {
        auto const pin = normalized_fingerprint(server.fingerprint);
        stream.set_verify_mode(ssl::verify_peer);
        // The pin decides alone: a self-signed certificate has no chain to check.
        stream.set_verify_callback([pin](bool, ssl::verify_context& verify) {
            int const depth = X509_STORE_CTX_get_error_depth(verify.native_handle());
            return depth > 0 || leaf_matches(verify, pin);
        });
    } else {
        context.set_default_verify_paths();
        stream.set_verify_mode(ssl::verify_peer);
        stream.set_verify_callback(ssl::host_name_verification(server.host));
    }
    SSL_set_tlsext_host_name(stream.native_handle(), server.host.c_str());
}

} // namespace

http_endpoint parse_http_url(std::string_view url) {
    bool const tls = url.starts_with("https://");
    if (!tls && !url.starts_with("http://"))
        throw bad_url(url);
    std::string_view rest = url.substr(tls ? 8 : 7);
    if (rest.ends_with('/'))
        rest.remove_suffix(1);
    // "[::1]:8080": the port is after the bracket, and the brackets are not part of the host.
    auto const colon = rest.find(':', rest.starts_with('[') ? rest.find(']') : 0);
    std::string_view host = rest.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    http_endpoint endpoint{std::string(host), tls ? "443" : "80", tls, {}};
    if (colon != std::string_view::npos)
        endpoint.port = std::string(rest.substr(colon + 1));
    bool const port_ok = !endpoint.port.empty() && endpoint.port.size() <= 5 &&
                         endpoint.port.find_first_not_of("0123456789") == std::string::npos;
    if (endpoint.host.empty() || !port_ok || endpoint.host.find('/') != std::string::npos)
        throw bad_url(url);
    return endpoint;
}

http_client_response http_exchange(http_endpoint const& server, http_client_request const& request,
                                   std::chrono::steady_clock::duration timeout) {
    net::io_context ioc;
    tcp::resolver resolver(ioc);
    ssl::context context(ssl::context::tls_client);
    tls_stream stream(ioc, context);
    auto& tcp_layer = beast::get_lowest_layer(stream);
    if (server.tls)
        set_trust(stream, context, server);
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
    auto const exchange = [&](auto& over) {
        http::async_write(over, message, [&](beast::error_code sent, std::size_t) {
            if (sent)
                return finish(sent, "send to");
            http::async_read(over, buffer, parser, [&](beast::error_code read, std::size_t) {
                finish(read, "read from");
            });
        });
    };
    resolver.async_resolve(
        server.host, server.port, [&](beast::error_code looked_up, auto results) {
            if (looked_up)
                return finish(looked_up, "look up");
            // One deadline for connect, handshake, send and receive together.
            tcp_layer.expires_after(timeout);
            tcp_layer.async_connect(results, [&](beast::error_code connected, auto const&) {
                if (connected)
                    return finish(connected, "connect to");
                if (!server.tls)
                    return exchange(tcp_layer);
                stream.async_handshake(ssl::stream_base::client, [&](beast::error_code shook) {
                    if (shook)
                        return finish(shook, "make a TLS connection to");
                    exchange(stream);
                });
            });
        });
    ioc.run_for(timeout); // also bounds the name lookup, which the stream's deadline does not
    std::string const where =
        std::string(server.tls ? "https://" : "http://") + server.host + ":" + server.port;
    if (!outcome)
        throw std::runtime_error("no answer from " + where + " in time");
    if (auto const& [ec, step] = *outcome; ec)
        throw std::runtime_error(std::string("cannot ") + step + " " + where + ": " + ec.message());
    beast::error_code ignored;
    tcp_layer.socket().shutdown(tcp::socket::shutdown_both, ignored);
    http_client_response response{
        static_cast<int>(parser.get().result_int()), parser.get().body(), {}};
    for (auto const& field : parser.get()) {
        std::string name(field.name_string());
        for (char& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        response.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    return response;
}

} // namespace phongthi::server
