#include "question-bank/blueprint.hpp"

#include <gtest/gtest.h>

using namespace phongthi::bank;
using json = nlohmann::json;

namespace {

json two_cells() {
    return json::parse(R"({
        "cells": [
            {"topic": "Lịch sử Đảng", "level": "nhan_biet", "count": 3, "points": 0.5},
            {"level": "Vận dụng", "count": 2}
        ],
        "shuffle_questions": false,
        "shuffle_options": true
    })");
}

/// The single problem of a spec that should fail with exactly one.
problem only_problem(json const& spec) {
    auto const parsed = parse_blueprint(spec);
    EXPECT_FALSE(parsed.value);
    EXPECT_EQ(parsed.problems.size(), 1U);
    return parsed.problems.empty() ? problem{} : parsed.problems.front();
}

} // namespace

TEST(Blueprint, ParsesCellsLabelsAndFlags) {
    auto const parsed = parse_blueprint(two_cells());
    ASSERT_TRUE(parsed.value) << parsed.problems.front().message_en;
    auto const& plan = *parsed.value;
    ASSERT_EQ(plan.cells.size(), 2U);
    EXPECT_EQ(plan.cells[0].topic, "Lịch sử Đảng");
    EXPECT_EQ(plan.cells[0].level, cognitive_level::nhan_biet);
    EXPECT_EQ(plan.cells[0].count, 3);
    EXPECT_EQ(plan.cells[0].points, 0.5);
    EXPECT_EQ(plan.cells[1].topic, "");
    EXPECT_EQ(plan.cells[1].level, cognitive_level::van_dung);
    EXPECT_EQ(plan.cells[1].points, std::nullopt);
    EXPECT_FALSE(plan.shuffle_questions);
    EXPECT_TRUE(plan.shuffle_options);
    EXPECT_EQ(total_questions(plan), 5);
}

TEST(Blueprint, ShuffleFlagsDefaultToTrue) {
    auto const parsed = parse_blueprint(json{{"cells", {{{"level", "NB"}, {"count", 1}}}}});
    ASSERT_TRUE(parsed.value);
    EXPECT_TRUE(parsed.value->shuffle_questions);
    EXPECT_TRUE(parsed.value->shuffle_options);
}

TEST(Blueprint, TopicIsNormalizedToNfc) {
    // "ử" written as u + horn + hook above.
    auto const parsed = parse_blueprint(
        json{{"cells",
              {{{"topic", "  L\u1ecbch s\u0075\u031b\u0309  "}, {"level", "NB"}, {"count", 1}}}}});
    ASSERT_TRUE(parsed.value);
    EXPECT_EQ(parsed.value->cells[0].topic, "Lịch sử");
}

TEST(Blueprint, ToJsonRoundTrips) {
    auto const first = parse_blueprint(two_cells());
    ASSERT_TRUE(first.value);
    json const written = to_json(*first.value);
    EXPECT_EQ(written["cells"][1]["level"], "van_dung");
    auto const second = parse_blueprint(written);
    ASSERT_TRUE(second.value);
    EXPECT_EQ(to_json(*second.value), written);
    EXPECT_EQ(second.value->cells[0].points, 0.5);
    EXPECT_EQ(second.value->cells[1].points, std::nullopt);
}

struct bad_spec {
    char const* name;
    char const* spec;
    char const* field;
    char const* code;
};

class BlueprintErrors : public testing::TestWithParam<bad_spec> {};

TEST_P(BlueprintErrors, NameTheFieldAndCode) {
    auto const found = only_problem(json::parse(GetParam().spec));
    EXPECT_EQ(found.field, GetParam().field);
    EXPECT_EQ(found.code, GetParam().code);
    EXPECT_FALSE(found.message_vi.empty());
    EXPECT_FALSE(found.message_en.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Blueprint, BlueprintErrors,
    testing::Values(
        bad_spec{"NotAnObject", R"([1])", "", "not_object"},
        bad_spec{"NoCells", R"({"cells": []})", "cells", "no_cells"},
        bad_spec{"CellsMissing", R"({"shuffle_options": true})", "cells", "no_cells"},
        bad_spec{"CountZero", R"({"cells": [{"level": "NB", "count": 0}]})", "cells[0].count",
                 "count_range"},
        bad_spec{"CountTooLarge",
                 R"({"cells": [{"level": "NB", "count": 1}, {"level": "TH", "count": 201}]})",
                 "cells[1].count", "count_range"},
        bad_spec{"CountNotInteger", R"({"cells": [{"level": "NB", "count": 2.5}]})",
                 "cells[0].count", "count_type"},
        bad_spec{"CountMissing", R"({"cells": [{"level": "NB"}]})", "cells[0].count", "count_type"},
        bad_spec{"UnknownLevel", R"({"cells": [{"level": "khó", "count": 1}]})", "cells[0].level",
                 "level"},
        bad_spec{"LevelMissing", R"({"cells": [{"count": 1}]})", "cells[0].level", "level_missing"},
        bad_spec{"NegativePoints", R"({"cells": [{"level": "NB", "count": 1, "points": -1}]})",
                 "cells[0].points", "points_range"},
        bad_spec{"PointsTooHigh", R"({"cells": [{"level": "NB", "count": 1, "points": 101}]})",
                 "cells[0].points", "points_range"},
        bad_spec{"PointsNotNumber", R"({"cells": [{"level": "NB", "count": 1, "points": "1"}]})",
                 "cells[0].points", "points_range"},
        bad_spec{"TopicNotString", R"({"cells": [{"topic": 3, "level": "NB", "count": 1}]})",
                 "cells[0].topic", "topic_type"},
        bad_spec{"UnknownCellKey", R"({"cells": [{"level": "NB", "count": 1, "cout": 2}]})",
                 "cells[0].cout", "unknown_key"},
        bad_spec{"UnknownTopKey", R"({"cells": [{"level": "NB", "count": 1}], "shufle": true})",
                 "shufle", "unknown_key"},
        bad_spec{"FlagNotBoolean",
                 R"({"cells": [{"level": "NB", "count": 1}], "shuffle_options": "yes"})",
                 "shuffle_options", "not_boolean"},
        bad_spec{"CellNotObject", R"({"cells": [{"level": "NB", "count": 1}, 7]})", "cells[1]",
                 "cell_type"},
        bad_spec{"DuplicateCell",
                 R"({"cells": [{"topic": "A", "level": "NB", "count": 1},
                               {"topic": "A", "level": "nhan_biet", "count": 2}]})",
                 "cells[1]", "duplicate_cell"},
        bad_spec{"TooManyQuestions",
                 R"({"cells": [{"level": "NB", "count": 200}, {"level": "TH", "count": 200},
                               {"level": "VD", "count": 101}]})",
                 "cells", "too_many_questions"}),
    [](auto const& param_info) { return std::string(param_info.param.name); });

TEST(Blueprint, SameLevelInDifferentTopicsIsAllowed) {
    auto const parsed = parse_blueprint(json::parse(R"({"cells": [
        {"topic": "A", "level": "NB", "count": 1},
        {"topic": "B", "level": "NB", "count": 1},
        {"level": "NB", "count": 1}]})"));
    EXPECT_TRUE(parsed.value);
}

TEST(Blueprint, DuplicateNamesTheEarlierCellEvenAfterABadOne) {
    auto const parsed = parse_blueprint(json::parse(R"({"cells": [
        {"level": "khó", "count": 1},
        {"topic": "A", "level": "NB", "count": 1},
        {"topic": "A", "level": "NB", "count": 1}]})"));
    ASSERT_EQ(parsed.problems.size(), 2U);
    auto const& duplicate = parsed.problems[1];
    EXPECT_EQ(duplicate.code, "duplicate_cell");
    EXPECT_EQ(duplicate.field, "cells[2]");
    EXPECT_NE(duplicate.message_en.find("cells[1]"), std::string::npos) << duplicate.message_en;
}

TEST(Blueprint, ReportsEveryProblemAtOnce) {
    auto const parsed = parse_blueprint(json::parse(R"({"cells": [
        {"level": "x", "count": 1},
        {"level": "NB", "count": 0, "extra": 1}]})"));
    EXPECT_FALSE(parsed.value);
    EXPECT_EQ(parsed.problems.size(), 3U);
}
