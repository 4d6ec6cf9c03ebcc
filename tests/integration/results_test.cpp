// Grading at submit, results with ranks and classes, statistics, key corrections, reviews.
#include "tests/integration/results_fixture.hpp"

using namespace phongthi::test;

TEST_F(ResultsServer, SubmittedAttemptsAreGradedRankedAndClassified) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    json best_paper, worst_paper;
    auto best = join(1, demo_exam, &best_paper);
    auto worst = join(2, demo_exam, &worst_paper);
    auto const best_done =
        sit(*best, best_paper, review_of(best_paper["attempt"], proctor()), true);
    auto const worst_done =
        sit(*worst, worst_paper, review_of(worst_paper["attempt"], proctor()), false);
    ASSERT_EQ(best_done["t"], "submitted");
    EXPECT_EQ(best_done["result"]["score"], 10.0);
    EXPECT_EQ(best_done["result"]["passed"], true);
    EXPECT_EQ(worst_done["result"]["score"], 0.0);

    auto const results = json::parse(call("GET", "/api/exams/1/results", proctor()).body);
    ASSERT_EQ(results["rows"].size(), 3u);
    auto const& hoa = results["rows"][0];
    EXPECT_EQ(hoa["full_name"], "Phạm Thị Hoa");
    EXPECT_EQ(hoa["class_rank"], 1);
    EXPECT_EQ(hoa["classification"]["key"], "gioi");
    EXPECT_EQ(hoa["classification"]["vi"], "Giỏi");
    auto const& nam = results["rows"][1];
    EXPECT_EQ(nam["class_rank"], 2);
    EXPECT_EQ(nam["classification"]["passed"], false);
    EXPECT_EQ(results["rows"][2]["state"], "absent");
    EXPECT_EQ(results["summary"]["graded"], 2);
    EXPECT_EQ(results["summary"]["passed"], 1);
    EXPECT_EQ(results["summary"]["mean"], 5.0);

    auto const mine = json::parse(call("GET", "/api/my/exams", candidate(1)).body)["exams"][0];
    EXPECT_EQ(mine["result"]["score"], 10.0);
    EXPECT_EQ(mine["result"]["review_available"], false);
    // The key stays on the server until the exam is closed.
    EXPECT_EQ(call("GET",
                   "/api/attempts/" + std::to_string(best_paper["attempt"].get<std::int64_t>()) +
                       "/review",
                   candidate(1))
                  .status,
              403);
    act(demo_exam, "close");
    auto const after = review_of(best_paper["attempt"], candidate(1));
    EXPECT_EQ(after["with_key"], true);
    EXPECT_EQ(after["questions"].size(), 7u);
    EXPECT_EQ(call("GET",
                   "/api/attempts/" + std::to_string(best_paper["attempt"].get<std::int64_t>()) +
                       "/review",
                   candidate(2))
                  .status,
              403);
}

TEST_F(ResultsServer, AVoidedQuestionRegradesEveryAttemptWithBeforeAndAfter) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    json paper;
    auto socket = join(2, demo_exam, &paper);
    auto const done = sit(*socket, paper, review_of(paper["attempt"], proctor()), false);
    ASSERT_EQ(done["result"]["score"], 0.0);

    auto const stats = json::parse(call("GET", "/api/exams/1/statistics", lecturer()).body);
    ASSERT_EQ(stats["attempts"], 1);
    ASSERT_EQ(stats["questions"].size(), 7u);
    auto const question = stats["questions"][0]["question_id"].get<std::int64_t>();
    EXPECT_EQ(stats["questions"][0]["difficulty"], 0.0);

    EXPECT_EQ(call("POST", "/api/exams/1/key-corrections", lecturer(), {{"question_id", question}})
                  .status,
              400);
    EXPECT_EQ(call("POST", "/api/exams/1/key-corrections", proctor(),
                   {{"question_id", question}, {"void", "full_credit"}, {"reason", "Đáp án sai"}})
                  .status,
              403);
    auto const fixed = call("POST", "/api/exams/1/key-corrections", lecturer(),
                            {{"question_id", question},
                             {"void", "full_credit"},
                             {"reason", "Câu hỏi có hai đáp án đúng"}});
    ASSERT_EQ(fixed.status, 200) << fixed.body;
    auto const outcome = json::parse(fixed.body);
    EXPECT_EQ(outcome["regraded"], 1);
    ASSERT_EQ(outcome["changed"], 1);
    EXPECT_EQ(outcome["attempts"][0]["before"], 0.0);
    EXPECT_GT(outcome["attempts"][0]["after"].get<double>(), 0.0);
    auto const results = json::parse(call("GET", "/api/exams/1/results", proctor()).body);
    EXPECT_EQ(results["rows"][1]["score"], outcome["attempts"][0]["after"]);
}
