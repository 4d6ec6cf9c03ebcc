#include "server/http/static_files.hpp"

#include "client-web/assets.hpp"

namespace phongthi::server {

std::optional<http_response> serve_static(http_request const& request) {
    if (request.method != "GET" && request.method != "HEAD")
        return std::nullopt;
    auto const* asset = web::find_asset(request.path);
    if (asset == nullptr)
        return std::nullopt;
    http_response response;
    response.content_type = std::string(asset->content_type);
    // Paths carry no content hash, so browsers revalidate every time; the ETag makes that cheap.
    response.headers = {{"ETag", std::string(asset->etag)},
                        {"Cache-Control", "no-cache"},
                        {"Vary", "Accept-Encoding"}};
    if (request.header("if-none-match") == asset->etag) {
        response.status = 304;
        response.content_type.clear();
        return response;
    }
    bool const gzip_ok = request.header("accept-encoding").find("gzip") != std::string_view::npos;
    if (gzip_ok && !asset->gzip_body.empty()) {
        response.headers.emplace_back("Content-Encoding", "gzip");
        response.body = std::string(asset->gzip_body);
    } else {
        response.body = std::string(asset->body);
    }
    return response;
}

} // namespace phongthi::server
