#include "server/net/beast.hpp"

#include "server/log.hpp"

namespace phongthi::server::net_detail {

void fail(beast::error_code ec, char const* what) {
    bool const normal = ec == net::error::operation_aborted || ec == websocket::error::closed ||
                        ec == http::error::end_of_stream || ec == net::error::eof ||
                        ec == net::error::connection_reset || ec == beast::error::timeout;
    log(normal ? log_level::debug : log_level::warn, "net.fail",
        {{"op", what}, {"error", ec.message()}});
}

http_request to_http_request(beast_request const& request, std::string remote_address) {
    http_request out;
    out.method = std::string(request.method_string());
    std::string_view const target = request.target();
    auto const question = target.find('?');
    out.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos)
        out.query = std::string(target.substr(question + 1));
    out.body = request.body();
    out.remote_address = std::move(remote_address);
    for (auto const& field : request) {
        std::string name(field.name_string());
        for (char& c : name)
            c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        out.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    return out;
}

void add_standard_headers(http::fields& fields, bool hsts) {
    fields.set(http::field::server, "PhongThi");
    fields.set("Content-Security-Policy",
               "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    fields.set("X-Content-Type-Options", "nosniff");
    fields.set("X-Frame-Options", "DENY");
    fields.set("Referrer-Policy", "no-referrer");
    if (hsts)
        fields.set(http::field::strict_transport_security, "max-age=31536000");
}

std::string remote_address_of(tcp::socket const& socket) {
    beast::error_code ec;
    auto const endpoint = socket.remote_endpoint(ec);
    if (ec)
        return {};
    auto const address = endpoint.address();
    if (address.is_v4())
        return address.to_string();
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        return net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6()).to_string();
    return "[" + address.to_string() + "]";
}

} // namespace phongthi::server::net_detail
