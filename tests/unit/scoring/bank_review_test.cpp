#include "scoring/bank_review.hpp"

#include "question-bank/text.hpp"
#include "tests/support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

using namespace phongthi;
using scoring::bank_review;

namespace {

constexpr std::string_view vietnamese_stem = "Đảng Cộng sản Việt Nam ra đời năm nào?";

bank::question party_question() {
    bank::question q;
    q.topic = "Lịch sử Đảng";
    q.level = bank::cognitive_level::thong_hieu;
    q.stem = std::string(vietnamese_stem);
    q.options = {{"1925", 0, ""}, {"1930", 100, ""}, {"1945", 0, ""}};
    q.explanation = "Ngày 3/2/1930.";
    return q;
}

bank_review review_of(std::vector<bank::question> questions) {
    return bank_review{"Bồi dưỡng đảng viên mới", "2026-11-26", std::move(questions)};
}

// A bank long enough for several pages: every question has a long stem and four options.
std::vector<bank::question> long_bank() {
    std::vector<bank::question> questions;
    for (int i = 0; i < 60; ++i) {
        bank::question q = party_question();
        q.topic = i % 2 == 0 ? "Lịch sử Đảng" : "Điều lệ Đảng";
        q.stem = "Câu hỏi số " + std::to_string(i + 1) + ": " +
                 "nội dung được lặp lại để câu hỏi dài hơn một dòng trên trang giấy A4 và cần "
                 "xuống dòng, đúng như các câu hỏi thật trong ngân hàng của giảng viên.";
        q.options.push_back({"Không có phương án nào ở trên đúng", 0, ""});
        questions.push_back(q);
    }
    questions.front().stem = std::string(vietnamese_stem);
    return questions;
}

int pdf_pages(std::string const& pdf) {
    std::regex const page("/Type /Page[^s]");
    return static_cast<int>(
        std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator()));
}

} // namespace

TEST(BankReviewHtml, EscapesHostileText) {
    auto q = party_question();
    q.stem = "<script>alert('x')</script> x < y";
    q.options[0].text = "<img src=x onerror=alert(1)>";
    auto html_question = party_question();
    html_question.format = bank::text_format::html;
    html_question.stem = "<b>In đậm</b><script>alert(2)</script><a href=\"javascript:x\">link</a>";
    auto review = review_of({q, html_question});
    review.bank_name = "</title><script>alert(3)</script>";
    std::string const html = scoring::write_bank_review_html(review);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<img src=x"), std::string::npos);
    EXPECT_EQ(html.find("javascript:"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert('x')&lt;/script&gt; x &lt; y"), std::string::npos);
    EXPECT_NE(html.find("&lt;/title&gt;&lt;script&gt;"), std::string::npos);
    EXPECT_NE(html.find("<b>In đậm</b>link"), std::string::npos); // HTML kept, sanitized
}

TEST(BankReviewHtml, MarksTheRightOptionsAndNotesTheOrder) {
    auto single = party_question();
    single.shuffle_options = false;
    auto multiple = party_question();
    multiple.options = {{"Đúng một", 50, ""}, {"Sai", -100, ""}, {"Đúng hai", 50, ""}};
    std::string const html = scoring::write_bank_review_html(review_of({single, multiple}));
    EXPECT_NE(html.find("<li>A. 1925</li><li class=\"correct\">B. 1930 <span "
                        "class=\"mark\">✓</span></li><li>C. 1945</li>"),
              std::string::npos);
    EXPECT_NE(html.find("<li class=\"correct\">A. Đúng một <span class=\"mark\">✓ 50%</span>"),
              std::string::npos);
    EXPECT_NE(html.find("<li>B. Sai <span class=\"mark\">-100%</span>"), std::string::npos);
    EXPECT_NE(html.find("<li class=\"correct\">C. Đúng hai <span class=\"mark\">✓ 50%</span>"),
              std::string::npos);
    EXPECT_NE(html.find("Không đảo thứ tự phương án"), std::string::npos);
    EXPECT_NE(html.find("Giải thích:</b> Ngày 3/2/1930."), std::string::npos);
}

TEST(BankReviewHtml, TitleBlockCountsPerTopicAndLevel) {
    auto other = party_question();
    other.topic = "Điều lệ Đảng";
    other.level = bank::cognitive_level::van_dung_cao;
    std::string const html =
        scoring::write_bank_review_html(review_of({party_question(), party_question(), other}));
    EXPECT_NE(html.find("Bồi dưỡng đảng viên mới"), std::string::npos);
    EXPECT_NE(html.find("Ngày in: 2026-11-26 · Số câu hỏi: 3"), std::string::npos);
    EXPECT_NE(html.find("<tr><td>Lịch sử Đảng</td><td>0</td><td>2</td><td>0</td><td>0</td>"
                        "<td>2</td></tr>"),
              std::string::npos);
    EXPECT_NE(html.find("<tr><td>Tổng</td><td>0</td><td>2</td><td>0</td><td>1</td><td>3</td>"),
              std::string::npos);
    EXPECT_NE(html.find("@page { size: A4"), std::string::npos);
}

TEST(BankReviewHtml, VietnameseTextIsNfcAndPicturesAreEmbedded) {
    auto q = party_question();
    q.stem = "Đa\xCC\xA3\xCC\x89ng"; // "Đảng" with combining marks
    q.format = bank::text_format::html;
    q.options[0].text = "<img src=\"@@PLUGINFILE@@/co.png\">";
    q.media = {{"co.png", "image/png", "png"}};
    std::string const html = scoring::write_bank_review_html(review_of({q}));
    EXPECT_EQ(bank::to_nfc(html), html);
    EXPECT_NE(html.find("Đảng"), std::string::npos);
    EXPECT_NE(html.find("<img src=\"data:image/png;base64,cG5n\">"), std::string::npos);
    EXPECT_EQ(html.find("@@PLUGINFILE@@"), std::string::npos);
}

TEST(BankReviewPdf, IsAPdfWithOnePagePerPageFull) {
    std::string const short_pdf = scoring::write_bank_review_pdf(review_of({party_question()}));
    EXPECT_TRUE(short_pdf.starts_with("%PDF-"));
    EXPECT_EQ(pdf_pages(short_pdf), 1);
    std::string const pdf = scoring::write_bank_review_pdf(review_of(long_bank()));
    EXPECT_TRUE(pdf.starts_with("%PDF-"));
    EXPECT_GE(pdf_pages(pdf), 3);
    EXPECT_NE(pdf.find("/Count " + std::to_string(pdf_pages(pdf))), std::string::npos);
}

TEST(BankReviewPdf, AMissingFontIsAClearError) {
    test::temp_dir empty;
    try {
        scoring::write_bank_review_pdf(review_of({party_question()}), empty.path());
        FAIL() << "no error";
    } catch (std::runtime_error const& e) {
        EXPECT_NE(std::string(e.what()).find((empty / "DejaVuSans.ttf").string()),
                  std::string::npos)
            << e.what();
    }
}

#ifdef PHONGTHI_PDFTOTEXT
TEST(BankReviewPdf, TextHoldsVietnameseExactlyAndPageNumbers) {
    test::temp_dir dir;
    std::string const pdf = scoring::write_bank_review_pdf(review_of(long_bank()));
    std::ofstream(dir / "review.pdf", std::ios::binary) << pdf;
    std::string const command = std::string(PHONGTHI_PDFTOTEXT) + " -enc UTF-8 '" +
                                (dir / "review.pdf").string() + "' '" +
                                (dir / "review.txt").string() + "'";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    std::ifstream in(dir / "review.txt", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find(vietnamese_stem), std::string::npos) << text.str().substr(0, 2000);
    EXPECT_NE(text.str().find("Bồi dưỡng đảng viên mới"), std::string::npos);
    int const pages = pdf_pages(pdf);
    EXPECT_NE(text.str().find("Trang 1/" + std::to_string(pages)), std::string::npos);
    EXPECT_NE(text.str().find("Trang " + std::to_string(pages) + "/" + std::to_string(pages)),
              std::string::npos);
}
#endif
