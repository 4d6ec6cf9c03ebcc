#include "question-bank/json_bank.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace phongthi::bank;

namespace {

std::string const valid_bank = R"({
  "format": "phongthi-bank", "version": 1, "name": "Ngân hàng thử",
  "questions": [
    {"id": "Q1", "topic": "Điều lệ Đảng", "level": "Nhận biết",
     "stem": "Chi bộ sinh hoạt thường lệ bao lâu một lần?",
     "options": [{"text": "Mỗi tháng một lần", "weight": 100}, {"text": "Mỗi quý một lần"}],
     "points": 2, "tags": ["chi bộ"], "explanation": "Điều 25"}
  ]
})";

} // namespace

TEST(JsonBank, ReadsAValidBank) {
    auto const bank = read_json_bank(valid_bank, "thu.json");
    ASSERT_TRUE(bank.problems.empty()) << bank.problems.front().message_en;
    EXPECT_EQ(bank.name, "Ngân hàng thử");
    ASSERT_EQ(bank.questions.size(), 1u);
    auto const& q = bank.questions.front();
    EXPECT_EQ(q.external_id, "Q1");
    EXPECT_EQ(q.level, cognitive_level::nhan_biet);
    EXPECT_EQ(q.points, 2);
    EXPECT_EQ(q.options.at(1).weight, 0);
    EXPECT_EQ(q.source_file, "thu.json");
}

TEST(JsonBank, SyntaxErrorNamesTheLine) {
    auto const bank =
        read_json_bank("{\n \"format\": \"phongthi-bank\",\n \"questions\": [,]\n}", "hong.json");
    ASSERT_EQ(bank.problems.size(), 1u);
    EXPECT_EQ(bank.problems[0].code, "json_syntax");
    EXPECT_EQ(bank.problems[0].line, 3);
    EXPECT_EQ(bank.problems[0].file, "hong.json");
    EXPECT_NE(bank.problems[0].message_vi.find("dòng 3"), std::string::npos);
}

TEST(JsonBank, BadQuestionIsReportedAndTheOthersKept) {
    std::string text = valid_bank;
    text.replace(text.find("\"points\": 2"), 11, "\"points\": \"hai\"");
    text.replace(
        text.find("  ]\n}"), 5,
        R"(, {"stem": "Câu hai?", "level": "dễ", "options": [{"text": "A", "weight": 100}, {"text": "B"}]},
    {"stem": "Câu ba?", "options": [{"text": "Đúng", "weight": 100}, {"text": "Sai"}]}
  ]
})");
    auto const bank = read_json_bank(text, "f.json");
    ASSERT_EQ(bank.problems.size(), 2u);
    EXPECT_EQ(bank.problems[0].field, "questions[0].points");
    EXPECT_EQ(bank.problems[0].code, "not_number");
    EXPECT_EQ(bank.problems[1].field, "questions[1].level");
    ASSERT_EQ(bank.questions.size(), 1u);
    EXPECT_EQ(bank.questions[0].stem, "Câu ba?");
}

TEST(JsonBank, QuestionProblemsNameTheLineWhereTheQuestionStarts) {
    std::string const text = R"({
  "format": "phongthi-bank", "name": "Dòng [1] {x}",
  "meta": {"questions": [1, 2]},
  "questions": [
    {"stem": "Câu \"một\" [có ngoặc] {và}", "level": "dễ",
     "options": [{"text": "A", "weight": 100}, {"text": "B"}]},

    {
      "stem": "Câu hai?",
      "options": [{"text": "A", "weight": 100}]
    }, 7,
    {"stem": "Câu bốn?", "options": [{"text": "A", "weight": 100}, {"text": "A"}]},
    {"stem": "Câu bốn?", "options": [{"text": "A", "weight": 100}, {"text": "A"}]}
  ]
})";
    auto const bank = read_json_bank(text, "dong.json");
    std::vector<std::pair<int, std::string>> found;
    for (auto const& p : bank.problems)
        found.emplace_back(p.line, p.code);
    EXPECT_EQ(found, (std::vector<std::pair<int, std::string>>{
                         {5, "unknown_level"}, {8, "option_count"}, {11, "not_object"}}));
    ASSERT_EQ(bank.questions.size(), 2u);
    EXPECT_EQ(bank.questions[0].source_line, 12);
    EXPECT_EQ(bank.questions[1].source_line, 13);
}

TEST(JsonBank, NotABankIsRefused) {
    auto const bank = read_json_bank(R"({"questions": []})", "x.json");
    ASSERT_EQ(bank.problems.size(), 1u);
    EXPECT_EQ(bank.problems[0].code, "not_a_bank");
}

TEST(JsonBank, InvalidUtf8IsAProblemNotACrash) {
    std::string text = valid_bank;
    text.replace(text.find("Mỗi quý"), 3, "\xff\xfe\xfd");
    auto const bank = read_json_bank(text, "x.json");
    ASSERT_FALSE(bank.problems.empty());
    EXPECT_EQ(bank.problems[0].code, "json_syntax");
}

TEST(JsonBank, WriteThenReadRoundTrips) {
    auto const first = read_json_bank(valid_bank, "a.json");
    std::string const written = write_json_bank(first.name, first.description, first.questions);
    auto const second = read_json_bank(written, "a.json");
    ASSERT_TRUE(second.problems.empty());
    ASSERT_EQ(second.questions.size(), 1u);
    auto const& a = first.questions[0];
    auto const& b = second.questions[0];
    EXPECT_EQ(a.stem, b.stem);
    EXPECT_EQ(a.topic, b.topic);
    EXPECT_EQ(a.level, b.level);
    EXPECT_EQ(a.points, b.points);
    EXPECT_EQ(a.tags, b.tags);
    EXPECT_EQ(a.explanation, b.explanation);
    ASSERT_EQ(a.options.size(), b.options.size());
    for (std::size_t i = 0; i < a.options.size(); ++i) {
        EXPECT_EQ(a.options[i].text, b.options[i].text);
        EXPECT_EQ(a.options[i].weight, b.options[i].weight);
    }
}

TEST(JsonBank, TheDemoBankIsValid) {
    std::ifstream file(PHONGTHI_DEMO_BANK_FILE);
    std::stringstream text;
    text << file.rdbuf();
    auto const bank = read_json_bank(text.str(), "demo_bank.json");
    EXPECT_TRUE(bank.problems.empty());
    EXPECT_GE(bank.questions.size(), 10u);
}
