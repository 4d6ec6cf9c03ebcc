#include "server/api/api_support.hpp"
#include "server/http/message.hpp"

#include <gtest/gtest.h>

using namespace phongthi::server;

TEST(HttpRequest, LanguageIsVietnameseUnlessEnglishComesFirst) {
    http_request request;
    EXPECT_EQ(request.preferred_language(), language::vi);
    request.headers = {{"accept-language", "en-US,en;q=0.9"}};
    EXPECT_EQ(request.preferred_language(), language::en);
    request.headers = {{"accept-language", "vi-VN,en;q=0.5"}};
    EXPECT_EQ(request.preferred_language(), language::vi);
}

TEST(HttpRequest, BearerTokenNeedsTheScheme) {
    http_request request;
    request.headers = {{"authorization", "Bearer abc"}};
    EXPECT_EQ(request.bearer_token(), "abc");
    request.headers = {{"authorization", "Basic abc"}};
    EXPECT_EQ(request.bearer_token(), "");
}

TEST(ErrorResponse, CarriesCodeAndLocalizedMessage) {
    auto const vi = json::parse(error_response(401, "bad_credentials", language::vi).body);
    auto const en = json::parse(error_response(401, "bad_credentials", language::en).body);
    EXPECT_EQ(vi["error"]["code"], "bad_credentials");
    EXPECT_EQ(vi["error"]["message"], "Tên đăng nhập hoặc mật khẩu không đúng");
    EXPECT_EQ(en["error"]["message"], "Wrong username or password");
}

TEST(HttpRequest, QueryValuesArePercentDecoded) {
    http_request request;
    request.query = "name=Ng%C3%A2n+h%C3%A0ng&partial=1&empty=&bad=%zz%4";
    EXPECT_EQ(request.query_value("name"), "Ngân hàng");
    EXPECT_EQ(request.query_value("partial"), "1");
    EXPECT_EQ(request.query_value("empty"), "");
    EXPECT_EQ(request.query_value("bad"), "%zz%4");
    EXPECT_EQ(request.query_value("missing"), std::nullopt);
}
