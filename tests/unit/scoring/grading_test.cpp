#include "scoring/grading.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace phongthi::scoring;

namespace {

constexpr double tolerance = 1e-9;

grading_policy policy(multiple_answer_rule rule, bool negative) {
    return {rule, negative, {}};
}

constexpr auto aon = multiple_answer_rule::all_or_nothing;
constexpr auto partial = multiple_answer_rule::partial;

struct question_case {
    std::string name;
    grading_policy policy;
    std::vector<double> weights;
    std::vector<int> chosen;
    double fraction;
    bool answered;
    bool correct;
};

class GradeQuestion : public testing::TestWithParam<question_case> {};

TEST_P(GradeQuestion, ScoresTheChoiceByThePolicy) {
    auto const& c = GetParam();
    question_key const key{2, c.weights, false, void_mode::full_credit};
    auto const grade = grade_question(key, c.chosen, c.policy);
    EXPECT_NEAR(grade.fraction, c.fraction, tolerance);
    EXPECT_NEAR(grade.earned, 2 * c.fraction, tolerance);
    EXPECT_EQ(grade.answered, c.answered);
    EXPECT_EQ(grade.correct, c.correct);
    EXPECT_TRUE(grade.counted);
}

std::vector<double> const single{100, 0, -25, -50};
std::vector<double> const half_half{50, 50, -50, -50}; // Moodle's two-right, two-wrong example
std::vector<double> const thirds{33.33, 33.33, 33.33, -100};

INSTANTIATE_TEST_SUITE_P(
    Table, GradeQuestion,
    testing::Values(
        question_case{"single_right", policy(aon, false), single, {0}, 1, true, true},
        question_case{"single_wrong_zero_weight", policy(aon, false), single, {1}, 0, true, false},
        question_case{"single_wrong_negative_weight_without_negative_marking",
                      policy(aon, false),
                      single,
                      {2},
                      0,
                      true,
                      false},
        question_case{"single_wrong_negative_weight_with_negative_marking",
                      policy(aon, true),
                      single,
                      {2},
                      -0.25,
                      true,
                      false},
        question_case{"single_wrong_zero_weight_with_negative_marking",
                      policy(aon, true),
                      single,
                      {1},
                      0,
                      true,
                      false},
        question_case{
            "unanswered_with_negative_marking", policy(aon, true), single, {}, 0, false, false},
        question_case{
            "single_two_choices_is_wrong", policy(aon, false), single, {0, 1}, 0, true, false},
        question_case{"single_two_choices_with_negative_marking_takes_lowest",
                      policy(aon, true),
                      single,
                      {0, 3},
                      -0.5,
                      true,
                      false},
        question_case{"two_positive_weights_make_it_multiple_answer",
                      policy(partial, false),
                      {100, 50, 0},
                      {1},
                      0.5,
                      true,
                      false},
        question_case{
            "single_repeated_index_counts_once", policy(aon, false), single, {0, 0}, 1, true, true},
        question_case{"index_out_of_range_is_unanswered",
                      policy(aon, true),
                      single,
                      {7, -1},
                      0,
                      false,
                      false},
        question_case{
            "partial_both_right", policy(partial, false), half_half, {0, 1}, 1, true, true},
        question_case{
            "partial_one_right", policy(partial, false), half_half, {0}, 0.5, true, false},
        question_case{"partial_right_and_wrong_cancel",
                      policy(partial, false),
                      half_half,
                      {0, 2},
                      0,
                      true,
                      false},
        question_case{"partial_both_right_one_wrong",
                      policy(partial, false),
                      half_half,
                      {0, 1, 2},
                      0.5,
                      true,
                      false},
        question_case{
            "partial_all_four", policy(partial, false), half_half, {0, 1, 2, 3}, 0, true, false},
        question_case{
            "partial_floored_at_zero", policy(partial, false), half_half, {2, 3}, 0, true, false},
        question_case{"partial_floored_at_zero_even_with_negative_marking",
                      policy(partial, true),
                      half_half,
                      {2, 3},
                      0,
                      true,
                      false},
        question_case{"partial_thirds_summing_to_99_99_is_full",
                      policy(partial, false),
                      thirds,
                      {0, 1, 2},
                      1,
                      true,
                      true},
        question_case{
            "all_or_nothing_exact_set", policy(aon, false), half_half, {1, 0}, 1, true, true},
        question_case{
            "all_or_nothing_missing_one", policy(aon, false), half_half, {0}, 0, true, false},
        question_case{
            "all_or_nothing_one_extra", policy(aon, false), half_half, {0, 1, 2}, 0, true, false}),
    [](auto const& param_info) { return param_info.param.name; });

TEST(GradeQuestion, VoidedFullCreditGivesEveryoneThePoints) {
    question_key const key{3, single, true, void_mode::full_credit};
    for (std::vector<int> const& chosen : {std::vector<int>{}, {0}, {2}}) {
        auto const grade = grade_question(key, chosen, policy(aon, true));
        EXPECT_DOUBLE_EQ(grade.earned, 3);
        EXPECT_TRUE(grade.counted);
        EXPECT_FALSE(grade.correct);
    }
}

TEST(GradeQuestion, VoidedDropLeavesTheTotal) {
    question_key const key{3, single, true, void_mode::drop};
    auto const grade = grade_question(key, std::vector<int>{0}, policy(aon, false));
    EXPECT_DOUBLE_EQ(grade.earned, 0);
    EXPECT_FALSE(grade.counted);
    EXPECT_TRUE(grade.answered);
}

std::vector<question_key> four_questions() {
    return {{1, single, false, void_mode::full_credit},
            {1, single, false, void_mode::full_credit},
            {2, half_half, false, void_mode::full_credit},
            {1, single, false, void_mode::full_credit}};
}

TEST(GradeAttempt, SumsRawScoresCountsAndScales) {
    std::vector<std::vector<int>> const chosen{{0}, {2}, {0}, {}};
    auto const grade = grade_attempt(four_questions(), chosen, policy(partial, true));
    ASSERT_EQ(grade.questions.size(), 4u);
    EXPECT_NEAR(grade.raw, 1 - 0.25 + 1 + 0, tolerance);
    EXPECT_DOUBLE_EQ(grade.max_raw, 5);
    EXPECT_DOUBLE_EQ(grade.score, 3.5); // 1.75 / 5 x 10
    EXPECT_EQ(grade.answered, 3);
    EXPECT_EQ(grade.correct, 1);
}

TEST(GradeAttempt, MissingAnswersAreUnanswered) {
    std::vector<std::vector<int>> const chosen{{0}};
    auto const grade = grade_attempt(four_questions(), chosen, {});
    EXPECT_EQ(grade.answered, 1);
    EXPECT_DOUBLE_EQ(grade.score, 2);
}

TEST(GradeAttempt, NegativeRawScoreReportsZero) {
    std::vector<std::vector<int>> const chosen{{3}, {3}, {}, {3}};
    auto const grade = grade_attempt(four_questions(), chosen, policy(aon, true));
    EXPECT_NEAR(grade.raw, -1.5, tolerance);
    EXPECT_DOUBLE_EQ(grade.score, 0);
}

TEST(GradeAttempt, VoidModesChangeTheTotal) {
    auto keys = four_questions();
    keys[2].voided = true;
    std::vector<std::vector<int>> const chosen{{0}, {0}, {}, {1}};
    auto const full = grade_attempt(keys, chosen, {});
    EXPECT_DOUBLE_EQ(full.raw, 4);
    EXPECT_DOUBLE_EQ(full.max_raw, 5);
    EXPECT_DOUBLE_EQ(full.score, 8);
    keys[2].void_as = void_mode::drop;
    auto const dropped = grade_attempt(keys, chosen, {});
    EXPECT_DOUBLE_EQ(dropped.raw, 2);
    EXPECT_DOUBLE_EQ(dropped.max_raw, 3);
    EXPECT_DOUBLE_EQ(dropped.score, 6.7); // 6.666… rounded to 0.1
}

// n questions worth `points` each, the first `right` of them answered right.
double attempt_score(int n, double points, int right, scale_rule scale) {
    std::vector<question_key> const keys(n, question_key{points, {100, 0}, false, {}});
    std::vector<std::vector<int>> chosen(n, std::vector<int>{1});
    for (int i = 0; i < right; ++i)
        chosen[i] = {0};
    return grade_attempt(keys, chosen, {aon, false, scale}).score;
}

struct rounding_case {
    std::string name;
    int questions;
    double points;
    int right;
    scale_rule scale;
    double score;
};

class RoundOnceAtTheEnd : public testing::TestWithParam<rounding_case> {};

TEST_P(RoundOnceAtTheEnd, RoundsHalfUpToTheStep) {
    auto const& c = GetParam();
    EXPECT_DOUBLE_EQ(attempt_score(c.questions, c.points, c.right, c.scale), c.score);
}

INSTANTIATE_TEST_SUITE_P(Table, RoundOnceAtTheEnd,
                         testing::Values(
                             // 29 / 40 x 10 = 7.25 exactly.
                             rounding_case{"quarter_up_to_half", 40, 1, 29, {10, 0.5}, 7.5},
                             rounding_case{
                                 "quarter_kept_by_quarter_step", 40, 1, 29, {10, 0.25}, 7.25},
                             rounding_case{"quarter_up_to_tenth", 40, 1, 29, {10, 0.1}, 7.3},
                             // 27 / 40 = 0.675 is 0.67499… in binary: still a half, rounded up.
                             rounding_case{"binary_half_still_rounds_up", 40, 1, 27, {10, 0.5}, 7},
                             // 65 x 0.1 / (100 x 0.1): both sums carry binary error.
                             rounding_case{"tenths_summed_round_half_up", 100, 0.1, 65, {10, 1}, 7},
                             rounding_case{"below_half_rounds_down", 40, 1, 25, {10, 1}, 6},
                             rounding_case{"hundred_point_scale", 40, 1, 29, {100, 1}, 73},
                             rounding_case{"whole_step", 40, 1, 38, {10, 1}, 10}),
                         [](auto const& param_info) { return param_info.param.name; });

} // namespace
