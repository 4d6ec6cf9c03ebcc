#include "question-bank/question.hpp"

#include <gtest/gtest.h>

using namespace phongthi::bank;

namespace {

question single_answer() {
    question q;
    q.stem = "Đảng Cộng sản Việt Nam được thành lập năm nào?";
    q.options = {{"1930", 100, ""}, {"1945", 0, ""}, {"1954", 0, ""}};
    return q;
}

bool has_code(std::vector<problem> const& found, std::string_view code) {
    for (auto const& p : found) {
        if (p.code == code)
            return true;
    }
    return false;
}

} // namespace

TEST(Level, ParsesKeysLabelsAndAbbreviations) {
    EXPECT_EQ(parse_level("nhan_biet"), cognitive_level::nhan_biet);
    EXPECT_EQ(parse_level("Thông hiểu"), cognitive_level::thong_hieu);
    EXPECT_EQ(parse_level("VẬN DỤNG"), cognitive_level::van_dung);
    EXPECT_EQ(parse_level("VDC"), cognitive_level::van_dung_cao);
    EXPECT_EQ(parse_level("khó"), std::nullopt);
    EXPECT_EQ(level_key(cognitive_level::van_dung_cao), "van_dung_cao");
}

TEST(Validate, AWellFormedQuestionHasNoProblems) {
    EXPECT_TRUE(validate(single_answer(), "q").empty());
}

struct broken_case {
    char const* name;
    void (*damage)(question&);
    char const* code;
};

class ValidateRejects : public testing::TestWithParam<broken_case> {};

TEST_P(ValidateRejects, NamesTheProblem) {
    question q = single_answer();
    GetParam().damage(q);
    auto const found = validate(q, "questions[4]");
    ASSERT_TRUE(has_code(found, GetParam().code)) << GetParam().name;
    EXPECT_EQ(found.front().field.rfind("questions[4]", 0), 0u);
    EXPECT_FALSE(found.front().message_vi.empty());
    EXPECT_FALSE(found.front().message_en.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ValidateRejects,
    testing::Values(
        broken_case{"empty stem", [](question& q) { q.stem.clear(); }, "empty_stem"},
        broken_case{"one option", [](question& q) { q.options.resize(1); }, "option_count"},
        broken_case{"eleven options",
                    [](question& q) {
                        q.options.resize(11, {"x", 0, ""});
                    },
                    "option_count"},
        broken_case{"empty option", [](question& q) { q.options[1].text.clear(); }, "empty_option"},
        broken_case{"no key", [](question& q) { q.options[0].weight = 0; }, "no_correct_option"},
        broken_case{"weights not 100",
                    [](question& q) {
                        q.options[0].weight = 50;
                        q.options[1].weight = 30;
                    },
                    "weights_sum"},
        broken_case{"weight out of range", [](question& q) { q.options[2].weight = -150; },
                    "weight_range"},
        broken_case{"zero points", [](question& q) { q.points = 0; }, "points_positive"}),
    [](auto const& param_info) {
        std::string name = param_info.param.name;
        for (char& c : name)
            c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        return name;
    });

TEST(Question, MultipleAnswerWhenSeveralOptionsCarryWeight) {
    question q = single_answer();
    EXPECT_FALSE(q.is_multiple_answer());
    q.options[0].weight = 50;
    q.options[1].weight = 50;
    EXPECT_TRUE(q.is_multiple_answer());
    EXPECT_TRUE(validate(q, "q").empty());
}
