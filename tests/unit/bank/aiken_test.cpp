#include "question-bank/aiken.hpp"
#include "tests/unit/bank/bank_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>

using namespace phongthi::bank;

namespace {

std::string const aiken_dieu_le = "Đảng viên dự bị được tính tuổi Đảng từ khi nào?\n"
                                  "A. Từ ngày chi bộ kết nạp\n"
                                  "B. Từ ngày được công nhận đảng viên chính thức\n"
                                  "C. Từ ngày nộp đơn xin vào Đảng\n"
                                  "ANSWER: B\n"
                                  "\n"
                                  "Chi bộ sinh hoạt thường lệ bao lâu một lần?\n"
                                  "A) Mỗi tháng một lần\n"
                                  "B) Mỗi quý một lần\n"
                                  "ANSWER: A\n";

question single(std::string stem, std::vector<std::string> texts, std::size_t right) {
    question q;
    q.stem = std::move(stem);
    for (std::size_t i = 0; i < texts.size(); ++i)
        q.options.push_back({texts[i], i == right ? 100.0 : 0.0, ""});
    return q;
}

} // namespace

TEST(Aiken, ReadsVietnameseQuestions) {
    auto const bank = read_aiken(aiken_dieu_le, "dieu_le.txt");
    ASSERT_TRUE(bank.problems.empty()) << bank.problems.front().message_en;
    ASSERT_EQ(bank.questions.size(), 2u);
    auto const& q = bank.questions[0];
    EXPECT_EQ(q.stem, "Đảng viên dự bị được tính tuổi Đảng từ khi nào?");
    ASSERT_EQ(q.options.size(), 3u);
    EXPECT_EQ(q.options[1].text, "Từ ngày được công nhận đảng viên chính thức");
    EXPECT_EQ(q.options[0].weight, 0);
    EXPECT_EQ(q.options[1].weight, 100);
    EXPECT_EQ(q.level, cognitive_level::nhan_biet);
    EXPECT_EQ(q.source_file, "dieu_le.txt");
    EXPECT_EQ(q.source_line, 1);
    EXPECT_EQ(bank.questions[1].source_line, 7);
    EXPECT_EQ(bank.questions[1].options[0].weight, 100);
}

TEST(Aiken, AcceptsCrlfCrBomAndNoFinalNewline) {
    std::string text = "\xEF\xBB\xBF" + aiken_dieu_le;
    text.pop_back();
    std::string crlf;
    std::string cr;
    for (char const c : text) {
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        cr += c == '\n' ? '\r' : c;
    }
    for (auto const& variant : {text, crlf, cr}) {
        auto const bank = read_aiken(variant, "x.txt");
        EXPECT_TRUE(bank.problems.empty());
        ASSERT_EQ(bank.questions.size(), 2u);
        EXPECT_EQ(bank.questions[1].source_line, 7);
        EXPECT_EQ(bank.questions[1].options[1].text, "Mỗi quý một lần");
    }
}

TEST(Aiken, ExplicitErrorsForWhatMoodleDropsSilently) {
    struct row {
        std::string text;
        std::string code;
        int line;
        int question;
    };
    std::vector<row> const rows{
        {"Câu hỏi?\nA. Một\nB. Hai\nAnswer: B\n", "answer_keyword", 4, 1},
        {"Câu hỏi?\nA. Một\nB. Hai\nĐáp án: B\n", "answer_keyword", 4, 1},
        {"Câu hỏi?\nA. Một\nB. Hai\nANSWER: b\n", "bad_answer", 4, 1},
        {"Câu hỏi?\nA. Một\nB. Hai\nANSWER:\n", "bad_answer", 4, 1},
        {"Câu hỏi?\nA. Một\nB. Hai\nANSWER: A, B\n", "multiple_answers", 4, 1},
        {"Câu hỏi?\nA. Một\nB. Hai\nANSWER: E\n", "answer_out_of_range", 4, 1},
        {"Câu hỏi dài\ntiếp dòng hai?\nA. Một\nB. Hai\nANSWER: A\n", "stem_multiline", 2, 1},
        {"Câu hỏi?\nA. Một\nC. Hai\nANSWER: A\n", "choice_label", 3, 1},
        {"A. Lincoln là ai?\nB. Tổng thống\n", "choice_without_question", 1, 0},
        {"Câu hỏi?\nA. Một\nB. Hai\n", "question_not_finished", 1, 1},
        {"", "no_questions", 0, 0},
        {"Câu hỏi?\nA. Chỉ một phương án\nANSWER: A\n", "option_count", 1, 1},
    };
    for (auto const& r : rows) {
        auto const bank = read_aiken(r.text, "loi.txt");
        EXPECT_TRUE(bank.questions.empty()) << r.text;
        ASSERT_FALSE(bank.problems.empty()) << r.text;
        auto const& p = bank.problems.front();
        EXPECT_EQ(p.code, r.code) << r.text;
        EXPECT_EQ(p.line, r.line) << r.text;
        EXPECT_EQ(p.question_number, r.question) << r.text;
        EXPECT_EQ(p.file, "loi.txt");
        EXPECT_EQ(p.level, severity::error);
        EXPECT_FALSE(p.message_vi.empty());
        EXPECT_FALSE(p.message_en.empty());
    }
}

TEST(Aiken, BrokenQuestionDoesNotHideTheNextOne) {
    auto const bank = read_aiken("Câu một?\nA. x\nC. y\nANSWER: A\n\nCâu hai?\nA) Đúng\nB) Sai\n"
                                 "ANSWER: A\n",
                                 "f.txt");
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(bank.questions[0].stem, "Câu hai?");
    EXPECT_EQ(test_support::problem_codes(bank), std::vector<std::string>{"choice_label"});
}

TEST(Aiken, RefusesNonUtf8AsAWhole) {
    auto const bank = read_aiken("Câu một?\nA. x\nB. \xF6\nANSWER: A\n", "cp1252.txt");
    EXPECT_TRUE(bank.questions.empty());
    ASSERT_EQ(test_support::problem_codes(bank), std::vector<std::string>{"not_utf8"});
    EXPECT_EQ(bank.problems[0].line, 3);
    EXPECT_NE(bank.problems[0].message_vi.find("UTF-8"), std::string::npos);
}

TEST(Aiken, HugeLineIsRefusedWithBoundedWork) {
    std::string text = "Câu hỏi " + std::string(200'000, 'x') +
                       "?\nA. Một\nB. Hai\nANSWER: A\n"
                       "Câu sau?\nA. Một\nB. Hai\nANSWER: B\n";
    auto const bank = read_aiken(text, "lon.txt");
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(test_support::problem_codes(bank), std::vector<std::string>{"line_too_long"});
}

TEST(Aiken, WritesWhatItCanAndReportsTheRest) {
    std::vector<question> questions;
    questions.push_back(single("Ai là người sáng lập Đảng?", {"Hồ Chí Minh", "Trần Phú"}, 0));
    questions.back().explanation = "Năm 1930";
    question multiple =
        single("Chọn các nguyên tắc đúng", {"Tập trung dân chủ", "Tự phê bình", "Khác"}, 0);
    multiple.options[0].weight = 50;
    multiple.options[1].weight = 50;
    questions.push_back(multiple);
    questions.push_back(single("A. Câu hỏi trông như phương án", {"x", "y"}, 1));
    question html = single("<b>Đậm</b>", {"x", "y"}, 1);
    html.format = text_format::html;
    questions.push_back(html);
    questions.push_back(single("Câu hỏi\nhai dòng?", {"Có", "Không"}, 1));

    auto const out = write_aiken(questions);
    EXPECT_EQ(out.bytes, "Ai là người sáng lập Đảng?\nA) Hồ Chí Minh\nB) Trần Phú\nANSWER: A\n\n"
                         "Câu hỏi hai dòng?\nA) Có\nB) Không\nANSWER: B\n\n");
    std::vector<std::pair<std::string, int>> skipped;
    for (auto const& p : out.skipped) {
        skipped.emplace_back(p.code, p.question_number);
        EXPECT_EQ(p.level, severity::warning);
    }
    EXPECT_EQ(skipped, (std::vector<std::pair<std::string, int>>{{"aiken_feedback_lost", 1},
                                                                 {"aiken_not_single", 2},
                                                                 {"aiken_ambiguous_stem", 3},
                                                                 {"aiken_html", 4}}));
    auto const back = read_aiken(out.bytes, "xuat.txt");
    EXPECT_TRUE(back.problems.empty());
    ASSERT_EQ(back.questions.size(), 2u);
    EXPECT_EQ(back.questions[0].stem, questions[0].stem);
    EXPECT_EQ(back.questions[1].options[1].weight, 100);
}

#ifdef PHONGTHI_FIXTURES_DIR

namespace {

std::string aiken_fixture(std::string const& path) {
    return test_support::read_bytes(std::string(PHONGTHI_FIXTURES_DIR) + "/aiken/" + path);
}

} // namespace

TEST(AikenFixtures, MoodleErrorsFileGivesThreeQuestionsAndMoodlesErrors) {
    auto const bank = read_aiken(aiken_fixture("moodle/aiken_errors.txt"), "aiken_errors.txt");
    ASSERT_EQ(bank.questions.size(), 3u);
    EXPECT_EQ(bank.questions[0].stem, "A good question");
    EXPECT_EQ(bank.questions[0].options[0].text, "Correct");
    EXPECT_EQ(bank.questions[0].options[0].weight, 100);
    EXPECT_EQ(bank.questions[1].options[0].text, "Incorrect (No space)");
    EXPECT_EQ(bank.questions[1].options[1].text, "Correct (No space)");
    EXPECT_EQ(bank.questions[1].options[1].weight, 100);
    EXPECT_EQ(bank.questions[2].stem, "A third good question with HTML chars such as > < &");
    EXPECT_EQ(bank.questions[2].options[0].text, "Correct (< > &)");
    std::vector<std::tuple<std::string, int, int>> found;
    for (auto const& p : bank.problems)
        found.emplace_back(p.code, p.line, p.question_number);
    EXPECT_EQ(found, (std::vector<std::tuple<std::string, int, int>>{
                         {"option_count", 1, 1},
                         {"choice_without_question", 5, 0},
                         {"answer_without_question", 7, 0},
                         {"question_not_finished", 18, 3},
                     }));
}

TEST(AikenFixtures, MoodleQuestionsKeepTextAsWritten) {
    auto const bank =
        read_aiken(aiken_fixture("moodle/questions.aiken.txt"), "questions.aiken.txt");
    EXPECT_TRUE(bank.problems.empty());
    ASSERT_EQ(bank.questions.size(), 2u);
    std::vector<double> weights;
    for (auto const& o : bank.questions[0].options)
        weights.push_back(o.weight);
    EXPECT_EQ(weights, (std::vector<double>{0, 100, 0, 0}));
    EXPECT_EQ(bank.questions[0].options[1].text, "Martin Dougiamas");
    EXPECT_EQ(bank.questions[1].stem,
              "Moodle's abilities include handling user input that includes <html class=\"cool\"> "
              "& images:");
    EXPECT_EQ(bank.questions[1].format, text_format::plain);
}

TEST(AikenFixtures, MoodleExportFromQasEditor) {
    auto const bank =
        read_aiken(aiken_fixture("LucasWolfgang_QAS-Editor/aiken_1.txt"), "aiken_1.txt");
    EXPECT_TRUE(bank.problems.empty());
    ASSERT_EQ(bank.questions.size(), 5u);
    std::vector<std::size_t> counts;
    for (auto const& q : bank.questions)
        counts.push_back(q.options.size());
    EXPECT_EQ(counts, (std::vector<std::size_t>{5, 3, 3, 3, 4}));
    EXPECT_EQ(bank.questions[0].options[1].text, "-2.0");
    EXPECT_EQ(bank.questions[0].options[4].weight, 100);
    EXPECT_EQ(bank.questions[4].options[2].text, ".");
}

TEST(AikenFixtures, AikenAdvancedDialectIsRefusedPerQuestion) {
    auto const bank =
        read_aiken(aiken_fixture("upmf_moodle-qformat_aikenadv/aiken_hebrew_english_sample.txt"),
                   "hebrew.txt");
    EXPECT_TRUE(bank.questions.empty());
    std::vector<std::pair<std::string, int>> found;
    for (auto const& p : bank.problems)
        found.emplace_back(p.code, p.line);
    EXPECT_EQ(found, (std::vector<std::pair<std::string, int>>{{"question_not_finished", 6},
                                                               {"option_count", 6},
                                                               {"question_not_finished", 16},
                                                               {"option_count", 16},
                                                               {"stem_multiline", 20}}));
}

#endif
