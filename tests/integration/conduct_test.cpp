// Conduct grades through the real server and the CLI: list, set, fill, audit, a closed course
// refusing changes, and the grade feeding the classification of the demo class's results.
#include "tests/integration/reports_fixture.hpp"

using namespace phongthi::test;

namespace {

class ConductTest : public ReportsServer {
protected:
    /// The demo class, the one the demo exam belongs to.
    std::int64_t demo_class() {
        auto const exam =
            json::parse(call("GET", "/api/exams/" + std::to_string(class_exam()), admin()).body);
        return exam["exam"]["class_id"].get<std::int64_t>();
    }

    std::string conduct_path(std::string const& rest = "") {
        return "/api/classes/" + std::to_string(demo_class()) + "/conduct" + rest;
    }

    /// The demo class's results row of `username`.
    json result_row(std::string const& username) {
        auto const results = json::parse(
            call("GET", "/api/exams/" + std::to_string(class_exam()) + "/results", admin()).body);
        for (auto const& row : results["rows"])
            if (row["username"] == username)
                return row;
        ADD_FAILURE() << "no row of " << username;
        return nullptr;
    }

    /// The entry of `username` in a conduct listing.
    static json entry_of(json const& listing, std::string const& username) {
        for (auto const& e : listing["entries"])
            if (e["username"] == username)
                return e;
        ADD_FAILURE() << "no conduct entry of " << username << " in " << listing.dump();
        return nullptr;
    }

    std::string const& lecturer() {
        if (lecturer_.empty())
            lecturer_ = token_of("giangvien", "giangvien2026");
        return lecturer_;
    }

    std::string lecturer_;
};

} // namespace

TEST_F(ConductTest, DemoGradesAreRuleKeysAndTheGradeListComesFromTheRules) {
    auto const got = call("GET", conduct_path(), lecturer());
    ASSERT_EQ(got.status, 200) << got.body;
    auto const listing = json::parse(got.body);
    EXPECT_EQ(listing["closed"], false);
    ASSERT_EQ(listing["grades"].size(), 4u);
    EXPECT_EQ(listing["grades"][0]["key"], "tot");
    EXPECT_EQ(listing["grades"][0]["vi"], "Tốt");
    EXPECT_EQ(listing["grades"][3]["key"], "khong_dat");
    EXPECT_EQ(listing["grades"][3]["passing"], false);
    ASSERT_EQ(listing["entries"].size(), 40u);
    EXPECT_EQ(entry_of(listing, "hv01")["grade"], "tot");
    EXPECT_EQ(entry_of(listing, "hv05")["grade"], "trung_binh");

    EXPECT_EQ(call("GET", conduct_path(), token_of("hv01", "hocvien2026")).status, 403);
    EXPECT_EQ(call("GET", "/api/classes/999/conduct", admin()).status, 404);
}

TEST_F(ConductTest, ALecturerSetsAGradeWithANoteAndTheAuditKeepsBeforeAndAfter) {
    std::string const hv01 = "/" + std::to_string(result_row("hv01")["user"].get<std::int64_t>());
    auto const set = call("PUT", conduct_path(hv01), lecturer(),
                          {{"grade", "kha"}, {"note", "Vắng 1 buổi sinh hoạt"}});
    ASSERT_EQ(set.status, 200) << set.body;
    auto const entry = entry_of(json::parse(set.body), "hv01");
    EXPECT_EQ(entry["grade"], "kha");
    EXPECT_EQ(entry["note"], "Vắng 1 buổi sinh hoạt");
    EXPECT_EQ(entry["set_by"], "giangvien");
    EXPECT_TRUE(entry["set_at"].is_string());

    auto const bad = call("PUT", conduct_path(hv01), lecturer(), {{"grade", "xuat_sac"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(json::parse(bad.body)["error"]["field"], "grade");
    auto const stranger = call("PUT", conduct_path("/1"), lecturer(), {{"grade", "tot"}});
    EXPECT_EQ(stranger.status, 404);
    EXPECT_EQ(json::parse(stranger.body)["error"]["code"], "learner_not_in_class");

    auto const audit = json::parse(call("GET", "/api/audit?action=conduct.", admin()).body);
    ASSERT_EQ(audit["rows"].size(), 1u) << audit.dump();
    auto const& row = audit["rows"][0];
    EXPECT_EQ(row["actor"], "giangvien");
    auto const& detail = row["detail"];
    EXPECT_EQ(detail["username"], "hv01");
    EXPECT_EQ(detail["before"]["grade"], "tot");
    EXPECT_EQ(detail["before"]["note"], nullptr);
    EXPECT_EQ(detail["after"]["grade"], "kha");
    EXPECT_EQ(detail["after"]["note"], "Vắng 1 buổi sinh hoạt");
}

TEST_F(ConductTest, TheConductGradeCapsOrFailsTheClassification) {
    // The best learner of the demo class: Giỏi with conduct Tốt.
    auto const before = result_row("hv22");
    ASSERT_EQ(before["classification"]["key"], "gioi") << before.dump();
    auto const user = std::to_string(before["user"].get<std::int64_t>());

    ASSERT_EQ(call("PUT", conduct_path("/" + user), lecturer(), {{"grade", "trung_binh"}}).status,
              200);
    auto const capped = result_row("hv22")["classification"];
    EXPECT_EQ(capped["key"], "kha");
    EXPECT_EQ(capped["passed"], true);
    EXPECT_EQ(capped["reasons"][0]["code"], "conduct_cap");

    ASSERT_EQ(call("PUT", conduct_path("/" + user), lecturer(), {{"grade", "khong_dat"}}).status,
              200);
    auto const failed = result_row("hv22")["classification"];
    EXPECT_EQ(failed["key"], "khong_dat");
    EXPECT_EQ(failed["passed"], false);
    EXPECT_EQ(failed["reasons"][0]["code"], "conduct_failing");

    // Not graded: classification looks at the exam alone.
    ASSERT_EQ(call("PUT", conduct_path("/" + user), lecturer(), {{"grade", nullptr}}).status, 200);
    EXPECT_EQ(result_row("hv22")["classification"]["key"], "gioi");
}

TEST_F(ConductTest, FillGradesOnlyTheUngradedAndAClosedCourseRefusesChanges) {
    auto const user = std::to_string(result_row("hv03")["user"].get<std::int64_t>());
    ASSERT_EQ(call("PUT", conduct_path("/" + user), lecturer(), {{"grade", nullptr}}).status, 200);
    auto const filled = call("POST", conduct_path("/fill"), lecturer(), json::object());
    ASSERT_EQ(filled.status, 200) << filled.body;
    auto const listing = json::parse(filled.body);
    EXPECT_EQ(entry_of(listing, "hv03")["grade"], "tot");
    EXPECT_EQ(entry_of(listing, "hv05")["grade"], "trung_binh"); // graded before: kept

    auto const course_id =
        json::parse(call("GET", "/api/classes/" + std::to_string(demo_class()), admin())
                        .body)["class"]["course"]["id"];
    std::string const course = "/api/courses/" + std::to_string(course_id.get<std::int64_t>());
    EXPECT_EQ(call("POST", course + "/close", lecturer()).status, 403);
    auto const closed = call("POST", course + "/close", admin());
    ASSERT_EQ(closed.status, 200) << closed.body;
    EXPECT_TRUE(json::parse(closed.body)["course"]["closed_at"].is_string());
    EXPECT_EQ(json::parse(call("GET", conduct_path(), lecturer()).body)["closed"], true);

    auto const refused = call("PUT", conduct_path("/" + user), lecturer(), {{"grade", "kha"}});
    EXPECT_EQ(refused.status, 409);
    EXPECT_EQ(json::parse(refused.body)["error"]["code"], "course_closed");
    EXPECT_NE(json::parse(refused.body)["error"]["message"].get<std::string>().find("Khoá học"),
              std::string::npos);
    EXPECT_EQ(call("POST", conduct_path("/fill"), lecturer(), json::object()).status, 409);

    ASSERT_EQ(call("POST", course + "/reopen", admin()).status, 200);
    EXPECT_EQ(call("PUT", conduct_path("/" + user), lecturer(), {{"grade", "kha"}}).status, 200);

    auto const audit = json::parse(call("GET", "/api/audit?action=course.", admin()).body);
    std::string actions;
    for (auto const& row : audit["rows"])
        actions += row["action"].get<std::string>() + " ";
    EXPECT_NE(actions.find("course.close"), std::string::npos) << actions;
    EXPECT_NE(actions.find("course.reopen"), std::string::npos) << actions;
}

TEST_F(ConductTest, TheCliListsSetsAndRefusesOnAClosedCourse) {
    std::string const data = data_dir().string();
    auto const set = run_phongthi({"conduct", "set", "DVM-K02", "--username", "hv02", "--grade",
                                   "khong_dat", "--note", "Vi phạm nội quy", "--data", data});
    ASSERT_EQ(set.exit_code, 0) << set.err;
    auto const listed = run_phongthi({"conduct", "list", "DVM-K02", "--json", "--data", data});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    auto const entry = entry_of(json::parse(listed.out), "hv02");
    EXPECT_EQ(entry["grade"], "khong_dat");
    EXPECT_EQ(entry["note"], "Vi phạm nội quy");
    auto const bad = run_phongthi(
        {"conduct", "set", "DVM-K02", "--username", "hv02", "--grade", "gioi", "--data", data});
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.err.find("tot"), std::string::npos) << bad.err;

    ASSERT_EQ(run_phongthi({"course", "close", "BDDVM-2026", "--data", data}).exit_code, 0);
    auto const refused = run_phongthi(
        {"conduct", "set", "DVM-K02", "--username", "hv02", "--grade", "tot", "--data", data});
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_NE(refused.err.find("closed"), std::string::npos) << refused.err;
}
