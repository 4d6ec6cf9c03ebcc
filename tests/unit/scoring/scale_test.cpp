#include "scoring/scale.hpp"

#include <gtest/gtest.h>

using phongthi::scoring::round_half_up;
using phongthi::scoring::scale_rule;
using phongthi::scoring::scale_score;

struct rounding_case {
    double value;
    double step;
    double expected;
};

class RoundHalfUp : public testing::TestWithParam<rounding_case> {};

TEST_P(RoundHalfUp, RoundsToTheStep) {
    EXPECT_DOUBLE_EQ(round_half_up(GetParam().value, GetParam().step), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, RoundHalfUp,
    testing::Values(rounding_case{7.15, 0.1, 7.2}, rounding_case{7.14, 0.1, 7.1},
                    rounding_case{7.25, 0.1, 7.3}, rounding_case{7.125, 0.25, 7.25},
                    rounding_case{7.1, 0.25, 7.0}, rounding_case{6.5, 1, 7},
                    rounding_case{0.1 + 0.2, 0.1, 0.3}, rounding_case{7.333, 0, 7.333}),
    [](auto const& param_info) { return "case" + std::to_string(param_info.index); });

TEST(ScaleScore, ScalesToTenThenRoundsOnce) {
    EXPECT_DOUBLE_EQ(scale_score(23, 30, {10, 0.1}), 7.7); // 7.666...
    EXPECT_DOUBLE_EQ(scale_score(23, 30, {100, 1}), 77);
    EXPECT_DOUBLE_EQ(scale_score(30, 30, {}), 10);
}

TEST(ScaleScore, ClampsOutOfRangeRawScores) {
    EXPECT_DOUBLE_EQ(scale_score(-3, 30, {}), 0);
    EXPECT_DOUBLE_EQ(scale_score(31, 30, {}), 10);
    EXPECT_DOUBLE_EQ(scale_score(5, 0, {}), 0);
}
