#include "scoring/qr_code.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <stdexcept>
#include <string>

using namespace phongthi;

namespace {

// Whether the 7 × 7 finder pattern (dark ring, light ring, dark 3 × 3 centre) has its top-left
// corner at (`left`, `top`).
bool finder_at(scoring::qr_matrix const& m, int left, int top) {
    for (int y = 0; y < 7; ++y)
        for (int x = 0; x < 7; ++x) {
            bool const ring = x == 0 || y == 0 || x == 6 || y == 6;
            bool const centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
            if (m.dark(left + x, top + y) != (ring || centre))
                return false;
        }
    return true;
}

} // namespace

TEST(QrCode, ShortTextFitsVersionOneWithFinderPatternsAtThreeCorners) {
    scoring::qr_matrix const m = scoring::encode_qr("TS-0001");
    ASSERT_EQ(m.size, 21); // version 1: 14 bytes fit at level M
    ASSERT_EQ(m.modules.size(), 21U * 21U);
    EXPECT_TRUE(finder_at(m, 0, 0));
    EXPECT_TRUE(finder_at(m, 14, 0));
    EXPECT_TRUE(finder_at(m, 0, 14));
    EXPECT_FALSE(finder_at(m, 14, 14));
    for (int i = 8; i < 13; ++i) // timing patterns alternate between the finders
        EXPECT_EQ(m.dark(i, 6), i % 2 == 0) << i;
}

TEST(QrCode, VersionGrowsWithTheTextAtLevelM) {
    // Byte mode at level M holds 14 bytes in version 1 and 26 in version 2.
    EXPECT_EQ(scoring::encode_qr(std::string(14, 'a')).size, 21);
    EXPECT_EQ(scoring::encode_qr(std::string(15, 'a')).size, 25);
    // A verify URL with Vietnamese bytes: 47 bytes need version 4 (max 62 at M), 33 × 33.
    std::string const url = "https://phongthi.local/verify/Nguyễn-AB12CD";
    EXPECT_EQ(scoring::encode_qr(url + std::string(62 - url.size(), 'x')).size, 33);
}

TEST(QrCode, EmptyOrTooLongTextIsRefused) {
    EXPECT_NO_THROW(scoring::encode_qr(std::string(2331, 'a'))); // version 40 at level M
    EXPECT_THROW(scoring::encode_qr(std::string(2332, 'a')), std::invalid_argument);
    EXPECT_THROW(scoring::encode_qr(""), std::invalid_argument);
}

TEST(QrCode, SvgIsOnePathWithQuietZoneInTheViewBox) {
    scoring::qr_matrix const m = scoring::encode_qr("https://phongthi.local/verify/AB12CD");
    std::string const svg = scoring::qr_svg(m, 4);
    int const side = m.size + 8;
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                            std::to_string(side * 4) + "\" height=\"" + std::to_string(side * 4) +
                            "\" viewBox=\"0 0 " + std::to_string(side) + " " +
                            std::to_string(side) + "\"",
                        0),
              0U)
        << svg.substr(0, 200);
    EXPECT_NE(svg.find("</svg>"), std::string::npos);
    std::regex const path("<path ");
    EXPECT_EQ(
        std::distance(std::sregex_iterator(svg.begin(), svg.end(), path), std::sregex_iterator()),
        1);
    // Only path commands and numbers inside d, and the first run starts at the quiet zone's edge.
    std::smatch d;
    ASSERT_TRUE(std::regex_search(svg, d, std::regex(" d=\"([^\"]*)\"")));
    EXPECT_TRUE(std::regex_match(d[1].str(), std::regex("(M[0-9]+ [0-9]+h[0-9]+v1h-[0-9]+z)+")));
    EXPECT_EQ(d[1].str().rfind("M4 4h7v1h-7z", 0), 0U); // the top-left finder's first row
}

TEST(QrCode, SvgNeedsAPixelPerModule) {
    EXPECT_THROW(scoring::qr_svg(scoring::encode_qr("x"), 0), std::invalid_argument);
}
