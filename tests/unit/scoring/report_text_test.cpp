#include "scoring/report_text.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace phongthi::scoring;

TEST(ReportText, DecimalsTrimmedWithTheChosenPoint) {
    EXPECT_EQ(decimal_text(7.25, 2, ','), "7,25");
    EXPECT_EQ(decimal_text(7.5, 2, '.'), "7.5");
    EXPECT_EQ(decimal_text(8, 2, ','), "8");
    EXPECT_EQ(decimal_text(0.004, 2, ','), "0");
    EXPECT_EQ(decimal_text(-0.001, 2, ','), "0");
    EXPECT_EQ(decimal_text(std::nan(""), 2, ','), "—");
}

TEST(ReportText, PercentWithOneDecimal) {
    EXPECT_EQ(percent_text(0.875, ','), "87,5%");
    EXPECT_EQ(percent_text(1, ','), "100%");
    EXPECT_EQ(percent_text(2.0 / 3, '.'), "66.7%");
}

TEST(ReportText, DurationAsMinutesOrHours) {
    EXPECT_EQ(duration_text(-1), "");
    EXPECT_EQ(duration_text(0), "00:00");
    EXPECT_EQ(duration_text(307'999), "05:07");
    EXPECT_EQ(duration_text(3'723'000), "1:02:03");
}

TEST(ReportText, UpperCaseKeepsVietnameseMarks) {
    EXPECT_EQ(upper_case("Trường Chính trị tỉnh Bắc Ninh"), "TRƯỜNG CHÍNH TRỊ TỈNH BẮC NINH");
    EXPECT_EQ(upper_case("đảng bộ"), "ĐẢNG BỘ");
    EXPECT_EQ(upper_case("a\xFF"
                         "b"),
              "A\xFF"
              "B");
}

TEST(ReportText, AsciiNameDropsMarksAndOddCharacters) {
    EXPECT_EQ(ascii_name("CB Tổ chức/01"), "CB-To-chuc-01");
    EXPECT_EQ(ascii_name("Đảng uỷ đơn vị"), "Dang-uy-don-vi");
    EXPECT_EQ(ascii_name("../../etc"), "etc");
    EXPECT_EQ(ascii_name("A_1-b"), "A_1-b");
    EXPECT_EQ(ascii_name("  "), "");
}
