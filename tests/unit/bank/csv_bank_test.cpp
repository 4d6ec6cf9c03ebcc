#include "question-bank/csv_bank.hpp"
#include "tests/unit/bank/bank_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace phongthi::bank;

namespace {

std::string const vietnamese_csv =
    "Chuyên đề,Mức độ,Câu hỏi,A,B,C,D,Đáp án,Điểm,Giải thích\n"
    "Điều lệ Đảng,Nhận biết,Chi bộ sinh hoạt thường lệ bao lâu một lần?,Mỗi tháng một lần,Mỗi "
    "quý một lần,Sáu tháng một lần,,A,1,Điều 24\n"
    "Điều lệ Đảng,Thông hiểu,\"Nguyên tắc tổ chức cơ bản của Đảng, theo Điều lệ, là gì?\","
    "Tập trung dân chủ,Tự phê bình,Đoàn kết,,a,\"1,5\",\n"
    "Lịch sử Đảng,vận dụng,\"Những nội dung nào đúng?\nChọn tất cả.\",Đảng ra đời năm 1930,"
    "\"Tên gọi \"\"Đảng Cộng sản Việt Nam\"\"\",Đảng ra đời năm 1945,,\"A,B\",2,\n";

std::vector<double> weights(question const& q) {
    std::vector<double> found;
    for (auto const& o : q.options)
        found.push_back(o.weight);
    return found;
}

// The one data row "Câu hỏi?" with options Một/Hai/Ba under the header, with `answer`.
std::string with_answer(std::string const& answer) {
    return "Câu hỏi,A,B,C,Đáp án\nCâu hỏi?,Một,Hai,Ba," + answer + "\n";
}

} // namespace

TEST(CsvBank, ReadsVietnameseRowsWithQuotesAndNewlines) {
    auto const bank = read_csv_bank(vietnamese_csv, "dang.csv");
    ASSERT_TRUE(bank.problems.empty()) << bank.problems.front().message_en;
    ASSERT_EQ(bank.questions.size(), 3u);
    auto const& first = bank.questions[0];
    EXPECT_EQ(first.topic, "Điều lệ Đảng");
    EXPECT_EQ(first.level, cognitive_level::nhan_biet);
    EXPECT_EQ(first.options.size(), 3u);
    EXPECT_EQ(weights(first), (std::vector<double>{100, 0, 0}));
    EXPECT_EQ(first.explanation, "Điều 24");
    EXPECT_EQ(first.source_line, 2);
    auto const& second = bank.questions[1];
    EXPECT_EQ(second.stem, "Nguyên tắc tổ chức cơ bản của Đảng, theo Điều lệ, là gì?");
    EXPECT_EQ(second.level, cognitive_level::thong_hieu);
    EXPECT_EQ(second.points, 1.5);
    auto const& third = bank.questions[2];
    EXPECT_EQ(third.source_line, 4);
    EXPECT_EQ(third.stem, "Những nội dung nào đúng?\nChọn tất cả."); // the cell's line break stays
    EXPECT_EQ(third.options[1].text, "Tên gọi \"Đảng Cộng sản Việt Nam\"");
    EXPECT_EQ(weights(third), (std::vector<double>{50, 50, 0}));
    EXPECT_TRUE(third.is_multiple_answer());
    EXPECT_EQ(third.level, cognitive_level::van_dung);
}

TEST(CsvBank, DetectsSemicolonAndTabAndBom) {
    for (char const separator : {';', '\t'}) {
        std::string text = "\xEF\xBB\xBF"
                           "STT;Nội dung;Phương án A;Phương án B;Đáp án đúng\r\n"
                           "1;Đảng viên có mấy nhiệm vụ?;Bốn;Năm;A\r\n";
        std::replace(text.begin(), text.end(), ';', separator);
        auto const bank = read_csv_bank(text, "x.csv");
        EXPECT_TRUE(bank.problems.empty());
        ASSERT_EQ(bank.questions.size(), 1u);
        EXPECT_EQ(bank.questions[0].stem, "Đảng viên có mấy nhiệm vụ?");
        EXPECT_EQ(bank.questions[0].options[1].text, "Năm");
    }
}

TEST(CsvBank, HeadersInEnglishOrWithoutDiacriticsAndATitleRow) {
    std::string const text = "NGÂN HÀNG CÂU HỎI,,,,,,\n"
                             ",,,,,,\n"
                             "ID,TOPIC,Level,Question,Option A,Option B,Answer,Points\n"
                             "Q7,Điều lệ,VDC,Câu hỏi?,Có,Không,B,3\n";
    auto const bank = read_csv_bank(text, "en.csv");
    EXPECT_TRUE(bank.problems.empty());
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(bank.questions[0].external_id, "Q7");
    EXPECT_EQ(bank.questions[0].level, cognitive_level::van_dung_cao);
    EXPECT_EQ(bank.questions[0].points, 3);
    EXPECT_EQ(bank.questions[0].source_line, 4);
    auto const plain = read_csv_bank("Ma,Chuyen de,Muc do,Cau hoi,A,B,Dap an,Diem,Giai thich\n"
                                     "M1,Dang,thong hieu,Cau?,Co,Khong,B,2,Vi sao\n",
                                     "khong_dau.csv");
    ASSERT_EQ(plain.questions.size(), 1u);
    EXPECT_EQ(plain.questions[0].explanation, "Vi sao");
    EXPECT_EQ(plain.questions[0].level, cognitive_level::thong_hieu);
}

TEST(CsvBank, AnswerForms) {
    struct row {
        std::string answer;
        std::vector<double> weights;
    };
    std::vector<row> const rows{
        {"B", {0, 100, 0}},
        {"b", {0, 100, 0}},
        {"AC", {50, 0, 50}},
        {"\"A, C\"", {50, 0, 50}},
        {"A;C", {50, 0, 50}},
        {"\"A,B,C\"", {100.0 / 3, 100.0 / 3, 100.0 / 3}},
        {"\"A=60, B=40, C=-100\"", {60, 40, -100}},
    };
    for (auto const& r : rows) {
        auto const bank = read_csv_bank(with_answer(r.answer), "a.csv");
        ASSERT_EQ(bank.questions.size(), 1u) << r.answer;
        EXPECT_EQ(weights(bank.questions[0]), r.weights) << r.answer;
    }
}

TEST(CsvBank, RowErrorsNameTheLineAndTheColumn) {
    struct row {
        std::string text;
        std::string code;
        std::string field;
    };
    std::vector<row> const rows{
        {with_answer("D"), "answer_out_of_range", "column E (Đáp án)"},
        {with_answer("X"), "bad_answer", "column E (Đáp án)"},
        {with_answer(""), "missing_answer", "column E (Đáp án)"},
        {with_answer("\"A=50,B\""), "bad_answer", "column E (Đáp án)"},
        {"Câu hỏi,A,B,C,Đáp án\nCâu hỏi?,Một,,Ba,A\n", "empty_option", "column C (B)"},
        {"Câu hỏi,A,B,Đáp án,Mức độ\nCâu hỏi?,Một,Hai,A,khó\n", "unknown_level",
         "column E (Mức độ)"},
        {"Câu hỏi,A,B,Đáp án,Điểm\nCâu hỏi?,Một,Hai,A,hai\n", "bad_points", "column E (Điểm)"},
        {"Câu hỏi,A,B,Đáp án,Điểm\nCâu hỏi?,Một,Hai,A,0\n", "points_positive", "line 2.points"},
        {"Câu hỏi,A,B,Đáp án\n,Một,Hai,A\n", "empty_stem", "line 2.stem"},
    };
    for (auto const& r : rows) {
        auto const bank = read_csv_bank(r.text, "loi.csv");
        EXPECT_TRUE(bank.questions.empty()) << r.text;
        ASSERT_EQ(test_support::problem_codes(bank), std::vector<std::string>{r.code}) << r.text;
        auto const& p = bank.problems[0];
        EXPECT_EQ(p.field, r.field);
        EXPECT_EQ(p.line, 2);
        EXPECT_EQ(p.question_number, 1);
        EXPECT_EQ(p.file, "loi.csv");
        EXPECT_FALSE(p.message_vi.empty());
        EXPECT_FALSE(p.message_en.empty());
    }
}

TEST(CsvBank, FileErrors) {
    struct row {
        std::string text;
        std::vector<std::string> codes;
        int line;
    };
    std::vector<row> const rows{
        {"", {"missing_columns"}, 0},
        {"Tên,Ngày sinh\nAn,1990\n", {"missing_columns"}, 1},
        {"Câu hỏi,A,Đáp án\nCâu?,Một,A\n", {"option_columns"}, 1},
        {"Câu hỏi,A,C,Đáp án\nCâu?,Một,Hai,A\n", {"option_columns"}, 1},
        {"Câu hỏi,Nội dung,A,B,Đáp án\n", {"duplicate_column"}, 1},
        {"Câu hỏi,A,B,Đáp án\n\n\n", {"no_questions"}, 1},
        {"Câu hỏi,A,B,Đáp án\nCâu?,Một,Hai,A\n\"Câu chưa đóng,Một,Hai,A\n", {"unclosed_quote"}, 3},
        {"Câu hỏi,A,B,Đáp án\nC\xE2u?,M\xF4t,Hai,A\n", {"not_utf8"}, 2},
    };
    for (auto const& r : rows) {
        auto const bank = read_csv_bank(r.text, "f.csv");
        EXPECT_EQ(test_support::problem_codes(bank), r.codes) << r.text;
        ASSERT_FALSE(bank.problems.empty());
        EXPECT_EQ(bank.problems.back().line, r.line) << r.text;
    }
}

TEST(CsvBank, HostileInputStaysBounded) {
    std::string const header = "Câu hỏi,A,B,Đáp án\n";
    auto const huge_cell = read_csv_bank(header + "\"" + std::string(1'000'000, 'x') +
                                             "\",Một,Hai,A\n"
                                             "Câu sau?,Một,Hai,B\n",
                                         "lon.csv");
    ASSERT_EQ(huge_cell.questions.size(), 1u);
    EXPECT_EQ(test_support::problem_codes(huge_cell), std::vector<std::string>{"cell_too_large"});
    EXPECT_EQ(huge_cell.problems[0].field, "column A (Câu hỏi)");

    auto const commas =
        read_csv_bank(header + "Câu?,Một,Hai,A" + std::string(5'000'000, ',') + "\n", "phay.csv");
    EXPECT_EQ(commas.questions.size(), 1u);

    auto const unquoted_comma = read_csv_bank(header + "Câu, có dấu phẩy?,Một,Hai,A\n", "p.csv");
    EXPECT_TRUE(unquoted_comma.questions.empty());
    EXPECT_EQ(test_support::problem_codes(unquoted_comma),
              (std::vector<std::string>{"answer_out_of_range", "extra_cells"}));

    std::string many = header;
    for (int i = 0; i < 100'001; ++i)
        many += "C?,x,y,A\n";
    auto const too_many = read_csv_bank(many, "nhieu.csv");
    EXPECT_EQ(too_many.questions.size(), 100'000u);
    EXPECT_EQ(test_support::problem_codes(too_many).back(), "too_many_questions");
}

TEST(CsvBank, WriteThenReadGivesTheSameQuestions) {
    auto const bank = read_csv_bank(vietnamese_csv, "dang.csv");
    ASSERT_EQ(bank.questions.size(), 3u);
    std::vector<question> questions = bank.questions;
    questions[0].external_id = "DL-01";
    questions[0].options[2].weight = -50;
    questions[0].level = cognitive_level::van_dung_cao;
    questions[1].stem = " bắt đầu bằng dấu cách; có \"ngoặc\"";
    auto const text = write_csv_bank(questions);
    EXPECT_TRUE(text.starts_with("\xEF\xBB\xBF"
                                 "Mã,Chuyên đề,Mức độ,Câu hỏi,A,B,C,D,Đáp án,Điểm,"
                                 "Giải thích\r\n"));
    EXPECT_NE(text.find(",\"A=100,C=-50\","), std::string::npos);
    EXPECT_NE(text.find(",\"A,B\","), std::string::npos);
    auto const back = read_csv_bank(text, "xuat.csv");
    ASSERT_TRUE(back.problems.empty()) << back.problems.front().message_en;
    ASSERT_EQ(back.questions.size(), 3u);
    for (std::size_t i = 0; i < questions.size(); ++i) {
        auto const& a = questions[i];
        auto const& b = back.questions[i];
        EXPECT_EQ(b.external_id, a.external_id);
        EXPECT_EQ(b.topic, a.topic);
        EXPECT_EQ(b.level, a.level);
        EXPECT_EQ(b.stem, i == 1 ? "bắt đầu bằng dấu cách; có \"ngoặc\"" : a.stem);
        EXPECT_EQ(b.points, a.points);
        EXPECT_EQ(b.explanation, a.explanation);
        ASSERT_EQ(b.options.size(), a.options.size());
        for (std::size_t k = 0; k < a.options.size(); ++k) {
            EXPECT_EQ(b.options[k].text, a.options[k].text);
            EXPECT_NEAR(b.options[k].weight, a.options[k].weight, 1e-9);
        }
    }
}

TEST(CsvBank, FormulaLikeCellsAreGuardedAndReadBackExactly) {
    question q;
    q.stem = "=HYPERLINK(\"http://x\",\"bấm\")";
    q.topic = "@SUM(A1)";
    q.explanation = "'=đã có dấu nháy";
    q.options = {{"+1 điểm", 100, ""}, {"-1", 0, ""}, {"-x", 0, ""}, {"'-5", 0, ""}};
    auto const text = write_csv_bank({q});
    EXPECT_NE(text.find("\"'=HYPERLINK("), std::string::npos);
    EXPECT_NE(text.find(",'@SUM(A1),"), std::string::npos);
    EXPECT_NE(text.find(",'+1 điểm,-1,'-x,''-5,"), std::string::npos); // a number stays a number
    EXPECT_NE(text.find(",''=đã có dấu nháy"), std::string::npos);
    auto const back = read_csv_bank(text, "xuat.csv");
    ASSERT_EQ(back.questions.size(), 1u);
    auto const& b = back.questions[0];
    EXPECT_EQ(b.stem, q.stem);
    EXPECT_EQ(b.topic, q.topic);
    EXPECT_EQ(b.explanation, q.explanation);
    ASSERT_EQ(b.options.size(), 4u);
    for (std::size_t i = 0; i < q.options.size(); ++i)
        EXPECT_EQ(b.options[i].text, q.options[i].text);
}

TEST(CsvBank, SemicolonChosenWhenItSplitsTheHeaderIntoMoreKnownColumns) {
    // Excel in a Vietnamese locale writes ';'; a title line with commas comes first here, and
    // the stems hold commas too, so counting separators alone would choose ','.
    std::string const text = "Ngân hàng câu hỏi, lớp A, năm 2025\n"
                             "Câu hỏi;A;B;Đáp án;Điểm\n"
                             "Một, hai, ba: chọn số nào?;Một, hai;Ba;B;1,5\n";
    auto const bank = read_csv_bank(text, "excel-vi.csv");
    EXPECT_TRUE(bank.problems.empty()) << test_support::problem_codes(bank).front();
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(bank.questions[0].stem, "Một, hai, ba: chọn số nào?");
    EXPECT_EQ(bank.questions[0].options[0].text, "Một, hai");
    EXPECT_EQ(bank.questions[0].points, 1.5);
}

#ifdef PHONGTHI_FIXTURES_DIR

namespace {

std::string csv_fixture(std::string const& name) {
    return test_support::read_bytes(std::string(PHONGTHI_FIXTURES_DIR) +
                                    "/csv/GopalSharma_moodle-qformat_csv/" + name);
}

void expect_gopal_questions(bank_import const& bank) {
    ASSERT_EQ(bank.questions.size(), 10u);
    std::vector<std::string> answers;
    for (auto const& q : bank.questions) {
        EXPECT_EQ(q.options.size(), 4u);
        std::string letters;
        for (std::size_t i = 0; i < q.options.size(); ++i)
            letters += q.options[i].weight > 0 ? std::string(1, static_cast<char>('A' + i)) : "";
        answers.push_back(letters);
    }
    EXPECT_EQ(answers,
              (std::vector<std::string>{"C", "AB", "D", "C", "D", "A", "D", "A", "B", "C"}));
    auto const& second = bank.questions[1];
    EXPECT_EQ(second.external_id, "Question2");
    EXPECT_EQ(second.stem, "The command “mknod myfifo b 4 16”");
    EXPECT_EQ(second.options[3].text, "None ,of the mentioned");
    EXPECT_EQ(weights(second), (std::vector<double>{50, 50, 0, 0}));
    EXPECT_EQ(bank.questions[6].options[0].text, "–l");
    EXPECT_EQ(bank.questions[7].stem, "Find / -name ‘*’ will");
}

} // namespace

TEST(CsvBankFixtures, MoodleQformatCsvSample) {
    auto const bank = read_csv_bank(csv_fixture("sample.csv"), "sample.csv");
    EXPECT_TRUE(bank.problems.empty());
    expect_gopal_questions(bank);
}

TEST(CsvBankFixtures, MoodleQformatCsvExtendedSampleWarnsAboutUnusedColumns) {
    auto const bank = read_csv_bank(csv_fixture("extended_sample.csv"), "extended_sample.csv");
    expect_gopal_questions(bank);
    std::vector<std::string> fields;
    for (auto const& p : bank.problems) {
        EXPECT_EQ(p.code, "unknown_column");
        EXPECT_EQ(p.level, severity::warning);
        EXPECT_EQ(p.line, 1);
        fields.push_back(p.field);
    }
    EXPECT_EQ(fields, (std::vector<std::string>{
                          "column I (answernumbering)", "column J (correctfeedback)",
                          "column K (partiallycorrectfeedback)", "column L (incorrectfeedback)"}));
    EXPECT_EQ(bank.questions[0].points, 1);
}

#endif
