#include "client-web/assets.hpp"
#include "server/http/static_files.hpp"

#include <gtest/gtest.h>

using namespace phongthi::server;

namespace {

http_request get(std::string path, std::vector<std::pair<std::string, std::string>> headers = {}) {
    http_request request;
    request.method = "GET";
    request.path = std::move(path);
    request.headers = std::move(headers);
    return request;
}

} // namespace

TEST(StaticFiles, RootServesTheIndexPageWithAnETag) {
    auto const response = serve_static(get("/"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->content_type, "text/html; charset=utf-8");
    EXPECT_NE(response->body.find("<html"), std::string::npos);
    auto const* index = phongthi::web::find_asset("/index.html");
    ASSERT_NE(index, nullptr);
    EXPECT_EQ(response->body, index->body);
}

TEST(StaticFiles, MatchingETagGivesNotModified) {
    auto const* asset = phongthi::web::find_asset("/js/app.js");
    ASSERT_NE(asset, nullptr);
    auto const response =
        serve_static(get("/js/app.js", {{"if-none-match", std::string(asset->etag)}}));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 304);
    EXPECT_TRUE(response->body.empty());
}

TEST(StaticFiles, GzipIsServedOnlyWhenAccepted) {
    auto const plain = serve_static(get("/css/app.css"));
    auto const packed = serve_static(get("/css/app.css", {{"accept-encoding", "gzip, deflate"}}));
    ASSERT_TRUE(plain && packed);
    EXPECT_LT(packed->body.size(), plain->body.size());
    EXPECT_EQ(packed->body.substr(0, 2), "\x1f\x8b");
}

TEST(StaticFiles, UnknownPathsAndOtherMethodsAreNotAssets) {
    EXPECT_FALSE(serve_static(get("/etc/passwd")));
    EXPECT_FALSE(serve_static(get("/../CMakeLists.txt")));
    auto post = get("/index.html");
    post.method = "POST";
    EXPECT_FALSE(serve_static(post));
}
