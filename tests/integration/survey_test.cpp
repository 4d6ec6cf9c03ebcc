// Feedback surveys through the real server: a lecturer sets the questions of the demo class's
// exam, candidates who submitted it answer once, the stored response carries no identity, and
// the report counts each Likert value and averages each item.
#include "tests/integration/reports_fixture.hpp"

using namespace phongthi::test;

namespace {

class SurveyTest : public ReportsServer {
protected:
    std::string survey_path(std::string const& rest = "") {
        return "/api/exams/" + std::to_string(class_exam()) + "/survey" + rest;
    }

    std::string const& lecturer() {
        if (lecturer_.empty())
            lecturer_ = token_of("giangvien", "giangvien2026");
        return lecturer_;
    }

    /// The lecturer's survey of two statements with a comment.
    void make_survey() {
        auto const made =
            call("PUT", survey_path(), lecturer(),
                 {{"title", "Phiếu lấy ý kiến học viên"},
                  {"items", {"Nội dung bài giảng thiết thực", "Đề thi sát chương trình"}},
                  {"comment", true}});
        ASSERT_EQ(made.status, 200) << made.body;
    }

    http_result answer(std::string const& username, json answers, std::string const& comment) {
        return call("POST", survey_path("/answers"), token_of(username, "hocvien2026"),
                    {{"answers", std::move(answers)}, {"comment", comment}});
    }

    std::string lecturer_;
};

/// The column names of `table` in the database file.
std::vector<std::string> columns_of(std::filesystem::path const& file, std::string const& table) {
    phongthi::store::database db(file, phongthi::store::open_mode::read_only);
    auto query = db.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid");
    query.bind(1, table);
    std::vector<std::string> names;
    while (query.step())
        names.push_back(query.column_text(0));
    return names;
}

} // namespace

TEST_F(SurveyTest, CandidatesWhoSubmittedAnswerOnceAndTheReportCountsAndAverages) {
    make_survey();
    auto const mine =
        json::parse(call("GET", "/api/my/surveys", token_of("hv01", "hocvien2026")).body);
    ASSERT_EQ(mine["surveys"].size(), 1u) << mine.dump();
    EXPECT_EQ(mine["surveys"][0]["answered"], false);
    EXPECT_EQ(mine["surveys"][0]["survey"]["items"].size(), 2u);

    ASSERT_EQ(answer("hv01", {5, 4}, "Giảng viên nhiệt tình").status, 201);
    ASSERT_EQ(answer("hv02", {4, 2}, "").status, 201);
    ASSERT_EQ(answer("hv03", {5, nullptr}, "Cần thêm tài liệu").status, 201);

    auto const again = answer("hv01", {1, 1}, "lần hai");
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(json::parse(again.body)["error"]["code"], "survey_already_answered");
    EXPECT_EQ(json::parse(call("GET", "/api/my/surveys", token_of("hv01", "hocvien2026"))
                              .body)["surveys"][0]["answered"],
              true);
    // hv17 was absent from the exam: no survey for them.
    auto const absent = answer("hv17", {3, 3}, "");
    EXPECT_EQ(absent.status, 403);
    EXPECT_EQ(json::parse(absent.body)["error"]["code"], "survey_not_submitted");
    EXPECT_EQ(answer("hv04", {6, 1}, "").status, 400);
    EXPECT_EQ(answer("hv04", {1}, "").status, 400);

    auto const got = call("GET", survey_path("/report"), lecturer());
    ASSERT_EQ(got.status, 200) << got.body;
    auto const report = json::parse(got.body);
    EXPECT_EQ(report["survey"]["responses"], 3);
    EXPECT_EQ(report["likert"][0]["vi"], "Rất không đồng ý");
    EXPECT_EQ(report["likert"][4]["vi"], "Rất đồng ý");
    EXPECT_EQ(report["items"][0]["counts"], json({0, 0, 0, 1, 2}));
    EXPECT_NEAR(report["items"][0]["mean"].get<double>(), 14.0 / 3, 1e-9);
    EXPECT_EQ(report["items"][1]["counts"], json({0, 1, 0, 1, 0}));
    EXPECT_EQ(report["items"][1]["answered"], 2);
    EXPECT_NEAR(report["items"][1]["mean"].get<double>(), 3.0, 1e-9);
    EXPECT_EQ(report["comments"], json({"Cần thêm tài liệu", "Giảng viên nhiệt tình"}));

    auto const csv = call("GET", survey_path("/report?format=csv"), lecturer());
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("Nội dung bài giảng thiết thực,0,0,0,1,2,3,4.67"), std::string::npos)
        << csv.body;
    EXPECT_EQ(call("GET", survey_path("/report"), token_of("hv01", "hocvien2026")).status, 403);
}

TEST_F(SurveyTest, TheStoredResponseCarriesNoIdentityAndNoTime) {
    make_survey();
    ASSERT_EQ(answer("hv01", {5, 4}, "Ý kiến").status, 201);
    auto const file = data_dir() / "phongthi.db";
    EXPECT_EQ(columns_of(file, "survey_responses"),
              (std::vector<std::string>{"id", "survey_id", "answers", "comment"}));
    EXPECT_EQ(columns_of(file, "survey_respondents"),
              (std::vector<std::string>{"survey_id", "user_id"}));

    phongthi::store::database db(file, phongthi::store::open_mode::read_only);
    auto row = db.prepare("SELECT id, answers, comment FROM survey_responses");
    ASSERT_TRUE(row.step());
    EXPECT_GT(row.column_int64(0), 1'000'000) << "the id is random, not a counter";
    EXPECT_EQ(row.column_text(1), "[5,4]");
    auto count = db.prepare("SELECT COUNT(*) FROM audit_log WHERE actor = 'hv01' AND "
                            "(action LIKE 'survey.%' OR detail LIKE '%survey%')");
    ASSERT_TRUE(count.step());
    EXPECT_EQ(count.column_int64(0), 0);
}

TEST_F(SurveyTest, ASurveyWithResponsesCannotBeEditedOnlyClosedAndReopened) {
    make_survey();
    ASSERT_EQ(answer("hv01", {3, 3}, "").status, 201);
    auto const edit = call("PUT", survey_path(), lecturer(),
                           {{"title", "Sửa"}, {"items", {"Câu mới"}}, {"comment", false}});
    EXPECT_EQ(edit.status, 409);
    EXPECT_EQ(json::parse(edit.body)["error"]["code"], "survey_has_responses");

    auto const closed = call("POST", survey_path("/close"), lecturer());
    ASSERT_EQ(closed.status, 200) << closed.body;
    EXPECT_EQ(json::parse(closed.body)["survey"]["closed"], true);
    auto const late = answer("hv02", {3, 3}, "");
    EXPECT_EQ(late.status, 409);
    EXPECT_EQ(json::parse(late.body)["error"]["code"], "survey_closed");
    EXPECT_TRUE(
        json::parse(call("GET", "/api/my/surveys", token_of("hv02", "hocvien2026")).body)["surveys"]
            .empty());

    ASSERT_EQ(call("POST", survey_path("/reopen"), lecturer()).status, 200);
    EXPECT_EQ(answer("hv02", {3, 3}, "").status, 201);
    EXPECT_EQ(call("PUT", survey_path(), lecturer(), {{"title", ""}, {"items", {"x"}}}).status,
              400);
}

TEST_F(SurveyTest, TheCliSetsShowsClosesAndReportsTheSameSurvey) {
    std::string const data = data_dir().string();
    std::string const exam = std::to_string(class_exam());
    auto const file = data_dir().parent_path() / "khao-sat.json";
    std::ofstream(file) << json{{"title", "Phiếu lấy ý kiến"},
                                {"items", {"Giảng viên nhiệt tình", "Tài liệu đầy đủ"}},
                                {"comment", true}};
    auto const set = run_phongthi({"survey", "set", exam, "--json", file.string(), "--data", data});
    ASSERT_EQ(set.exit_code, 0) << set.err;
    EXPECT_EQ(json::parse(set.out)["items"].size(), 2u) << set.out;
    // The page sees what the CLI set, and candidates answer it.
    auto const page = json::parse(call("GET", survey_path(), lecturer()).body)["survey"];
    EXPECT_EQ(page["title"], "Phiếu lấy ý kiến");
    ASSERT_EQ(answer("hv01", {5, 4}, "Rất bổ ích").status, 201);

    auto const edit =
        run_phongthi({"survey", "set", exam, "--json", file.string(), "--data", data});
    EXPECT_EQ(edit.exit_code, 1);
    EXPECT_NE(edit.err.find("khảo sát"), std::string::npos) << edit.err;
    std::ofstream(file) << json{{"title", "X"}, {"items", json::array()}};
    auto const bad = run_phongthi(
        {"survey", "set", exam, "--json", file.string(), "--lang", "en", "--data", data});
    EXPECT_NE(bad.err.find("khao-sat.json [items]: "), std::string::npos) << bad.err;

    ASSERT_EQ(run_phongthi({"survey", "close", exam, "--data", data}).exit_code, 0);
    EXPECT_EQ(answer("hv02", {3, 3}, "").status, 409);
    ASSERT_EQ(run_phongthi({"survey", "reopen", exam, "--data", data}).exit_code, 0);
    EXPECT_EQ(json::parse(run_phongthi({"survey", "show", exam, "--data", data}).out)["closed"],
              false);

    auto const csv = data_dir().parent_path() / "bao-cao.csv";
    auto const report =
        run_phongthi({"survey", "report", exam, "-o", csv.string(), "--data", data});
    ASSERT_EQ(report.exit_code, 0) << report.err;
    std::ifstream in(csv, std::ios::binary);
    std::string const text(std::istreambuf_iterator<char>(in), {});
    EXPECT_NE(text.find("Giảng viên nhiệt tình"), std::string::npos) << text;
    EXPECT_NE(text.find("Rất bổ ích"), std::string::npos) << text;
    auto const printed = json::parse(run_phongthi({"survey", "report", exam, "--data", data}).out);
    EXPECT_EQ(printed["items"][0]["mean"], 5.0);
    EXPECT_NE(run_phongthi({"survey", "show", "999", "--data", data}).exit_code, 0);
}
