#include "scoring/classification.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace phongthi::scoring;

namespace {

TEST(DefaultRules, HoldThePartyCourseBands) {
    auto const rules = default_rules();
    ASSERT_EQ(rules.bands.size(), 3u);
    EXPECT_EQ(rules.bands[0].label.vi, "Giỏi");
    EXPECT_DOUBLE_EQ(rules.bands[0].min_score, 8.0);
    EXPECT_DOUBLE_EQ(rules.bands[1].min_score, 6.5);
    EXPECT_DOUBLE_EQ(rules.bands[2].min_score, 5.0);
    EXPECT_DOUBLE_EQ(rules.pass_mark, 5.0);
    EXPECT_DOUBLE_EQ(rules.required_attendance, 0.8);
    EXPECT_EQ(rules.fail.vi, "Không đạt");
    ASSERT_EQ(rules.conduct_grades.size(), 4u);
    EXPECT_FALSE(rules.conduct_grades[3].passing);
    ASSERT_EQ(rules.max_class_when_conduct.size(), 1u);
    EXPECT_EQ(rules.max_class_when_conduct[0].first, "trung_binh");
    EXPECT_EQ(rules.max_class_when_conduct[0].second, "kha");
    EXPECT_FALSE(rules.source.empty());
}

struct class_case {
    std::string name;
    learner_record learner;
    std::string key;
    bool passed;
    std::vector<std::string> reasons;
};

class Classify : public testing::TestWithParam<class_case> {};

TEST_P(Classify, FollowsTheDefaultRules) {
    auto const& c = GetParam();
    auto const result = classify(c.learner, default_rules());
    EXPECT_EQ(result.label.key, c.key);
    EXPECT_EQ(result.passed, c.passed);
    std::vector<std::string> codes;
    for (auto const& reason : result.reasons) {
        codes.push_back(reason.code);
        EXPECT_FALSE(reason.vi.empty());
        EXPECT_FALSE(reason.en.empty());
    }
    EXPECT_EQ(codes, c.reasons);
}

learner_record learner(double score, std::optional<double> attendance = 1.0,
                       std::optional<std::string> conduct = "tot", double scale = 10) {
    return {score, scale, attendance, std::move(conduct)};
}

using reasons = std::vector<std::string>;

INSTANTIATE_TEST_SUITE_P(
    Table, Classify,
    testing::Values(
        class_case{"ten_is_gioi", learner(10), "gioi", true, {}},
        class_case{"eight_is_gioi", learner(8.0), "gioi", true, {}},
        class_case{"seven_99_is_kha", learner(7.99), "kha", true, {}},
        class_case{"six_5_is_kha", learner(6.5), "kha", true, {}},
        class_case{"six_49_is_trung_binh", learner(6.49), "trung_binh", true, {}},
        class_case{"five_is_trung_binh", learner(5.0), "trung_binh", true, {}},
        class_case{"four_99_fails", learner(4.99), "khong_dat", false, reasons{"below_pass_mark"}},
        class_case{"hundred_scale_converted", learner(80, 1.0, "tot", 100), "gioi", true, {}},
        class_case{"hundred_scale_79_is_kha", learner(79, 1.0, "tot", 100), "kha", true, {}},
        class_case{"conduct_kha_keeps_gioi", learner(9, 1.0, "kha"), "gioi", true, {}},
        class_case{"conduct_trung_binh_caps_gioi_at_kha", learner(9, 1.0, "trung_binh"), "kha",
                   true, reasons{"conduct_cap"}},
        class_case{"conduct_trung_binh_leaves_kha", learner(7, 1.0, "trung_binh"), "kha", true, {}},
        class_case{"conduct_khong_dat_fails", learner(9, 1.0, "khong_dat"), "khong_dat", false,
                   reasons{"conduct_failing"}},
        class_case{"attendance_79_fails", learner(9, 0.79), "khong_dat", false,
                   reasons{"attendance_below_required"}},
        class_case{"attendance_80_passes", learner(9, 0.8), "gioi", true, {}},
        class_case{"every_failure_is_listed", learner(3, 0.5, "khong_dat"), "khong_dat", false,
                   reasons{"below_pass_mark", "attendance_below_required", "conduct_failing"}},
        class_case{"unrecorded_attendance_and_conduct_not_checked",
                   learner(8.5, std::nullopt, std::nullopt),
                   "gioi",
                   true,
                   {}}),
    [](auto const& param_info) { return param_info.param.name; });

TEST(Classify, ReasonsSayTheNumbersInBothLanguages) {
    auto const result = classify(learner(4.5, 0.75), default_rules());
    ASSERT_EQ(result.reasons.size(), 2u);
    EXPECT_EQ(result.reasons[0].vi, "Điểm thi 4,5 thấp hơn điểm đạt 5,0");
    EXPECT_EQ(result.reasons[0].en, "Exam score 4.5 is below the pass mark 5.0");
    EXPECT_EQ(result.reasons[1].en, "Attendance 75% is below the required 80%");
    EXPECT_EQ(result.label.en, "Fail");
}

TEST(Classify, UnknownConductIsRefused) {
    EXPECT_THROW(classify(learner(9, 1.0, "xuat_sac"), default_rules()), std::invalid_argument);
}

TEST(Classify, CapsComeFromTheData) {
    auto rules = default_rules();
    rules.max_class_when_conduct.push_back({"kha", "trung_binh"});
    auto const result = classify(learner(9, 1.0, "kha"), rules);
    EXPECT_EQ(result.label.key, "trung_binh");
    EXPECT_TRUE(result.passed);
}

// The default file with one piece replaced, and the field the error must name.
struct broken_case {
    std::string name;
    std::string find;
    std::string replace;
    std::string field;
};

class ParseRules : public testing::TestWithParam<broken_case> {};

TEST_P(ParseRules, NamesTheFaultyField) {
    auto const& c = GetParam();
    std::string text(default_rules_json());
    auto const at = text.find(c.find);
    ASSERT_NE(at, std::string::npos) << c.find;
    text.replace(at, c.find.size(), c.replace);
    try {
        parse_rules(text);
        FAIL() << "parsed";
    } catch (rules_error const& e) {
        EXPECT_EQ(e.field(), c.field) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseRules,
    testing::Values(
        broken_case{"not_json", "{", "[[", ""},
        broken_case{"number_as_text", "\"min_score\": 6.5", "\"min_score\": \"6.5\"",
                    "bands[1].min_score"},
        broken_case{"bands_not_falling", "\"min_score\": 6.5", "\"min_score\": 8.5",
                    "bands[1].min_score"},
        broken_case{"band_above_scale", "\"min_score\": 8.0", "\"min_score\": 11",
                    "bands[0].min_score"},
        broken_case{"missing_label", "\"en\": \"Good\", \"min_score\"", "\"min_score\"",
                    "bands[1].en"},
        broken_case{"unknown_field", "\"pass_mark\"", "\"pass_mrak\"", "pass_mrak"},
        broken_case{"pass_mark_below_lowest_band", "\"pass_mark\": 5.0", "\"pass_mark\": 4.0",
                    "pass_mark"},
        broken_case{"attendance_as_percent", "\"required_attendance\": 0.8",
                    "\"required_attendance\": 80", "required_attendance"},
        broken_case{"repeated_class_key",
                    "\"key\": \"kha\", \"vi\": \"Khá\", \"en\": \"Good\", "
                    "\"min_score\"",
                    "\"key\": \"gioi\", \"vi\": \"Khá\", \"en\": \"Good\", \"min_score\"",
                    "bands[1].key"},
        broken_case{"passing_not_boolean", "\"passing\": true", "\"passing\": \"yes\"",
                    "conduct_grades[0].passing"},
        broken_case{"cap_of_unknown_conduct", "{\"trung_binh\": \"kha\"}", "{\"tb\": \"kha\"}",
                    "max_class_when_conduct.tb"},
        broken_case{"cap_to_unknown_class", "{\"trung_binh\": \"kha\"}",
                    "{\"trung_binh\": \"gioi_xuat_sac\"}", "max_class_when_conduct.trung_binh"},
        broken_case{"no_fail_class", "\"fail_class\"", "\"fail\"", "fail"}),
    [](auto const& param_info) { return param_info.param.name; });

TEST(ParseRules, ErrorMessageStartsWithTheField) {
    try {
        parse_rules(R"({"bands": []})");
        FAIL() << "parsed";
    } catch (rules_error const& e) {
        EXPECT_EQ(std::string(e.what()), "bands: expected at least one band");
    }
}

} // namespace
