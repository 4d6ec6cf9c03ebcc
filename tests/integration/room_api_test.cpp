// What the proctor's seat map and the projector screen read: the exam's room layout, a QR code
// as SVG and the URLs candidates type (GET /api/exams/{id}/layout, /api/qr.svg,
// /api/server/urls).
#include "tests/integration/exam_fixture.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace phongthi::test {
namespace {

using RoomApi = ExamServer;

TEST_F(RoomApi, DemoExamLayoutIsTheFiveByTenRoomOfItsClass) {
    auto const result = call("GET", "/api/exams/1/layout", proctor());
    ASSERT_EQ(result.status, 200) << result.body;
    auto const layout = json::parse(result.body);
    EXPECT_EQ(layout["room"]["name"], "Phòng máy 1");
    EXPECT_EQ(layout["room"]["rows"], 5);
    EXPECT_EQ(layout["room"]["cols"], 10);
    auto const& seats = layout["seats"];
    ASSERT_EQ(seats.size(), 50u);
    EXPECT_EQ(seats[0], (json{{"row", 0}, {"col", 0}, {"label", "A1"}, {"disabled", false}}));
    EXPECT_EQ(seats[49]["label"], "E10");
}

TEST_F(RoomApi, LayoutOfAnUnknownExamIsNotFound) {
    EXPECT_EQ(call("GET", "/api/exams/999/layout", proctor()).status, 404);
    EXPECT_EQ(call("GET", "/api/exams/abc/layout", proctor()).status, 404);
}

TEST_F(RoomApi, QrCodeIsAnSvgWithAViewBox) {
    auto const result =
        call("GET", "/api/qr.svg?text=http%3A%2F%2F192.168.1.10%3A8080%2F", proctor());
    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(result.header("content-type"), "image/svg+xml");
    EXPECT_TRUE(result.body.starts_with("<svg")) << result.body.substr(0, 80);
    EXPECT_NE(result.body.find("viewBox=\"0 0 "), std::string::npos);
}

TEST_F(RoomApi, QrTextMustHaveOneToFiveHundredTwelveCharacters) {
    std::string accented; // 512 × "é": 1024 bytes but 512 characters
    for (int i = 0; i < 512; ++i)
        accented += "%C3%A9";
    EXPECT_EQ(call("GET", "/api/qr.svg?text=" + accented, proctor()).status, 200);
    std::vector<std::string> const bad = {
        "/api/qr.svg", "/api/qr.svg?text=", "/api/qr.svg?text=" + std::string(513, 'a')};
    for (auto const& target : bad) {
        auto const result = call("GET", target, proctor());
        EXPECT_EQ(result.status, 400) << target;
        auto const error = json::parse(result.body)["error"];
        EXPECT_EQ(error["code"], "invalid_field") << result.body;
        EXPECT_EQ(error["field"], "text") << result.body;
    }
}

TEST_F(RoomApi, ServerUrlsNameTheListeningPort) {
    auto const result = call("GET", "/api/server/urls", proctor());
    ASSERT_EQ(result.status, 200) << result.body;
    auto const urls = json::parse(result.body)["urls"];
    ASSERT_TRUE(urls.is_array());
    auto const suffix = ":" + std::to_string(port()) + "/";
    for (auto const& url : urls) {
        auto const text = url.get<std::string>();
        EXPECT_TRUE(text.starts_with("http://") && text.ends_with(suffix)) << text;
        EXPECT_EQ(text.find("127.0.0.1"), std::string::npos) << text;
    }
}

TEST_F(RoomApi, CandidatesMayReadNoneOfIt) {
    auto const token = candidate(1);
    for (std::string const target :
         {"/api/exams/1/layout", "/api/qr.svg?text=x", "/api/server/urls"})
        EXPECT_EQ(call("GET", target, token).status, 403) << target;
}

} // namespace
} // namespace phongthi::test
