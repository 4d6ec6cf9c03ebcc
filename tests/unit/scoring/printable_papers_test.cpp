#include "scoring/printable_papers.hpp"

#include "tests/unit/scoring/pdf_tools.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

using namespace phongthi;
using scoring::paper_variant;
using scoring::printable_question;

namespace {

scoring::paper_header header() {
    return {{"TỈNH ỦY BẮC NINH", "TRƯỜNG CHÍNH TRỊ NGUYỄN VĂN CỪ"},
            "KIỂM TRA CUỐI KHÓA",
            "Lớp bồi dưỡng đảng viên mới khóa 12",
            45};
}

printable_question founding() {
    return {"Đảng Cộng sản Việt Nam ra đời năm nào?",
            {"1925", "1930", "1945", "1954"},
            {false, true, false, false},
            1};
}

printable_question principles() {
    return {"Những nguyên tắc nào là nguyên tắc tổ chức và hoạt động của Đảng?",
            {"Tập trung dân chủ", "Tự phê bình và phê bình", "Tam quyền phân lập"},
            {true, true, false},
            0.5};
}

// Two variants with the same questions in opposite orders.
std::vector<paper_variant> two_variants() {
    return {{"101", {founding(), principles()}}, {"102", {principles(), founding()}}};
}

} // namespace

TEST(PrintablePapers, EachVariantIsItsPaperThenItsAnswerSheet) {
    EXPECT_EQ(test::pdf_page_count(scoring::write_papers_pdf(header(), two_variants())), 4);
}

TEST(PrintablePapers, KeyOfAVariantTakesAPage) {
    EXPECT_EQ(test::pdf_page_count(scoring::write_answer_keys_pdf(header(), two_variants())), 2);
}

TEST(PrintablePapers, KeyThatDoesNotMatchTheOptionsIsRefusedNamingTheQuestion) {
    auto variants = two_variants();
    variants[0].questions[1].correct.pop_back();
    for (auto const write : {&scoring::write_papers_pdf, &scoring::write_answer_keys_pdf}) {
        try {
            write(header(), variants, scoring::default_font_dir());
            FAIL() << "a question with 3 options and 2 key entries was printed";
        } catch (std::invalid_argument const& e) {
            EXPECT_NE(std::string(e.what()).find("mã đề 101, câu 2"), std::string::npos)
                << e.what();
        }
    }
}

#ifdef PHONGTHI_PDFTOTEXT
TEST(PrintablePapers, PaperAndSheetTextInVietnamese) {
    std::string const text = test::pdf_text(scoring::write_papers_pdf(header(), two_variants()));
    for (char const* expected :
         {"TRƯỜNG CHÍNH TRỊ NGUYỄN VĂN CỪ", "KIỂM TRA CUỐI KHÓA",
          "Lớp bồi dưỡng đảng viên mới khóa 12", "Thời gian làm bài: 45 phút", "Mã đề 101",
          "Mã đề 102",
          "Họ và tên:", "Số báo danh:", "Câu 1. Đảng Cộng sản Việt Nam ra đời năm nào?",
          "Câu 2. Những nguyên tắc nào là nguyên tắc tổ chức và hoạt động của Đảng?",
          "A. Tập trung dân chủ", "C. Tam quyền phân lập", "D. 1954", "HẾT",
          "PHIẾU TRẢ LỜI TRẮC NGHIỆM", "Mã đề 101 - Trang 1/1"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    // Variant 102 asks the principles first, on its own pages after 101's paper and sheet.
    std::size_t const second = text.find("Mã đề 102");
    ASSERT_NE(second, std::string::npos);
    EXPECT_EQ(std::count(text.begin(), text.begin() + static_cast<long>(second), '\f'), 2);
    EXPECT_NE(text.find("Câu 1. Những nguyên tắc", second), std::string::npos);
}

TEST(PrintablePapers, LongPaperIsNumberedPerVariant) {
    paper_variant long_variant{"103", {}};
    for (int i = 0; i < 40; ++i)
        long_variant.questions.push_back(founding());
    std::string const pdf = scoring::write_papers_pdf(header(), {long_variant});
    int const paper_pages = test::pdf_page_count(pdf) - 1; // the last is the answer sheet
    ASSERT_GT(paper_pages, 1);
    std::string const text = test::pdf_text(pdf);
    std::string const total = "/" + std::to_string(paper_pages);
    EXPECT_NE(text.find("Mã đề 103 - Trang 1" + total), std::string::npos) << text;
    EXPECT_NE(text.find("Mã đề 103 - Trang " + std::to_string(paper_pages) + total),
              std::string::npos);
    EXPECT_NE(text.find("Câu 40."), std::string::npos);
    EXPECT_NE(text.find("40."), text.rfind("Câu 40.")); // the sheet has a row for it
}

TEST(PrintablePapers, KeyListsEachQuestionsRightOptionsAndPoints) {
    std::string const text =
        test::pdf_text(scoring::write_answer_keys_pdf(header(), two_variants()));
    for (char const* expected : {"ĐÁP ÁN", "Mã đề 101", "Mã đề 102", "Câu", "Đáp án", "Điểm",
                                 "A, B", "0,5", "Tổng điểm: 1,5"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    // 101: question 1 is B, question 2 is A, B; 102 the other way round.
    std::size_t const second = text.find("Mã đề 102");
    ASSERT_NE(second, std::string::npos);
    std::string const first_key = text.substr(0, second);
    std::string const second_key = text.substr(second);
    EXPECT_LT(first_key.find("\nB\n"), first_key.find("A, B"));
    EXPECT_LT(second_key.find("A, B"), second_key.find("\nB\n"));
}
#endif

#ifdef PHONGTHI_PDFTOPPM
TEST(PrintablePapers, PageRendersToPng) {
    std::string const png =
        test::pdf_first_page_png(scoring::write_papers_pdf(header(), two_variants()), 30);
    EXPECT_EQ(png.rfind("\x89PNG\r\n\x1a\n", 0), 0U);
}
#endif
