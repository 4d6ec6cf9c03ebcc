// `phongthi results`, `phongthi stats` and `phongthi exam fix-key` on the data directory of a
// running demo server whose exam a candidate has sat over WebSocket.
#include "tests/integration/results_fixture.hpp"

using namespace phongthi::test;

class ResultsCli : public ResultsServer {
protected:
    /// Opens and starts the demo exam; candidate `n` answers every question right (or wrong)
    /// and submits. Returns the `submitted` message.
    json sit_exam(int n, bool right) {
        act(demo_exam, "open");
        act(demo_exam, "start");
        json paper;
        auto socket = join(n, demo_exam, &paper);
        return sit(*socket, paper, review_of(paper["attempt"], proctor()), right);
    }

    /// `exam fix-key 1 --question QID` with `extra` options.
    command_result fix_key(std::int64_t question, std::vector<std::string> const& extra) {
        std::vector<std::string> args{"exam", "fix-key", "1", "--question",
                                      std::to_string(question)};
        args.insert(args.end(), extra.begin(), extra.end());
        return offline(args);
    }
};

TEST_F(ResultsCli, ShowsTheClassTableAsJsonCsvAndText) {
    ASSERT_EQ(sit_exam(1, true)["result"]["score"], 10.0);

    auto const as_json = offline({"results", "1", "--json"});
    ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
    auto const results = json::parse(as_json.out);
    ASSERT_EQ(results["rows"].size(), 3u);
    EXPECT_EQ(results["rows"][0]["full_name"], "Phạm Thị Hoa");
    EXPECT_EQ(results["rows"][0]["score"], 10.0);
    EXPECT_EQ(results["rows"][0]["class_rank"], 1);
    EXPECT_EQ(results["summary"]["graded"], 1);

    auto const csv = offline({"results", "1", "--csv"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_TRUE(csv.out.starts_with("\xEF\xBB\xBF"
                                    "STT,Họ và tên,Ngày sinh,Đơn vị,Mã đề,Điểm,Xếp loại,Hạng,"
                                    "Thời gian\r\n"))
        << csv.out;
    EXPECT_NE(csv.out.find("Phạm Thị Hoa"), std::string::npos) << csv.out;
    EXPECT_NE(csv.out.find(",10,Giỏi,1,"), std::string::npos) << csv.out;

    auto const text = offline({"results", "1"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("Họ và tên"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("vắng thi"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("sĩ số 3, có điểm 1"), std::string::npos) << text.out;
    auto const english = offline({"results", "1", "--lang", "en"});
    EXPECT_NE(english.out.find("Full name"), std::string::npos) << english.out;
    EXPECT_NE(english.out.find("absent"), std::string::npos) << english.out;

    auto const both = offline({"results", "1", "--json", "--csv"});
    EXPECT_EQ(both.exit_code, 2);
    auto const missing = offline({"results", "9"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("no exam 9"), std::string::npos) << missing.err;
}

TEST_F(ResultsCli, StatsListEveryQuestionWithItsKeyMarked) {
    sit_exam(1, true);
    auto const stats = offline({"stats", "1"});
    ASSERT_EQ(stats.exit_code, 0) << stats.err;
    EXPECT_NE(stats.out.find("attempts 1, questions analysed 7 of 7"), std::string::npos)
        << stats.out;
    std::size_t questions = 0;
    for (auto at = stats.out.find("\nquestion "); at != std::string::npos;
         at = stats.out.find("\nquestion ", at + 1))
        ++questions;
    EXPECT_EQ(questions, 7u) << stats.out;
    EXPECT_NE(stats.out.find("difficulty 1, corrected point-biserial"), std::string::npos)
        << stats.out;
    EXPECT_NE(stats.out.find("   * "), std::string::npos) << stats.out;
    auto const as_json = json::parse(offline({"stats", "1", "--json"}).out);
    EXPECT_EQ(as_json["questions"].size(), 7u);
}

TEST_F(ResultsCli, FixKeyRegradesWithBeforeAndAfterAndNamesMistakes) {
    ASSERT_EQ(sit_exam(2, false)["result"]["score"], 0.0);
    auto const stats = json::parse(offline({"stats", "1", "--json"}).out);
    auto const question = stats["questions"][0]["question_id"].get<std::int64_t>();
    auto const options = stats["questions"][0]["options"].size();

    auto const dry = fix_key(
        question, {"--void", "full_credit", "--reason", "Câu hỏi có hai đáp án đúng", "--dry-run"});
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_NE(dry.out.find("dry run, nothing written"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("would regrade 1, would change 1"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find(": 0 → "), std::string::npos) << dry.out;
    EXPECT_EQ(json::parse(offline({"results", "1", "--json"}).out)["rows"][1]["score"], 0.0);

    auto const voided =
        fix_key(question, {"--void", "full_credit", "--reason", "Câu hỏi có hai đáp án đúng"});
    ASSERT_EQ(voided.exit_code, 0) << voided.err;
    EXPECT_NE(voided.out.find("voided (full_credit)"), std::string::npos) << voided.out;
    EXPECT_NE(voided.out.find("regraded 1, changed 1"), std::string::npos) << voided.out;
    EXPECT_NE(voided.out.find(": 0 → "), std::string::npos) << voided.out;
    auto const results = json::parse(offline({"results", "1", "--json"}).out);
    EXPECT_GT(results["rows"][1]["score"].get<double>(), 0.0);
    // The server reads the same database: its results agree.
    auto const over_api = json::parse(call("GET", "/api/exams/1/results", proctor()).body);
    EXPECT_EQ(over_api["rows"][1]["score"], results["rows"][1]["score"]);

    auto const restored = fix_key(question, {"--restore", "--reason", "Đáp án gốc đúng"});
    ASSERT_EQ(restored.exit_code, 0) << restored.err;
    EXPECT_NE(restored.out.find("→ 0\n"), std::string::npos) << restored.out;

    auto const not_a_letter = fix_key(question, {"--correct", "A,7", "--reason", "x"});
    EXPECT_EQ(not_a_letter.exit_code, 2);
    EXPECT_NE(not_a_letter.err.find("not \"7\""), std::string::npos) << not_a_letter.err;
    auto const past_the_options = fix_key(question, {"--correct", "J", "--reason", "x"});
    EXPECT_EQ(past_the_options.exit_code, 1);
    EXPECT_NE(past_the_options.err.find("the question has " + std::to_string(options) + " options"),
              std::string::npos)
        << past_the_options.err;
    auto const no_reason = fix_key(question, {"--correct", "A"});
    EXPECT_EQ(no_reason.exit_code, 2);
    EXPECT_NE(no_reason.err.find("--reason"), std::string::npos) << no_reason.err;
    auto const two_fixes = fix_key(question, {"--correct", "A", "--restore", "--reason", "x"});
    EXPECT_EQ(two_fixes.exit_code, 2);
    auto const bad_mode = fix_key(question, {"--void", "half", "--reason", "x"});
    EXPECT_EQ(bad_mode.exit_code, 2);
    EXPECT_NE(bad_mode.err.find("full_credit or drop"), std::string::npos) << bad_mode.err;

    auto const fixed = fix_key(question, {"--correct", "A", "--reason", "Đáp án là A"});
    ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
    EXPECT_NE(fixed.out.find("key now A"), std::string::npos) << fixed.out;
}
