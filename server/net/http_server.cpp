#include "server/net/http_server.hpp"

#include "server/log.hpp"
#include "server/net/listener.hpp"

#include <sched.h>
#include <sys/resource.h>

#include <csignal>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace phongthi::server {

using namespace net_detail;

namespace {

/// A TLS 1.2+ server context holding `identity`; throws std::runtime_error naming the fault.
std::shared_ptr<ssl::context> make_tls_context(tls_identity const& identity) {
    check_identity(identity);
    auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                         ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                         ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    try {
        context->use_certificate_chain(net::buffer(identity.certificate_pem));
        context->use_private_key(net::buffer(identity.private_key_pem), ssl::context::pem);
    } catch (boost::system::system_error const& e) {
        throw std::runtime_error("TLS: cannot use the certificate and key: " + e.code().message());
    }
    return context;
}

/// The cores this process may run on (its affinity mask: `taskset -c 0` gives 1), at least 1.
/// More I/O threads than that only add context switches.
int usable_cores() {
    cpu_set_t cores;
    if (sched_getaffinity(0, sizeof cores, &cores) == 0)
        return std::max(1, CPU_COUNT(&cores));
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

/// Raises the soft RLIMIT_NOFILE so that `connections` sockets and the server's own files fit
/// (up to the hard limit); logs a warning naming both figures when the hard limit is lower.
void fit_descriptor_limit(std::size_t connections) {
    auto const wanted = static_cast<rlim_t>(connections + limits::spare_descriptors);
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= wanted)
        return;
    auto const reachable =
        limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
    rlimit raised{reachable, limit.rlim_max};
    if (setrlimit(RLIMIT_NOFILE, &raised) != 0)
        raised.rlim_cur = limit.rlim_cur;
    if (raised.rlim_cur < wanted)
        log(log_level::warn, "net.descriptor_limit",
            {{"wanted", std::to_string(wanted)},
             {"got", std::to_string(raised.rlim_cur)},
             {"hint", "ulimit -n / LimitNOFILE: connections beyond it are refused"}});
}

/// The whole 503 answer, as bytes on the wire, to a connection refused before its request is
/// read (so its language is unknown): `body` in Vietnamese and English, the security headers, and
/// a hint to retry.
std::string refusal_before_reading(std::string body) {
    http::response<http::string_body> response{http::status::service_unavailable, 11};
    add_standard_headers(response.base(), false);
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    response.set(http::field::retry_after, "10");
    response.keep_alive(false);
    response.body() = std::move(body);
    response.prepare_payload();
    std::ostringstream bytes;
    bytes << response;
    return bytes.str();
}

/// To a connection beyond the per-address cap of `limit`.
std::string refusal_over_address_cap(std::size_t limit) {
    auto const most = std::to_string(limit);
    return refusal_before_reading(
        "Máy này đang mở quá nhiều kết nối tới máy chủ (tối đa " + most +
        "). Hãy đóng bớt các thẻ trình duyệt rồi thử lại.\n"
        "This computer has too many connections open to the server (at most " +
        most + "). Close some browser tabs and try again.\n");
}

/// To a connection beyond the server's cap of `limit` in all.
std::string refusal_over_total_cap(std::size_t limit) {
    auto const most = std::to_string(limit);
    return refusal_before_reading("Máy chủ đang có quá nhiều kết nối (tối đa " + most +
                                  "). Hãy thử lại sau giây lát.\n"
                                  "The server has too many connections (at most " +
                                  most + "). Please try again in a moment.\n");
}

} // namespace

struct http_server::impl {
    impl(server_options const& options, http_handler http, ws_handler_factory ws)
        : threads(options.threads > 0 ? options.threads : usable_cores()), ioc(threads),
          signals(ioc) {
        auto context = std::make_shared<connection_context>();
        context->http = std::move(http);
        context->ws = std::move(ws);
        context->websocket_path = options.websocket_path;
        context->large_body = options.large_body;
        context->large_body_bytes = options.large_body_bytes;
        context->mode = options.tls;
        context->error_page = options.error_page;
        context->max_connections = options.max_connections;
        context->total_refusal = refusal_over_total_cap(options.max_connections);
        if (options.max_connections_per_address > 0) {
            context->per_address =
                std::make_unique<address_connections>(options.max_connections_per_address);
            context->per_address_refusal =
                refusal_over_address_cap(options.max_connections_per_address);
        }
        fit_descriptor_limit(options.max_connections);
        if (options.tls != tls_mode::off)
            context->tls = make_tls_context(options.identity);
        beast::error_code ec;
        auto const address = net::ip::make_address(options.host, ec);
        if (ec)
            throw std::runtime_error("invalid --host address \"" + options.host + "\"");
        try {
            acceptor =
                std::make_shared<listener>(ioc, tcp::endpoint(address, options.port), context);
        } catch (boost::system::system_error const& e) {
            throw std::runtime_error("cannot listen on " + options.host + ":" +
                                     std::to_string(options.port) + ": " + e.code().message());
        }
        if (options.handle_signals) {
            signals.add(SIGINT);
            signals.add(SIGTERM);
            signals.async_wait([this](beast::error_code error, int signal) {
                if (error)
                    return;
                log(log_level::info, "server.signal", {{"signal", std::to_string(signal)}});
                stop();
            });
        }
    }

    void stop() {
        acceptor->stop();
        // Ending the loop ends every connection: their handlers are dropped with the context.
        ioc.stop();
    }

    int threads;
    net::io_context ioc;
    net::signal_set signals;
    std::shared_ptr<listener> acceptor;
};

http_server::http_server(server_options options, http_handler http, ws_handler_factory ws)
    : impl_(std::make_unique<impl>(options, std::move(http), std::move(ws))) {}

http_server::~http_server() = default;

std::uint16_t http_server::port() const {
    return impl_->acceptor->port();
}

void http_server::run() {
    impl_->acceptor->run();
    std::vector<std::thread> workers;
    workers.reserve(static_cast<std::size_t>(impl_->threads - 1));
    for (int i = 1; i < impl_->threads; ++i)
        workers.emplace_back([this] { impl_->ioc.run(); });
    impl_->ioc.run();
    for (auto& worker : workers)
        worker.join();
}

void http_server::stop() {
    impl_->stop();
}

} // namespace phongthi::server
