#include "question-bank/docx_bank.hpp"

#include "tests/unit/bank/docx_builder.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace phongthi::bank;
using namespace phongthi::bank::test;

namespace {

docx_run bold(std::string text) {
    docx_run run(std::move(text));
    run.bold = true;
    return run;
}

docx_run underlined(std::string text) {
    docx_run run(std::move(text));
    run.underline = true;
    return run;
}

docx_run coloured(std::string text, std::string color) {
    docx_run run(std::move(text));
    run.color = std::move(color);
    return run;
}

docx_run picture() {
    docx_run run;
    run.image = true;
    return run;
}

bank_import read(std::vector<docx_paragraph> const& paragraphs) {
    return read_docx_bank(make_docx(paragraphs), "dieu_le.docx");
}

std::string describe(bank_import const& bank) {
    std::string text;
    for (auto const& p : bank.problems)
        text += p.code + " (paragraph " + std::to_string(p.line) + "): " + p.message_vi + "\n";
    return text;
}

/// The letters of the options with a positive weight: "B", "AC".
std::string right_letters(question const& q) {
    std::string letters;
    for (std::size_t i = 0; i < q.options.size(); ++i) {
        if (q.options[i].weight > 0)
            letters += static_cast<char>('A' + i);
    }
    return letters;
}

/// A question on chi bộ meetings with four plain options, after `stem`.
std::vector<docx_paragraph> chi_bo_question(docx_paragraph stem) {
    return {std::move(stem), plain("A. Mỗi tuần một lần"), plain("B. Mỗi tháng một lần"),
            plain("C. Mỗi quý một lần"), plain("D. Sáu tháng một lần")};
}

std::vector<docx_paragraph> with(std::vector<docx_paragraph> paragraphs,
                                 std::vector<docx_paragraph> const& more) {
    paragraphs.insert(paragraphs.end(), more.begin(), more.end());
    return paragraphs;
}

problem const* find_problem(bank_import const& bank, std::string_view code) {
    for (auto const& p : bank.problems) {
        if (p.code == code)
            return &p;
    }
    return nullptr;
}

/// A file refused as a whole: exactly one error with `code`, about the file, and no question.
void expect_refused(bank_import const& bank, std::string_view code) {
    ASSERT_EQ(bank.problems.size(), 1u) << describe(bank);
    EXPECT_EQ(bank.problems[0].code, code) << describe(bank);
    EXPECT_EQ(bank.problems[0].level, severity::error);
    EXPECT_EQ(bank.problems[0].file, "dieu_le.docx");
    EXPECT_FALSE(bank.problems[0].message_vi.empty());
    EXPECT_FALSE(bank.problems[0].message_en.empty());
    EXPECT_TRUE(bank.questions.empty());
}

} // namespace

TEST(DocxBank, ReadsNumberedQuestionsWithStarredAnswers) {
    auto const bank = read({
        plain("NGÂN HÀNG CÂU HỎI ĐIỀU LỆ ĐẢNG"),
        plain("Chuyên đề: Tổ chức cơ sở đảng"),
        plain("Câu 1: Theo Điều lệ Đảng, chi bộ sinh hoạt thường lệ bao lâu một lần?"),
        plain("A. Mỗi tuần một lần"),
        plain("*B. Mỗi tháng một lần"),
        plain("C. Mỗi quý một lần"),
        plain("D. Sáu tháng một lần"),
        plain(""),
        plain("Câu 2: Đảng viên dự bị có quyền biểu quyết không?"),
        plain("* A. Không"),
        plain("B. Có"),
    });
    ASSERT_TRUE(bank.problems.empty()) << describe(bank);
    ASSERT_EQ(bank.questions.size(), 2u);
    auto const& first = bank.questions[0];
    EXPECT_EQ(first.stem, "Theo Điều lệ Đảng, chi bộ sinh hoạt thường lệ bao lâu một lần?");
    ASSERT_EQ(first.options.size(), 4u);
    EXPECT_EQ(first.options[1].text, "Mỗi tháng một lần");
    EXPECT_EQ(first.options[1].weight, 100);
    EXPECT_EQ(first.options[0].weight, 0);
    EXPECT_EQ(first.topic, "Tổ chức cơ sở đảng");
    EXPECT_EQ(first.level, cognitive_level::nhan_biet);
    EXPECT_EQ(first.format, text_format::plain);
    EXPECT_EQ(first.source_file, "dieu_le.docx");
    EXPECT_EQ(first.source_line, 3);
    auto const& second = bank.questions[1];
    EXPECT_EQ(second.source_line, 9);
    EXPECT_EQ(right_letters(second), "A");
    EXPECT_EQ(second.options[0].text, "Không");
    EXPECT_EQ(second.topic, "Tổ chức cơ sở đảng");
}

TEST(DocxBank, HeaderVariantsAreRecognised) {
    struct variant {
        std::string name;
        docx_paragraph header;
        double points;
    };
    std::string const stem = " Đảng viên dự bị có quyền ứng cử vào cấp ủy không?";
    std::vector<variant> const variants{
        {"colon", plain("Câu 1:" + stem), 1},
        {"dot", plain("Câu 1." + stem), 1},
        {"points", plain("Câu 1 (0,5 điểm):" + stem), 0.5},
        {"english", plain("Question 1." + stem), 1},
        {"upper case, extra spaces", plain("  CÂU   1  :" + stem), 1},
        {"lower case", plain("câu 1:" + stem), 1},
        {"cau hoi", plain("Câu hỏi 1:" + stem), 1},
        {"decomposed (NFD) â", plain("Ca\xCC\x82u 1:" + stem), 1},
        {"no-break space",
         plain("Câu\xC2\xA0"
               "1:" +
               stem),
         1},
        {"bold split over runs", {bold("C"), bold("âu "), bold("1"), bold(":"), {stem}}, 1},
        {"number and colon in other runs", {bold("Câu"), {" "}, bold("1"), {" :" + stem}}, 1},
    };
    for (auto const& v : variants) {
        auto const bank = read({v.header, plain("A. Có"), plain("*B. Không")});
        ASSERT_EQ(bank.questions.size(), 1u) << v.name << "\n" << describe(bank);
        EXPECT_EQ(bank.questions[0].stem, "Đảng viên dự bị có quyền ứng cử vào cấp ủy không?")
            << v.name;
        EXPECT_EQ(bank.questions[0].points, v.points) << v.name;
        EXPECT_EQ(right_letters(bank.questions[0]), "B") << v.name;
    }
}

TEST(DocxBank, PlainNumbersWithoutCauStartQuestionsButNotInsideStemsOrExplanations) {
    auto const bank = read({
        plain("NGÂN HÀNG CÂU HỎI BỒI DƯỠNG ĐẢNG VIÊN MỚI"),
        plain("1. Người vào Đảng phải đủ bao nhiêu tuổi?"),
        plain("A. 16 tuổi"),
        plain("*B. 18 tuổi"),
        plain("2) Cho các ý sau:"),
        plain("1. Chi bộ họp mỗi tháng một lần."),
        plain("2. Chi bộ họp mỗi quý một lần."),
        plain("3. Chi bộ họp mỗi năm một lần."),
        plain("Ý nào đúng?"),
        plain("*A. Ý 1\tB. Ý 2\tC. Ý 3"),
        plain("3. Đảng viên có mấy nhiệm vụ?"),
        plain("A. Bốn"),
        plain("B. Năm"),
        plain("Đáp án: B"),
        plain("Giải thích: Điều 2 Điều lệ Đảng gồm:"),
        plain("1. Tuyệt đối trung thành với mục đích lý tưởng của Đảng;"),
        plain("2) Không ngừng học tập, rèn luyện;"),
        plain("3. Liên hệ mật thiết với nhân dân…"),
        plain("1.5 không phải số câu: sau dấu chấm không có khoảng trắng."),
        plain("4. Thời gian dự bị là bao lâu?"),
        plain("*A. 12 tháng\tB. 24 tháng"),
        plain("6. Sau chỗ trống số, câu vẫn được đọc."),
        plain("A. Sai\t*B. Đúng"),
    });
    ASSERT_TRUE(bank.problems.empty()) << describe(bank);
    ASSERT_EQ(bank.questions.size(), 5u) << describe(bank);
    EXPECT_EQ(bank.questions[0].stem, "Người vào Đảng phải đủ bao nhiêu tuổi?");
    EXPECT_EQ(bank.questions[1].stem,
              "Cho các ý sau:\n1. Chi bộ họp mỗi tháng một lần.\n2. Chi bộ họp mỗi quý một "
              "lần.\n3. Chi bộ họp mỗi năm một lần.\nÝ nào đúng?");
    EXPECT_EQ(bank.questions[1].source_line, 5);
    EXPECT_EQ(right_letters(bank.questions[2]), "B");
    EXPECT_EQ(bank.questions[2].explanation,
              "Điều 2 Điều lệ Đảng gồm:\n1. Tuyệt đối trung thành với mục đích lý tưởng của "
              "Đảng;\n2) Không ngừng học tập, rèn luyện;\n3. Liên hệ mật thiết với nhân "
              "dân…\n1.5 không phải số câu: sau dấu chấm không có khoảng trắng.");
    EXPECT_EQ(bank.questions[3].source_line, 20);
    EXPECT_EQ(right_letters(bank.questions[3]), "A");
    EXPECT_EQ(bank.questions[4].stem, "Sau chỗ trống số, câu vẫn được đọc.");
}

TEST(DocxBank, PlainNumbersStayTextInABankNumberedWithCau) {
    auto const bank = read({
        plain("Câu 1: Đảng viên có mấy nhiệm vụ?"),
        plain("A. Bốn\t*B. Năm"),
        plain("Giải thích: Điều 2 Điều lệ Đảng:"),
        plain("2. Không ngừng học tập, rèn luyện."),
        plain("Câu 2: Đảng viên dự bị có quyền biểu quyết không?"),
        plain("*A. Không\tB. Có"),
    });
    ASSERT_TRUE(bank.problems.empty()) << describe(bank);
    ASSERT_EQ(bank.questions.size(), 2u);
    EXPECT_EQ(bank.questions[0].explanation,
              "Điều 2 Điều lệ Đảng:\n2. Không ngừng học tập, rèn luyện.");
}

TEST(DocxBank, APlainNumberedQuestionWithoutOptionsIsNamedInAWarning) {
    auto const bank = read({
        plain("1. Trình bày nhiệm vụ của đảng viên."),
        plain("2. Đảng viên dự bị có quyền biểu quyết không?"),
        plain("*A. Không\tB. Có"),
    });
    ASSERT_EQ(bank.questions.size(), 1u) << describe(bank);
    ASSERT_EQ(bank.problems.size(), 1u) << describe(bank);
    auto const& p = bank.problems[0];
    EXPECT_EQ(p.code, "numbered_paragraph_in_stem");
    EXPECT_EQ(p.level, severity::warning);
    EXPECT_EQ(p.line, 2);
    EXPECT_NE(p.message_vi.find("Câu 1: đoạn văn thứ 2 (\"2. …\")"), std::string::npos)
        << p.message_vi;
}

TEST(DocxBank, SeveralOptionsOnOneParagraphSeparatedByTabs) {
    auto const bank = read({
        plain("Câu 1: Cơ quan lãnh đạo cao nhất của Đảng là gì?"),
        plain("A. Ban Chấp hành Trung ương\t*B. Đại hội đại biểu toàn quốc"),
        plain("C. Bộ Chính trị\t\tD. Ban Bí thư"),
        plain("Câu 2: Tổ chức cơ sở đảng gồm những loại nào?"),
        plain("A. Chi bộ cơ sở\tB. Đảng bộ cơ sở\t*C. Cả A và B\tD. Đảng bộ bộ phận"),
        plain("Câu 3: Đảng viên dự bị có quyền ứng cử không?"),
        plain("A. Có\n*B. Không"), // a line break (Shift+Enter) between options
    });
    ASSERT_TRUE(bank.problems.empty()) << describe(bank);
    ASSERT_EQ(bank.questions.size(), 3u);
    auto const& first = bank.questions[0];
    ASSERT_EQ(first.options.size(), 4u);
    EXPECT_EQ(first.options[0].text, "Ban Chấp hành Trung ương");
    EXPECT_EQ(first.options[1].text, "Đại hội đại biểu toàn quốc");
    EXPECT_EQ(first.options[3].text, "Ban Bí thư");
    EXPECT_EQ(right_letters(first), "B");
    ASSERT_EQ(bank.questions[1].options.size(), 4u);
    EXPECT_EQ(bank.questions[1].options[2].text, "Cả A và B");
    EXPECT_EQ(right_letters(bank.questions[1]), "C");
    EXPECT_EQ(bank.questions[2].options[0].text, "Có");
    EXPECT_EQ(right_letters(bank.questions[2]), "B");
}

TEST(DocxBank, OptionMarkerVariants) {
    auto const bank = read({
        plain("Câu 1: Đảng viên phải đóng đảng phí theo quy định nào?"),
        plain("A) Quy định của Ban Chấp hành Trung ương"),
        plain("B) Quy định của chi bộ"),
        plain("Đáp án: A"),
        plain("Câu 2: Chi bộ có từ bao nhiêu đảng viên chính thức trở lên thì bầu chi ủy?"),
        plain("a. 5"),
        plain("b. 7"),
        plain("*c. 9"),
        plain("Câu 3: Có bao nhiêu đảng viên chính thức thì được lập chi bộ?"),
        {{"*"}, {"A"}, {"."}, {" Ba"}},
        plain("B.Năm"),
    });
    ASSERT_TRUE(bank.problems.empty()) << describe(bank);
    ASSERT_EQ(bank.questions.size(), 3u);
    EXPECT_EQ(bank.questions[0].options[1].text, "Quy định của chi bộ");
    EXPECT_EQ(right_letters(bank.questions[0]), "A");
    EXPECT_EQ(bank.questions[1].options[2].text, "9");
    EXPECT_EQ(right_letters(bank.questions[1]), "C");
    EXPECT_EQ(bank.questions[2].options[0].text, "Ba");
    EXPECT_EQ(bank.questions[2].options[1].text, "Năm");
    EXPECT_EQ(right_letters(bank.questions[2]), "A");
}

TEST(DocxBank, FormattingMarksTheRightOption) {
    struct style {
        std::string name;
        docx_paragraph option_c;
    };
    std::vector<style> const styles{
        {"underlined letter", {underlined("C."), {" Ban Thường vụ Đảng ủy"}}},
        {"underlined text", {{"C. "}, underlined("Ban Thường vụ Đảng ủy")}},
        {"bold letter", {bold("C."), {" Ban Thường vụ Đảng ủy"}}},
        {"bold option", {bold("C. Ban Thường vụ Đảng ủy")}},
        {"red FF0000 text", {{"C. "}, coloured("Ban Thường vụ Đảng ủy", "FF0000")}},
        {"dark red C00000 letter", {coloured("C.", "C00000"), {" Ban Thường vụ Đảng ủy"}}},
        {"near red E53935 option", {coloured("C. Ban Thường vụ Đảng ủy", "E53935")}},
    };
    for (auto const& s : styles) {
        auto const bank = read({
            plain("Câu 5: Cơ quan nào chuẩn y kết quả bầu cử cấp ủy cơ sở?"),
            plain("A. Chi bộ"),
            plain("B. Đại hội đảng bộ cơ sở"),
            s.option_c,
            plain("D. Ban Bí thư"),
        });
        ASSERT_TRUE(bank.problems.empty()) << s.name << "\n" << describe(bank);
        ASSERT_EQ(bank.questions.size(), 1u) << s.name;
        EXPECT_EQ(right_letters(bank.questions[0]), "C") << s.name;
        EXPECT_EQ(bank.questions[0].options[2].text, "Ban Thường vụ Đảng ủy") << s.name;
    }
}

TEST(DocxBank, StyleSharedByAllOptionsOrTheWholeQuestionMarksNothing) {
    // Every letter bold, the stem underlined: neither marks; the red option does.
    auto const letters_bold = read({
        {bold("Câu 1:"), underlined(" Đảng viên bị kỷ luật khai trừ được xin vào Đảng lại "
                                    "sau bao lâu?")},
        {bold("A."), {" 12 tháng"}},
        {bold("B."), {" 24 tháng"}},
        {bold("C."), coloured(" 36 tháng", "FF0000")},
        {bold("D."), underlined(" 60 tháng")},
    });
    ASSERT_TRUE(letters_bold.problems.empty()) << describe(letters_bold);
    EXPECT_EQ(right_letters(letters_bold.questions.at(0)), "C");

    // The whole question bold: one bold option is no marking, so the answer line decides.
    auto const all_bold = read({
        {bold("Câu 2: Đảng viên dự bị có quyền gì?")},
        {bold("A. Biểu quyết")},
        {bold("B. Ứng cử")},
        {{"C. Được thông tin, thảo luận, đề đạt ý kiến"}},
        plain("Đáp án: C"),
    });
    ASSERT_TRUE(all_bold.problems.empty()) << describe(all_bold);
    EXPECT_EQ(right_letters(all_bold.questions.at(0)), "C");

    auto const unmarked = read({
        {bold("Câu 3: Đảng viên dự bị có quyền gì?")},
        {bold("A. Biểu quyết")},
        {bold("B. Được thông tin, thảo luận, đề đạt ý kiến")},
    });
    ASSERT_NE(find_problem(unmarked, "no_correct_option"), nullptr) << describe(unmarked);
}

TEST(DocxBank, AnswerLines) {
    struct answer_line {
        std::string line;
        std::string letters;
    };
    std::vector<answer_line> const lines{
        {"Đáp án: B", "B"},
        {"Đáp án: A, C", "AC"},
        {"Đáp án: A và D", "AD"},
        {"ĐA: B", "B"},
        {"đáp án đúng: d", "D"},
        {"Answer: C.", "C"},
        {"ĐÁP ÁN : B. Mỗi tháng một lần", "B"},
    };
    for (auto const& a : lines) {
        auto const bank = read(
            with(chi_bo_question(plain("Câu 1: Chi bộ họp bao lâu một lần?")), {plain(a.line)}));
        ASSERT_TRUE(bank.problems.empty()) << a.line << "\n" << describe(bank);
        ASSERT_EQ(bank.questions.size(), 1u) << a.line;
        EXPECT_EQ(right_letters(bank.questions[0]), a.letters) << a.line;
    }
    auto const two =
        read(with(chi_bo_question(plain("Câu 1: Chọn hai ý?")), {plain("Đáp án: A, C")}));
    ASSERT_EQ(two.questions.size(), 1u);
    EXPECT_EQ(two.questions[0].options[0].weight, 50);
    EXPECT_EQ(two.questions[0].options[2].weight, 50);
    EXPECT_TRUE(two.questions[0].is_multiple_answer());
}

TEST(DocxBank, TopicLevelAndExplanationLines) {
    auto const bank = read({
        plain("Mức độ: Vận dụng"),
        plain("Chuyên đề: Đảng viên"),
        plain("Câu 1: Tuổi đời tối thiểu để được kết nạp vào Đảng là bao nhiêu?"),
        plain("A. 16 tuổi\t*B. 18 tuổi"),
        plain("Giải thích: Theo Điều 1 Điều lệ Đảng,"),
        plain("công dân Việt Nam từ mười tám tuổi trở lên."),
        plain("Câu 2 (TH): Thời gian dự bị là bao lâu?"),
        plain("*A. 12 tháng\tB. 24 tháng"),
        plain("Chủ đề: Tổ chức cơ sở đảng"),
        plain("Câu 3: Chi bộ có dưới 9 đảng viên chính thức thì bầu gì?"),
        plain("A. Chi ủy"),
        plain("B. Bí thư và phó bí thư"),
        plain("Đáp án: B"),
        plain("Vì chỉ chi bộ có từ 9 đảng viên chính thức trở lên mới bầu chi ủy."),
        plain("Mức độ: Thông hiểu"),
        plain("Câu 4: Đảng viên có mấy nhiệm vụ?"),
        plain("A. Bốn\t*B. Năm"),
        plain("Mức độ: Khó"),
    });
    ASSERT_EQ(bank.questions.size(), 4u) << describe(bank);
    auto const& q = bank.questions;
    EXPECT_EQ(q[0].topic, "Đảng viên");
    EXPECT_EQ(q[0].level, cognitive_level::van_dung);
    EXPECT_EQ(q[0].explanation,
              "Theo Điều 1 Điều lệ Đảng,\ncông dân Việt Nam từ mười tám tuổi trở lên.");
    EXPECT_EQ(q[1].topic, "Đảng viên");
    EXPECT_EQ(q[1].level, cognitive_level::thong_hieu);
    EXPECT_EQ(q[2].topic, "Tổ chức cơ sở đảng");
    EXPECT_EQ(q[2].level, cognitive_level::thong_hieu);
    EXPECT_EQ(q[2].explanation,
              "Vì chỉ chi bộ có từ 9 đảng viên chính thức trở lên mới bầu chi ủy.");
    EXPECT_EQ(right_letters(q[2]), "B");
    EXPECT_EQ(q[3].level, cognitive_level::nhan_biet);
    ASSERT_EQ(bank.problems.size(), 1u) << describe(bank);
    auto const& warning = bank.problems[0];
    EXPECT_EQ(warning.code, "unknown_level");
    EXPECT_EQ(warning.level, severity::warning);
    EXPECT_EQ(warning.line, 18);
    EXPECT_EQ(warning.question_number, 4);
    EXPECT_FALSE(bank.has_errors());
}

TEST(DocxBank, MultiParagraphStemKeepsEveryParagraphInOrder) {
    auto const bank = read({
        plain("Câu 1: Cho các nguyên tắc sau:"),
        plain("1) Tập trung dân chủ;"),
        plain("2) Tự phê bình và phê bình;"),
        plain("Có bao nhiêu nguyên tắc tổ chức và hoạt động của Đảng?"),
        plain("*A. Cả hai"),
        plain("B. Chỉ nguyên tắc 1"),
    });
    ASSERT_TRUE(bank.problems.empty()) << describe(bank);
    ASSERT_EQ(bank.questions.size(), 1u);
    // Each paragraph of the stem stays a line of its own.
    EXPECT_EQ(bank.questions[0].stem,
              "Cho các nguyên tắc sau:\n1) Tập trung dân chủ;\n2) Tự phê bình và phê bình;\nCó bao "
              "nhiêu nguyên tắc tổ chức và hoạt động của Đảng?");
    EXPECT_EQ(bank.questions[0].options.size(), 2u);
}

TEST(DocxBank, PicturesBecomeMediaAndHtml) {
    auto const bank = read({
        {{"Câu 1: Biểu tượng <Đảng> & Nhà nước nào dưới đây? "}, picture()},
        {{"*A. "}, picture()},
        plain("B. Không có hình \"nào\""),
        plain("Câu 2: Câu không có hình?"),
        plain("*A. Đúng\tB. Sai"),
    });
    ASSERT_TRUE(bank.problems.empty()) << describe(bank);
    ASSERT_EQ(bank.questions.size(), 2u);
    auto const& q = bank.questions[0];
    EXPECT_EQ(q.format, text_format::html);
    EXPECT_EQ(q.stem, "Biểu tượng &lt;Đảng&gt; &amp; Nhà nước nào dưới đây? "
                      "<img src=\"@@PLUGINFILE@@/image1.png\">");
    EXPECT_EQ(q.options[0].text, "<img src=\"@@PLUGINFILE@@/image1.png\">");
    EXPECT_EQ(q.options[1].text, "Không có hình &quot;nào&quot;");
    ASSERT_EQ(q.media.size(), 1u);
    EXPECT_EQ(q.media[0].name, "image1.png");
    EXPECT_EQ(q.media[0].mime_type, "image/png");
    EXPECT_EQ(q.media[0].data, tiny_png());
    EXPECT_EQ(bank.questions[1].format, text_format::plain);
    EXPECT_TRUE(bank.questions[1].media.empty());
}

TEST(DocxBank, MissingAnswerNamesParagraphAndQuestion) {
    auto const bank = read({
        plain("Câu 11: Đảng viên dự bị có quyền biểu quyết không?"),
        plain("*A. Không\tB. Có"),
        plain("Câu 12: Chi bộ họp thường lệ mấy lần một tháng?"),
        plain("A. Một lần"),
        plain("B. Hai lần"),
    });
    ASSERT_EQ(bank.questions.size(), 1u);
    ASSERT_EQ(bank.problems.size(), 1u) << describe(bank);
    auto const& p = bank.problems[0];
    EXPECT_EQ(p.code, "no_correct_option");
    EXPECT_EQ(p.line, 3);
    EXPECT_EQ(p.question_number, 2);
    EXPECT_EQ(p.file, "dieu_le.docx");
    EXPECT_EQ(p.message_vi.rfind("Câu 12: không tìm thấy đáp án đúng", 0), 0u) << p.message_vi;
    EXPECT_EQ(p.message_en.rfind("Question 12: no correct option marked", 0), 0u) << p.message_en;
    EXPECT_TRUE(bank.has_errors());
}

TEST(DocxBank, QuestionProblemsAreReportedAndTheOthersKept) {
    struct bad_question {
        std::string name;
        std::vector<docx_paragraph> paragraphs;
        std::string code;
        int line; ///< paragraph of the problem, counting the good question's 3 first
        std::string message_vi;
    };
    std::vector<bad_question> const cases{
        {"conflicting markings",
         with(chi_bo_question(plain("Câu 7: Chi bộ họp bao lâu một lần?")), {plain("Đáp án: C")}),
         "conflicting_answers", 4, "Câu 7: dòng Đáp án chọn C nhưng chữ đậm chọn B"},
        {"star against answer line",
         {plain("Câu 7: Ai triệu tập đại hội chi bộ?"), plain("A. Đảng ủy cơ sở"),
          plain("*B. Chi ủy"), plain("Đáp án: A")},
         "conflicting_answers",
         4,
         "Câu 7: dấu * chọn B nhưng dòng Đáp án chọn A"},
        {"letters out of order",
         {plain("Câu 7: Đảng viên có mấy quyền?"), plain("A. Bốn"), plain("*C. Sáu"),
          plain("B. Năm")},
         "option_letter_order",
         6,
         "Câu 7: phương án C đứng ở vị trí thứ 2"},
        {"letter repeated",
         {plain("Câu 7: Đảng viên có mấy quyền?"), plain("A. Bốn\tB. Năm"), plain("*B. Sáu")},
         "option_letter_repeated",
         6,
         "Câu 7: phương án B bị lặp lại"},
        {"one option",
         {plain("Câu 7: Đảng viên có mấy quyền?"), plain("*A. Bốn")},
         "option_count",
         4,
         "Câu 7: Câu hỏi có 1 phương án; cần từ 2 đến 10"},
        {"answer letter not an option",
         {plain("Câu 7: Đảng viên có mấy quyền?"), plain("A. Bốn\tB. Năm"), plain("ĐA: E")},
         "answer_letter_unknown",
         6,
         "Câu 7: dòng đáp án chọn E nhưng câu hỏi không có "
         "phương án E"},
        {"unreadable answer",
         {plain("Câu 7: Đảng viên có mấy quyền?"), plain("A. Bốn\tB. Năm"),
          plain("Đáp án: bốn quyền")},
         "answer_unreadable",
         6,
         "Câu 7: không đọc được dòng đáp án"},
        {"empty option",
         {plain("Câu 7: Đảng viên có mấy quyền?"), plain("*A. Bốn\tB."), plain("C. Sáu")},
         "empty_option",
         4,
         "Câu 7: Phương án 2 để trống"},
    };
    std::vector<docx_paragraph> const good{
        plain("Câu 6: Đảng viên dự bị có quyền biểu quyết không?"), plain("*A. Không"),
        plain("B. Có")};
    for (auto const& c : cases) {
        auto paragraphs = c.paragraphs;
        if (c.name == "conflicting markings")
            paragraphs[2] = {bold("B. Mỗi tháng một lần")};
        auto const bank = read(with(good, paragraphs));
        auto const* p = find_problem(bank, c.code);
        ASSERT_NE(p, nullptr) << c.name << "\n" << describe(bank);
        EXPECT_EQ(bank.problems.size(), 1u) << c.name << "\n" << describe(bank);
        EXPECT_EQ(p->level, severity::error) << c.name;
        EXPECT_EQ(p->line, c.line) << c.name;
        EXPECT_EQ(p->question_number, 2) << c.name;
        EXPECT_EQ(p->message_vi.rfind(c.message_vi, 0), 0u) << c.name << ": " << p->message_vi;
        EXPECT_EQ(p->message_en.rfind("Question 7: ", 0), 0u) << c.name << ": " << p->message_en;
        ASSERT_EQ(bank.questions.size(), 1u) << c.name;
        EXPECT_EQ(bank.questions[0].source_line, 1) << c.name;
    }
}

TEST(DocxBank, QuestionWithoutOptionsIsSkippedWithAWarning) {
    auto const bank = read({
        plain("Câu 1: Trình bày nhiệm vụ của đảng viên theo Điều lệ Đảng."),
        plain("Câu 2: Đảng viên dự bị có quyền biểu quyết không?"),
        plain("*A. Không\tB. Có"),
    });
    ASSERT_EQ(bank.questions.size(), 1u);
    ASSERT_EQ(bank.problems.size(), 1u);
    auto const& p = bank.problems[0];
    EXPECT_EQ(p.code, "not_multiple_choice");
    EXPECT_EQ(p.level, severity::warning);
    EXPECT_EQ(p.line, 1);
    EXPECT_EQ(p.question_number, 1);
    EXPECT_NE(p.message_vi.find("câu tự luận"), std::string::npos);
    EXPECT_FALSE(bank.has_errors());
}

TEST(DocxBank, TablesAndTrackedChanges) {
    std::string xml = document_xml({plain("Câu 1: Ai chủ trì đại hội chi bộ?")});
    xml.insert(xml.find("<w:sectPr>"),
               "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A. Đoàn chủ tịch</w:t></w:r></w:p></w:tc>"
               "<w:tc><w:p><w:r><w:t>*B. Bí thư</w:t></w:r><w:del><w:r><w:delText> cũ"
               "</w:delText></w:r></w:del><w:ins><w:r><w:t> chi bộ</w:t></w:r></w:ins></w:p>"
               "</w:tc></w:tr></w:tbl>");
    auto const bank = read_docx_bank(make_docx_with_document(xml), "dieu_le.docx");
    ASSERT_TRUE(bank.problems.empty()) << describe(bank);
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(bank.questions[0].options[1].text, "Bí thư chi bộ");
    EXPECT_EQ(right_letters(bank.questions[0]), "B");
}

TEST(DocxBank, HostileFilesAreRefusedWithOneClearError) {
    expect_refused(read_docx_bank("Đây không phải tệp Word", "dieu_le.docx"), "not_docx");
    expect_refused(read_docx_bank("", "dieu_le.docx"), "not_docx");

    std::string truncated = make_docx(chi_bo_question(plain("Câu 1: Chi bộ?")));
    truncated.resize(truncated.size() / 2);
    expect_refused(read_docx_bank(truncated, "dieu_le.docx"), "not_docx");

    expect_refused(read_docx_bank(make_zip({{"[Content_Types].xml", "<Types/>"}}), "dieu_le.docx"),
                   "missing_document");
    expect_refused(
        read_docx_bank(make_docx({plain("Chi bộ họp mỗi tháng một lần.")}), "dieu_le.docx"),
        "no_questions");
    expect_refused(
        read_docx_bank(make_docx_with_document("<w:document><w:body><w:p>"), "dieu_le.docx"),
        "xml_syntax");
}

TEST(DocxBank, ZipBombsAreRefusedWithoutTrustingDeclaredSizes) {
    // Declares more than a member may hold: refused before inflating anything.
    std::string declared = make_docx(chi_bo_question(plain("Câu 1: Chi bộ?")));
    set_declared_size(declared, "word/document.xml", 200u * 1024 * 1024);
    expect_refused(read_docx_bank(declared, "dieu_le.docx"), "unpacked_too_large");

    // Declares 1 KB but inflates to 8 MB: stopped at the first bytes beyond the declared size.
    std::string xml = document_xml(chi_bo_question(plain("Câu 1: Chi bộ?")));
    xml.insert(xml.find("<w:body>"), std::string(8 * 1024 * 1024, ' '));
    std::string forged = make_docx_with_document(xml);
    ASSERT_LT(forged.size(), 100'000u);
    set_declared_size(forged, "word/document.xml", 1024);
    expect_refused(read_docx_bank(forged, "dieu_le.docx"), "unpacked_too_large");

    std::string const huge(import_limits::file_bytes + 1, 'P');
    expect_refused(read_docx_bank(huge, "dieu_le.docx"), "file_too_large");
}

TEST(DocxBank, HostileXmlIsRefusedWithOneClearError) {
    std::string const billion_laughs =
        R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">)"
        R"(<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">)"
        R"(<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>)"
        R"(<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Câu 1: &lol3;</w:t></w:r></w:p>)"
        R"(</w:body></w:document>)";
    expect_refused(read_docx_bank(make_docx_with_document(billion_laughs), "dieu_le.docx"),
                   "xml_dtd");

    std::string deep = "<w:document xmlns:w=\"w\"><w:body>";
    for (int i = 0; i < 200'000; ++i)
        deep += "<w:customXml>";
    for (int i = 0; i < 200'000; ++i)
        deep += "</w:customXml>";
    deep += "</w:body></w:document>";
    expect_refused(read_docx_bank(make_docx_with_document(deep), "dieu_le.docx"), "xml_too_deep");

    std::string many = "<w:document xmlns:w=\"w\"><w:body>";
    for (int i = 0; i < 4'100'000; ++i)
        many += "<a/>";
    many += "</w:body></w:document>";
    expect_refused(read_docx_bank(make_docx_with_document(many), "dieu_le.docx"),
                   "xml_too_complex");

    std::string bad_text =
        document_xml({plain("Câu 1: Chi bộ \xC3\x28 họp?"), plain("*A. Có"), plain("B. Không")});
    expect_refused(read_docx_bank(make_docx_with_document(bad_text), "dieu_le.docx"), "bad_utf8");

    std::string surrogate =
        document_xml({plain("Câu 1: Chi bộ @ họp?"), plain("*A. Có"), plain("B. Không")});
    surrogate.replace(surrogate.find('@'), 1, "&#xD800;");
    auto const by_reference = read_docx_bank(make_docx_with_document(surrogate), "dieu_le.docx");
    expect_refused(by_reference, "bad_utf8");
    EXPECT_EQ(by_reference.problems[0].line, 1);
}

TEST(DocxBank, HugeParagraphIsAnErrorForItsQuestion) {
    auto const bank = read({
        plain("Câu 1: " + std::string(70 * 1024, 'x')),
        plain("*A. Có\tB. Không"),
        plain("Câu 2: Đảng viên dự bị có quyền biểu quyết không?"),
        plain("*A. Không\tB. Có"),
    });
    ASSERT_EQ(bank.problems.size(), 1u) << describe(bank);
    EXPECT_EQ(bank.problems[0].code, "paragraph_too_long");
    EXPECT_EQ(bank.problems[0].line, 1);
    EXPECT_EQ(bank.problems[0].question_number, 0); // the header itself could not be read
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(bank.questions[0].source_line, 3);
}

namespace {

/// "Câu" with its circumflex as a combining mark (NFD), as some converters write it.
std::string const cau_nfd = "Ca\xCC\x82u";

/// word/numbering.xml: list 1 numbers questions "Câu %1:" with options "%2." lettered A, B...
/// one level below; lists 2 and 3 letter options "%1." each from A again (a start override);
/// list 4 letters them "a." in lower case.
std::string const numbering_xml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:abstractNum w:abstractNumId="0">)"
    R"(<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val=")" +
    cau_nfd +
    R"( %1:"/></w:lvl>)"
    R"(<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/>)"
    R"(<w:lvlText w:val="%2."/></w:lvl></w:abstractNum>)"
    R"(<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>)"
    R"(<w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>)"
    R"(<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/>)"
    R"(<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>)"
    R"(<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>)"
    R"(<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>)"
    R"(<w:num w:numId="3"><w:abstractNumId w:val="1"/>)"
    R"(<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>)"
    R"(<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>)"
    R"(</w:numbering>)";

/// word/styles.xml: the paragraph style CauHoi is level 0 of list 1, PhuongAn level 1.
std::string const styles_xml =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:style w:type="paragraph" w:styleId="CauHoi"><w:pPr><w:numPr><w:numId w:val="1"/>)"
    R"(</w:numPr></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="LuaChon"><w:pPr><w:numPr><w:ilvl w:val="1"/>)"
    R"(<w:numId w:val="1"/></w:numPr></w:pPr></w:style>)"
    R"(<w:style w:type="paragraph" w:styleId="PhuongAn"><w:basedOn w:val="LuaChon"/></w:style>)"
    R"(</w:styles>)";

bank_import read_numbered(std::vector<docx_paragraph> const& paragraphs,
                          std::string const& numbering = numbering_xml) {
    return read_docx_bank(
        make_docx(paragraphs, {{"word/numbering.xml", numbering}, {"word/styles.xml", styles_xml}}),
        "tu_dong.docx");
}

docx_paragraph styled(std::string style, docx_paragraph runs) {
    runs.style = std::move(style);
    return runs;
}

std::vector<std::string> option_texts(question const& q) {
    std::vector<std::string> texts;
    for (auto const& o : q.options)
        texts.push_back(o.text);
    return texts;
}

} // namespace

TEST(DocxBank, AutomaticNumberingGivesQuestionsAndOptionsRestartingEachQuestion) {
    auto const bank = read_numbered({
        numbered(1, 0, plain("Chi bo\xCC\xA3\xCC\x82 sinh hoạt bao lâu một lần?")),
        numbered(1, 1, plain("Mỗi tuần")),
        numbered(1, 1, {bold("Mỗi tháng")}),
        numbered(1, 1, plain("Mỗi quý")),
        numbered(1, 0, plain("Người vào Đảng phải đủ bao nhiêu tuổi?")),
        numbered(1, 1, plain("16 tuổi")),
        numbered(1, 1, plain("*18 tuổi")),
        numbered(1, 1, plain("20 tuổi")),
    });
    ASSERT_EQ(bank.problems.size(), 0u) << describe(bank);
    ASSERT_EQ(bank.questions.size(), 2u);
    EXPECT_EQ(bank.questions[0].stem, "Chi bộ sinh hoạt bao lâu một lần?");
    EXPECT_EQ(option_texts(bank.questions[0]),
              (std::vector<std::string>{"Mỗi tuần", "Mỗi tháng", "Mỗi quý"}));
    EXPECT_EQ(right_letters(bank.questions[0]), "B");
    EXPECT_EQ(bank.questions[0].source_line, 1);
    EXPECT_EQ(option_texts(bank.questions[1]),
              (std::vector<std::string>{"16 tuổi", "18 tuổi", "20 tuổi"}));
    EXPECT_EQ(right_letters(bank.questions[1]), "B");
    EXPECT_EQ(bank.questions[1].source_line, 5);
}

TEST(DocxBank, AutomaticLettersWithStartOverridesAnswerLinesAndStyles) {
    auto const bank = read_numbered({
        plain("Câu 1: Chi bộ là gì?"),
        numbered(2, 0, plain("Tổ chức cơ sở")),
        numbered(2, 0, {underlined("Hạt nhân chính trị ở cơ sở")}),
        plain("Câu 2: Đảng viên có mấy nhiệm vụ?"),
        numbered(3, 0, plain("Bốn")),
        numbered(3, 0, plain("Năm")),
        plain("Đáp án: A"),
        plain("Câu 3: Chọn số chẵn."),
        numbered(4, 0, plain("Ba")),
        numbered(4, 0, plain("Bốn")),
        plain("Đáp án: b"),
        styled("CauHoi", plain("Điều lệ Đảng có mấy chương?")),
        styled("PhuongAn", plain("Mười hai")),
        styled("PhuongAn", {bold("Mười ba")}),
    });
    ASSERT_EQ(bank.problems.size(), 0u) << describe(bank);
    ASSERT_EQ(bank.questions.size(), 4u);
    EXPECT_EQ(right_letters(bank.questions[0]), "B");
    EXPECT_EQ(right_letters(bank.questions[1]), "A");
    EXPECT_EQ(right_letters(bank.questions[2]), "B");
    EXPECT_EQ(bank.questions[3].stem, "Điều lệ Đảng có mấy chương?");
    EXPECT_EQ(option_texts(bank.questions[3]), (std::vector<std::string>{"Mười hai", "Mười ba"}));
    EXPECT_EQ(right_letters(bank.questions[3]), "B");
}

TEST(DocxBank, BrokenNumberingWarnsOnceAndTextNumberedQuestionsStillImport) {
    std::vector<docx_paragraph> const paragraphs{
        plain("Câu 1: Chi bộ sinh hoạt bao lâu một lần?"),
        plain("A. Mỗi tuần"),
        plain("*B. Mỗi tháng"),
        numbered(7, 0, plain("Giải thích: list 7 does not exist")),
    };
    std::string unreadable_level = numbering_xml;
    unreadable_level.replace(unreadable_level.find(R"(w:ilvl="1")"), 10, R"(w:ilvl="x")");
    for (std::string const& numbering :
         {numbering_xml.substr(0, numbering_xml.size() / 2), std::string("\xFF\xFE<w:numbering"),
          std::string("<!DOCTYPE x><w:numbering/>"), unreadable_level}) {
        auto const bank = read_numbered(paragraphs, numbering);
        ASSERT_EQ(bank.questions.size(), 1u) << describe(bank);
        EXPECT_EQ(right_letters(bank.questions[0]), "B");
        ASSERT_EQ(bank.problems.size(), 1u) << describe(bank);
        EXPECT_EQ(bank.problems[0].code, "numbering_unreadable");
        EXPECT_EQ(bank.problems[0].level, severity::warning);
        EXPECT_EQ(bank.problems[0].file, "tu_dong.docx");
        EXPECT_NE(bank.problems[0].message_vi.find("word/numbering.xml"), std::string::npos);
        EXPECT_FALSE(bank.problems[0].message_en.empty());
    }
}
