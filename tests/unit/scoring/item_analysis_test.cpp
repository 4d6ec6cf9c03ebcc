#include "scoring/item_analysis.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace phongthi::scoring;

namespace {

constexpr double analysis_tolerance = 1e-6;

question_key keyed(int right, double points = 1) {
    std::vector<double> weights(4, 0.0);
    weights[static_cast<std::size_t>(right)] = 100;
    return {points, weights, false, void_mode::full_credit};
}

// Grades single-answer choices (-1: unanswered) into a response matrix that views `choices`.
std::vector<std::vector<item_response>> matrix(std::vector<question_key> const& keys,
                                               std::vector<std::vector<int>> const& choices) {
    std::vector<std::vector<item_response>> rows;
    for (auto const& row : choices) {
        std::vector<item_response> responses;
        for (std::size_t q = 0; q < row.size(); ++q) {
            item_response r;
            r.unanswered = row[q] < 0;
            if (!r.unanswered)
                r.chosen = std::span<int const>(&row[q], 1);
            r.fraction = !r.unanswered && keys[q].weights[static_cast<std::size_t>(row[q])] > 0;
            responses.push_back(r);
        }
        rows.push_back(responses);
    }
    return rows;
}

std::vector<question_key> const small_keys{keyed(0), keyed(1), keyed(2), keyed(0)};

// 8 candidates x 4 questions; question 3 behaves like a wrong key (option 1 is what the strong
// candidates chose).
std::vector<std::vector<int>> const small_choices{
    {0, 1, 2, 1},  {0, 1, 2, 1}, {0, 1, 0, 0}, {0, 3, 2, 1},
    {0, 1, -1, 2}, {1, 0, 3, 0}, {0, 2, 1, 0}, {-1, 0, 0, 0},
};

// The expected values below were computed independently with a python3 one-off using the
// textbook formulas (Python's statistics module, population SD inside the correlations):
//   point-biserial r = (M1 - M0) / s_pop * sqrt(p q) of the item (or of choosing an option)
//   against the total; corrected r: the same against total - item;
//   upper-lower: groups of round(0.27 x 8) = 2 by total (index order among equal totals);
//   KR-20 = k/(k-1) (1 - sum p q / pvariance(total)); alpha = k/(k-1) (1 - sum pvariance(item) /
//   pvariance(total)); SD = statistics.stdev (n - 1); SEM = SD sqrt(1 - alpha).
// Totals: 3, 3, 3, 2, 2, 1, 2, 1.
struct expected_item {
    double p;
    double r;
    double corrected;
    double upper_lower;
    double unanswered;
};

constexpr expected_item expected_items[] = {
    {0.75, 0.8320502943378436, 0.44721359549995787, 1.0, 0.125},
    {0.5, 0.8006407690254357, 0.2581988897471611, 1.0, 0.0},
    {0.375, 0.5374838498865698, -0.09759000729485329, 1.0, 0.125},
    {0.5, -0.48038446141526137, -0.7875615306482168, -1.0, 0.0},
};

TEST(ItemAnalysis, MatchesHandComputedItemStatistics) {
    auto const analysis = analyze_items(small_keys, matrix(small_keys, small_choices));
    ASSERT_EQ(analysis.items.size(), 4u);
    for (std::size_t q = 0; q < 4; ++q) {
        SCOPED_TRACE("question " + std::to_string(q));
        auto const& item = analysis.items[q];
        auto const& e = expected_items[q];
        ASSERT_TRUE(item.difficulty && item.point_biserial && item.corrected_point_biserial &&
                    item.upper_lower);
        EXPECT_NEAR(*item.difficulty, e.p, analysis_tolerance);
        EXPECT_NEAR(*item.point_biserial, e.r, analysis_tolerance);
        EXPECT_NEAR(*item.corrected_point_biserial, e.corrected, analysis_tolerance);
        EXPECT_NEAR(*item.upper_lower, e.upper_lower, analysis_tolerance);
        EXPECT_NEAR(item.unanswered_share, e.unanswered, analysis_tolerance);
    }
}

TEST(ItemAnalysis, MatchesHandComputedOptionStatistics) {
    auto const analysis = analyze_items(small_keys, matrix(small_keys, small_choices));
    auto const& q1 = analysis.items[1].options;
    EXPECT_EQ(q1[0].chosen, 2);
    EXPECT_EQ(q1[1].chosen, 4);
    EXPECT_TRUE(q1[1].key);
    EXPECT_FALSE(q1[0].key);
    EXPECT_NEAR(q1[0].share, 0.25, analysis_tolerance);
    EXPECT_NEAR(*q1[0].point_biserial, -0.8320502943378436, analysis_tolerance);
    EXPECT_NEAR(*q1[1].point_biserial, 0.8006407690254357, analysis_tolerance);
    EXPECT_NEAR(*q1[2].point_biserial, -0.06052275326688021, analysis_tolerance);
    auto const& q3 = analysis.items[3].options;
    EXPECT_NEAR(*q3[0].point_biserial, -0.48038446141526137, analysis_tolerance);
    EXPECT_NEAR(*q3[1].point_biserial, 0.5374838498865698, analysis_tolerance);
    EXPECT_EQ(q3[3].chosen, 0);
    EXPECT_FALSE(q3[3].point_biserial); // nobody chose it: no correlation
}

TEST(ItemAnalysis, MatchesHandComputedTestStatistics) {
    auto const test = analyze_items(small_keys, matrix(small_keys, small_choices)).test;
    EXPECT_EQ(test.candidates, 8);
    EXPECT_EQ(test.questions, 4);
    EXPECT_NEAR(*test.mean, 2.125, analysis_tolerance);
    EXPECT_NEAR(*test.standard_deviation, 0.8345229603962802, analysis_tolerance);
    EXPECT_NEAR(*test.kr20, -0.6837606837606837, analysis_tolerance);
    EXPECT_NEAR(*test.alpha, -0.6837606837606837, analysis_tolerance);
    EXPECT_NEAR(*test.standard_error, 1.082875361073031, analysis_tolerance);
}

TEST(ItemAnalysis, FlagsNegativeDiscriminationAndALikelyWrongKey) {
    auto const analysis = analyze_items(small_keys, matrix(small_keys, small_choices));
    using flags = std::vector<item_flag>;
    EXPECT_EQ(analysis.items[0].flags, flags{});
    EXPECT_EQ(analysis.items[1].flags, flags{});
    EXPECT_EQ(analysis.items[2].flags, flags{item_flag::negative_discrimination});
    EXPECT_EQ(analysis.items[3].flags,
              (flags{item_flag::negative_discrimination, item_flag::distractor_beats_key}));
    EXPECT_EQ(flag_key(item_flag::distractor_beats_key), "distractor_beats_key");
}

// 40 candidates; question 0 answered right by `right0` of them, question 1 by the strongest
// `right1`, question 2 by the strongest 20; nobody picks option 3 anywhere.
std::vector<std::vector<int>> graded_class(int right0, int right1) {
    std::vector<std::vector<int>> choices;
    for (int c = 0; c < 40; ++c)
        choices.push_back(
            {c < right0 ? 0 : 1 + c % 2, c < right1 ? 0 : 1 + c % 2, c < 20 ? 0 : 1 + c % 2});
    return choices;
}

TEST(ItemAnalysis, FlagsTooEasyTooHardAndUnusedDistractors) {
    std::vector<question_key> const keys{keyed(0), keyed(0), keyed(0)};
    auto const analysis = analyze_items(keys, matrix(keys, graded_class(38, 4)));
    auto const has = [&](std::size_t q, item_flag flag) {
        auto const& f = analysis.items[q].flags;
        return std::find(f.begin(), f.end(), flag) != f.end();
    };
    EXPECT_TRUE(has(0, item_flag::too_easy));  // p = 0.95
    EXPECT_TRUE(has(1, item_flag::too_hard));  // p = 0.1
    EXPECT_FALSE(has(2, item_flag::too_easy)); // p = 0.5
    EXPECT_FALSE(has(2, item_flag::too_hard));
    EXPECT_TRUE(has(2, item_flag::unused_distractor)); // option 3, with 40 candidates
}

TEST(ItemAnalysis, UnusedDistractorNeedsEnoughCandidates) {
    std::vector<question_key> const keys{keyed(0), keyed(0), keyed(0)};
    auto const choices = graded_class(20, 20);
    std::vector<std::vector<int>> const few(choices.begin() + 10, choices.begin() + 29);
    auto const analysis = analyze_items(keys, matrix(keys, few));
    for (auto const& item : analysis.items)
        EXPECT_EQ(std::count(item.flags.begin(), item.flags.end(), item_flag::unused_distractor),
                  0);
}

TEST(ItemAnalysis, WeakDiscriminationUsesTheThreshold) {
    auto const analysis = analyze_items(small_keys, matrix(small_keys, small_choices),
                                        item_thresholds{0.9, 0.2, 0.3, 20});
    EXPECT_EQ(analysis.items[1].flags, std::vector<item_flag>{item_flag::weak_discrimination});
}

// Random-looking 0/1 data: KR-20 and alpha are the same number when every item is worth the same.
TEST(ItemAnalysis, Kr20EqualsAlphaOnDichotomousData) {
    std::vector<question_key> const keys(6, keyed(0));
    std::vector<std::vector<int>> choices;
    for (int c = 0; c < 30; ++c) {
        std::vector<int> row;
        for (int q = 0; q < 6; ++q)
            row.push_back((c * 7 + q * 3 + c * q) % 5 < (c % 6) ? 0 : 1);
        choices.push_back(row);
    }
    auto const test = analyze_items(keys, matrix(keys, choices)).test;
    ASSERT_TRUE(test.kr20 && test.alpha);
    EXPECT_NEAR(*test.kr20, *test.alpha, 1e-12);
    EXPECT_GT(*test.alpha, 0);
}

TEST(ItemAnalysis, NoKr20WhenCreditIsPartial) {
    std::vector<question_key> const keys{keyed(0), keyed(0)};
    std::vector<std::vector<int>> const choices{{0, 0}, {1, 0}, {0, 1}};
    auto rows = matrix(keys, choices);
    rows[1][0].fraction = 0.5;
    auto const test = analyze_items(keys, rows).test;
    EXPECT_FALSE(test.kr20);
    EXPECT_TRUE(test.alpha);
}

bool finite_or_absent(std::optional<double> const& value) {
    return !value || std::isfinite(*value);
}

void expect_no_nan(item_analysis const& analysis) {
    for (auto const& item : analysis.items) {
        EXPECT_TRUE(finite_or_absent(item.difficulty));
        EXPECT_FALSE(item.point_biserial);
        EXPECT_FALSE(item.corrected_point_biserial);
        EXPECT_TRUE(std::isfinite(item.unanswered_share));
        for (auto const& option : item.options) {
            EXPECT_FALSE(option.point_biserial);
            EXPECT_TRUE(std::isfinite(option.share));
        }
    }
    EXPECT_FALSE(analysis.test.alpha);
    EXPECT_FALSE(analysis.test.kr20);
    EXPECT_FALSE(analysis.test.standard_error);
}

TEST(ItemAnalysis, NoCandidatesGivesAbsentValues) {
    auto const analysis = analyze_items(small_keys, {});
    expect_no_nan(analysis);
    EXPECT_FALSE(analysis.items[0].difficulty);
    EXPECT_FALSE(analysis.test.mean);
}

TEST(ItemAnalysis, OneCandidateGivesAbsentCorrelations) {
    auto const analysis = analyze_items(small_keys, matrix(small_keys, {{0, 1, 2, 0}}));
    expect_no_nan(analysis);
    EXPECT_NEAR(*analysis.items[0].difficulty, 1, analysis_tolerance);
    EXPECT_FALSE(analysis.items[0].upper_lower);
    EXPECT_FALSE(analysis.test.standard_deviation);
}

TEST(ItemAnalysis, EqualTotalsGiveAbsentCorrelations) {
    auto const analysis =
        analyze_items(small_keys, matrix(small_keys, {{0, 1, 2, 0}, {0, 1, 2, 0}, {0, 1, 2, 0}}));
    expect_no_nan(analysis);
    EXPECT_NEAR(*analysis.test.standard_deviation, 0, analysis_tolerance);
    EXPECT_NEAR(*analysis.items[2].upper_lower, 0, analysis_tolerance);
}

TEST(ItemAnalysis, ShortRowsCountAsUnanswered) {
    auto const analysis = analyze_items(small_keys, matrix(small_keys, {{0, 1}, {0, 1, 2, 0}}));
    EXPECT_NEAR(analysis.items[3].unanswered_share, 0.5, analysis_tolerance);
    EXPECT_NEAR(*analysis.items[3].difficulty, 0.5, analysis_tolerance);
}

} // namespace
