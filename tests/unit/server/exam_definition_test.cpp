#include "server/api/api_support.hpp"
#include "server/exams/exam_definition.hpp"
#include "server/exams/exam_secret.hpp"

#include <gtest/gtest.h>

using namespace phongthi::server;
using json = nlohmann::json;

namespace {

json valid_body() {
    return {{"class_id", 1},
            {"title", "  Kiểm tra   cuối khoá "},
            {"settings", {{"duration_minutes", 45}, {"paper_mode", "variants"}, {"variant_count", 3}}},
            {"opens_at", "2026-12-01T08:00:00+07:00"},
            {"closes_at", "2026-12-01T02:00:00Z"},
            {"blueprint",
             {{"bank_ids", {2, 1, 2}},
              {"cells", {{{"topic", "Điều lệ Đảng"}, {"level", "Nhận biết"}, {"count", 5}}}}}}};
}

std::vector<std::string> fields_of(definition_parse const& parsed) {
    std::vector<std::string> fields;
    for (auto const& e : parsed.errors)
        fields.push_back(e.field);
    return fields;
}

} // namespace

TEST(ExamDefinition, AValidBodyIsNormalized) {
    auto const parsed = parse_definition(valid_body());
    ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().field;
    auto const& d = *parsed.value;
    EXPECT_EQ(d.exam.title, "Kiểm tra cuối khoá");
    EXPECT_EQ(d.bank_ids, (std::vector<std::int64_t>{1, 2}));
    EXPECT_EQ(d.blueprint_spec["bank_ids"], json({1, 2}));
    EXPECT_EQ(d.blueprint_spec["cells"][0]["level"], "nhan_biet");
    EXPECT_EQ(d.exam.settings["paper_mode"], "variants");
    EXPECT_EQ(d.exam.settings["show_answers"], "after_close"); // defaults filled in
    EXPECT_EQ(*d.exam.opens_at, *parse_iso_time("2026-12-01T01:00:00Z"));
}

TEST(ExamDefinition, EveryProblemIsNamed) {
    auto body = valid_body();
    body["class_id"] = "one";
    body["title"] = "";
    body["settings"]["duration_minutes"] = 0;
    body["settings"]["colour"] = "red";
    body["closes_at"] = "2026-11-30T00:00:00Z"; // before it opens
    body["blueprint"]["cells"][0]["count"] = 0;
    body["extra"] = true;
    auto const fields = fields_of(parse_definition(body));
    for (auto const* field :
         {"class_id", "title", "settings.duration_minutes", "settings.colour", "closes_at",
          "blueprint.cells[0].count", "extra"})
        EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end()) << field;
}

TEST(ExamDefinition, BanksAreRequired) {
    auto body = valid_body();
    body["blueprint"]["bank_ids"] = json::array();
    EXPECT_EQ(fields_of(parse_definition(body)), std::vector<std::string>{"blueprint.bank_ids"});
}

TEST(ExamSettings, PassMarkCannotExceedTheScale) {
    auto const parsed = parse_exam_settings({{"scale", 10}, {"pass_mark", 11}});
    ASSERT_EQ(parsed.errors.size(), 1u);
    EXPECT_EQ(parsed.errors[0].field, "pass_mark");
}

TEST(IsoTime, ReadsUtcOffsetsAndFractions) {
    EXPECT_EQ(parse_iso_time("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(parse_iso_time("1970-01-01T07:00+07:00"), 0);
    EXPECT_EQ(parse_iso_time("2026-11-25T20:14:23.456Z"), *parse_iso_time("2026-11-25T20:14:23Z"));
    EXPECT_EQ(parse_iso_time("2026-11-25T20:14:23"), std::nullopt); // no offset: ambiguous
    EXPECT_EQ(parse_iso_time("2026-13-01T00:00Z"), std::nullopt);
    EXPECT_EQ(parse_iso_time("soon"), std::nullopt);
}

TEST(ExamSecret, StartCodesRotateAndThePreviousOneStillWorks) {
    auto const secret = exam_secret::generate();
    auto const period = exam_secret::start_code_period_ms;
    std::int64_t const now = 1'764'000'000'000 / period * period + 1000;
    auto const code = exam_secret::start_code(secret, now);
    EXPECT_EQ(code.size(), 6u);
    EXPECT_TRUE(exam_secret::accepts_start_code(secret, code, now));
    EXPECT_TRUE(exam_secret::accepts_start_code(secret, code, now + period));
    EXPECT_FALSE(exam_secret::accepts_start_code(secret, code, now + 2 * period));
    EXPECT_FALSE(exam_secret::accepts_start_code(exam_secret::generate(), code, now));
}

TEST(ExamSecret, VariantSeedsAreStableAndDistinct) {
    auto const secret = exam_secret::generate();
    EXPECT_EQ(exam_secret::variant_seed(secret, 0), exam_secret::variant_seed(secret, 0));
    EXPECT_NE(exam_secret::variant_seed(secret, 0), exam_secret::variant_seed(secret, 1));
    EXPECT_LT(exam_secret::random_seed(), 1ULL << 63);
}
