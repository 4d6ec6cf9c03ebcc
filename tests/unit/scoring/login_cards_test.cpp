#include "scoring/login_cards.hpp"

#include "tests/unit/scoring/pdf_tools.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace phongthi;

namespace {

constexpr std::string_view cards_title = "THẺ DỰ KIỂM TRA - Kiểm tra cuối khóa";

std::vector<scoring::login_card> class_of(int count) {
    std::vector<scoring::login_card> cards;
    for (int i = 0; i < count; ++i)
        cards.push_back({"Học viên số " + std::to_string(i + 1), "Chi bộ Phòng Tổ chức",
                         "Bồi dưỡng đảng viên mới A1", "hocvien" + std::to_string(i + 1),
                         "Xk7-pQ2m", "B-" + std::to_string(i + 1),
                         "TS-2026-" + std::to_string(1000 + i)});
    cards.front().full_name = "Nguyễn Thị Hường";
    return cards;
}

std::string cards_pdf(std::vector<scoring::login_card> const& cards) {
    return scoring::write_login_cards_pdf(cards_title, "http://192.168.1.10:8080", cards);
}

} // namespace

TEST(LoginCardsPdf, EightCardsFitOnAPage) {
    EXPECT_EQ(test::pdf_page_count(cards_pdf(class_of(8))), 1);
    EXPECT_EQ(test::pdf_page_count(cards_pdf(class_of(9))), 2);
    EXPECT_EQ(test::pdf_page_count(cards_pdf(class_of(17))), 3);
}

TEST(LoginCardsPdf, CandidateCodeMustBePrintableAscii) {
    auto cards = class_of(2);
    cards[1].candidate_code = "TS-Đ01";
    EXPECT_THROW(cards_pdf(cards), std::invalid_argument);
    cards[1].candidate_code = "";
    EXPECT_THROW(cards_pdf(cards), std::invalid_argument);
}

#ifdef PHONGTHI_PDFTOTEXT
TEST(LoginCardsPdf, EachCardHoldsTheLearnersAccountInVietnamese) {
    auto cards = class_of(9);
    cards[1].initial_password = ""; // written by hand in the box
    std::string const text = test::pdf_text(cards_pdf(cards));
    for (char const* expected :
         {"Nguyễn Thị Hường", "Đơn vị:", "Chi bộ Phòng Tổ chức",
          "Lớp:", "Bồi dưỡng đảng viên mới A1", "Tài khoản:", "hocvien1", "hocvien9",
          "Mật khẩu:", "Xk7-pQ2m", "Chỗ ngồi", "B-9", "Địa chỉ: http://192.168.1.10:8080",
          "TS-2026-1000", "TS-2026-1008"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    // pdftotext ends each page with a form feed: 8 cards on the first page, 1 on the second.
    std::size_t const first_page_end = text.find('\f');
    ASSERT_NE(first_page_end, std::string::npos);
    auto const titles = [&](std::size_t from, std::size_t to) {
        int count = 0;
        for (std::size_t at = text.find(cards_title, from); at < to;
             at = text.find(cards_title, at + 1))
            ++count;
        return count;
    };
    EXPECT_EQ(titles(0, first_page_end), 8);
    EXPECT_EQ(titles(first_page_end, std::string::npos), 1);
}
#endif

#ifdef PHONGTHI_PDFTOPPM
TEST(LoginCardsPdf, PageRendersToPng) {
    std::string const png = test::pdf_first_page_png(cards_pdf(class_of(8)), 30);
    EXPECT_EQ(png.rfind("\x89PNG\r\n\x1a\n", 0), 0U);
}
#endif
