// The exam runtime over real WebSockets: papers, acks, replay, clock, takeover, crash.
#include "server/exams/answer_file_crypto.hpp"
#include "server/store/database.hpp"
#include "tests/integration/exam_fixture.hpp"

#include <csignal>
#include <set>

using namespace phongthi::test;
namespace answer_file_crypto = phongthi::server::answer_file_crypto;

namespace {

/// Every member name anywhere in `value`.
void collect_keys(json const& value, std::set<std::string>& keys) {
    if (value.is_object())
        for (auto const& [key, member] : value.items()) {
            keys.insert(key);
            collect_keys(member, keys);
        }
    else if (value.is_array())
        for (auto const& member : value)
            collect_keys(member, keys);
}

/// The demo exam opened and started, and thisinh01 on it with one acked answer (question 0),
/// so that their attempt is stored.
class AnsweringExam : public ExamServer {
protected:
    std::unique_ptr<signed_in_socket> start_answering(json& paper) {
        auto socket = start_and_join(1, paper);
        socket->send(answer(0, {option_ids(paper, 0)[0]}, 1));
        EXPECT_EQ(socket->next_of("ack")["seq"], 1);
        return socket;
    }
};

} // namespace

TEST_F(ExamServer, CandidateWaitsThenGetsThePaperWhenTheProctorStarts) {
    act(demo_exam, "open");
    json reply;
    auto socket = join(1, demo_exam, &reply);
    EXPECT_EQ(reply["t"], "waiting") << reply;
    act(demo_exam, "start");
    auto const paper = socket->next_of("paper");
    ASSERT_EQ(paper["t"], "paper") << paper;
    EXPECT_EQ(paper["questions"].size(), 7u);
    EXPECT_EQ(paper["last_seq"], 0);
    EXPECT_GT(paper["deadline"].get<std::int64_t>(), paper["server_time"].get<std::int64_t>());
    EXPECT_LE(paper["deadline"].get<std::int64_t>() - paper["server_time"].get<std::int64_t>(),
              30 * 60 * 1000);
}

TEST_F(ExamServer, ThePaperCarriesNoKeyMaterial) {
    json paper;
    auto socket = start_and_join(1, paper);
    ASSERT_EQ(paper["t"], "paper");
    std::set<std::string> keys;
    collect_keys(paper, keys);
    for (auto const* forbidden : {"weight", "correct", "fraction", "feedback", "explanation", "key",
                                  "answer", "seed", "order", "index"})
        EXPECT_FALSE(keys.contains(forbidden)) << forbidden;
    for (auto const& question : paper["questions"])
        for (auto const& option : question["options"]) {
            auto const id = option["id"].get<std::string>();
            EXPECT_EQ(id.size(), 8u);
            EXPECT_EQ(id.find_first_not_of("abcdefghijklmnopqrstuvwxyz234567"), std::string::npos)
                << id;
        }
}

TEST_F(ExamServer, TwoCandidatesGetDifferentPapersAndEachAlwaysTheSame) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    json first, second;
    auto one = join(1, demo_exam, &first);
    auto two = join(2, demo_exam, &second);
    ASSERT_EQ(first["t"], "paper");
    ASSERT_EQ(second["t"], "paper");
    EXPECT_NE(first["questions"], second["questions"]);
    one.reset();
    json again;
    auto rejoined = join(1, demo_exam, &again);
    ASSERT_EQ(again["t"], "paper") << again;
    EXPECT_EQ(again["questions"], first["questions"]);
    EXPECT_EQ(again["deadline"], first["deadline"]);
}

TEST_F(ExamServer, AnswersAreAckedKeptAndReplayedSafely) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    json paper;
    auto socket = join(1, demo_exam, &paper);
    ASSERT_EQ(paper["t"], "paper");
    auto const ids0 = option_ids(paper, 0);
    auto const ids1 = option_ids(paper, 1);
    socket->send(answer(0, {ids0[1]}, 1));
    EXPECT_EQ(socket->next_of("ack"), (json{{"t", "ack"}, {"seq", 1}}));
    socket->send(answer(1, {ids1[0]}, 2, true));
    EXPECT_EQ(socket->next_of("ack")["seq"], 2);
    // Newer first, older later (out of order): the older is stale and changes nothing.
    socket->send(answer(0, {ids0[2]}, 5));
    EXPECT_EQ(socket->next_of("ack")["seq"], 5);
    socket->send(answer(0, {ids0[3]}, 4));
    auto const stale = socket->next_of("ack");
    EXPECT_EQ(stale["seq"], 4);
    EXPECT_EQ(stale["stale"], true);
    // A duplicate of an acked message is acked again (the browser may not have seen the ack).
    socket->send(answer(1, {ids1[0]}, 2, true));
    EXPECT_EQ(socket->next_of("ack")["stale"], true);

    // The connection drops; a new one gets every saved answer back.
    socket.reset();
    json again;
    auto back = join(1, demo_exam, &again);
    ASSERT_EQ(again["t"], "paper");
    EXPECT_EQ(again["last_seq"], 5);
    ASSERT_EQ(again["answers"].size(), 2u);
    EXPECT_EQ(again["answers"][0],
              (json{{"n", 0}, {"choice", {ids0[2]}}, {"flag", false}, {"seq", 5}}));
    EXPECT_EQ(again["answers"][1],
              (json{{"n", 1}, {"choice", {ids1[0]}}, {"flag", true}, {"seq", 2}}));
}

TEST_F(ExamServer, BadAnswersAreRefusedWithAReason) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    json paper;
    auto socket = join(1, demo_exam, &paper);
    ASSERT_EQ(paper["t"], "paper");
    socket->send(answer(99, {}, 1));
    EXPECT_EQ(socket->next_of("nack")["code"], "bad_question");
    socket->send(answer(0, {"zzzzzzzz"}, 2));
    EXPECT_EQ(socket->next_of("nack")["code"], "bad_option");
    // An option id of another question is not an option of this one.
    socket->send(answer(0, {option_ids(paper, 1)[0]}, 3));
    EXPECT_EQ(socket->next_of("nack")["code"], "bad_option");
    auto const two = option_ids(paper, 0);
    if (!paper["questions"][0]["multiple"].get<bool>()) {
        socket->send(answer(0, {two[0], two[1]}, 4));
        EXPECT_EQ(socket->next_of("nack")["code"], "bad_option");
    }
    socket->send(json{{"t", "answer"}, {"n", 0}, {"choice", json::array()}});
    EXPECT_EQ(socket->next_of("error")["code"], "bad_request");
}

TEST_F(ExamServer, OnlyEnrolledCandidatesOfAnOpenExamGetIn) {
    json reply;
    auto early = join(1, demo_exam, &reply);
    EXPECT_EQ(reply["code"], "exam_not_open");
    auto missing = join(1, 999, &reply);
    EXPECT_EQ(reply["code"], "exam_not_found");
    signed_in_socket staff(port(), proctor());
    staff.send({{"t", "join"}, {"exam", demo_exam}});
    EXPECT_EQ(staff.next()["code"], "forbidden");
}

TEST_F(ExamServer, SubmittingClosesTheAttempt) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    json paper;
    auto socket = join(1, demo_exam, &paper);
    socket->send(answer(0, {option_ids(paper, 0)[0]}, 1));
    socket->next_of("ack");
    socket->send({{"t", "submit"}});
    auto const done = socket->next_of("submitted");
    EXPECT_EQ(done["auto"], false);
    EXPECT_EQ(done["answered"], 1);
    EXPECT_EQ(done["total"], 7);
    socket->send(answer(1, {option_ids(paper, 1)[0]}, 2));
    EXPECT_EQ(socket->next_of("nack")["code"], "not_running");
    json again;
    auto back = join(1, demo_exam, &again);
    EXPECT_EQ(again["t"], "submitted");
}

TEST_F(ExamServer, PauseStopsTheClockAndResumeMovesTheDeadline) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    json paper;
    auto socket = join(1, demo_exam, &paper);
    auto const deadline = paper["deadline"].get<std::int64_t>();
    act(demo_exam, "pause");
    auto const paused = socket->next_of("clock");
    EXPECT_EQ(paused["paused"], true);
    EXPECT_EQ(paused["reason"], "paused");
    socket->send(answer(0, {option_ids(paper, 0)[0]}, 1));
    EXPECT_EQ(socket->next_of("nack")["code"], "paused");
    std::this_thread::sleep_for(std::chrono::milliseconds(300)); // the pause must last a while
    act(demo_exam, "resume");
    auto const resumed = socket->next_of("clock");
    EXPECT_EQ(resumed["paused"], false);
    auto const moved = resumed["deadline"].get<std::int64_t>() - deadline;
    EXPECT_GE(moved, 300);
    EXPECT_LT(moved, 5000);
    act(demo_exam, "extend", {{"minutes", 5}, {"reason", "Mất điện 5 phút"}});
    auto const extended = socket->next_of("clock");
    EXPECT_EQ(extended["reason"], "extended");
    EXPECT_EQ(extended["deadline"].get<std::int64_t>() - resumed["deadline"].get<std::int64_t>(),
              5 * 60 * 1000);
    socket->send(answer(0, {option_ids(paper, 0)[0]}, 2));
    EXPECT_EQ(socket->next_of("ack")["seq"], 2);
}

TEST_F(ExamServer, ASecondLoginTakesOverAndTheProctorIsTold) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    signed_in_socket watcher(port(), proctor());
    watcher.send({{"t", "watch"}, {"exam", demo_exam}});
    auto const room = watcher.next_of("room");
    ASSERT_EQ(room["candidates"].size(), 3u);
    json paper;
    auto first = join(1, demo_exam, &paper);
    ASSERT_EQ(paper["t"], "paper");
    json again;
    auto second = join(1, demo_exam, &again);
    EXPECT_EQ(again["t"], "paper");
    EXPECT_EQ(first->next_of("taken_over")["t"], "taken_over");
    auto const alert = watcher.next_of("alert");
    EXPECT_EQ(alert["kind"], "takeover");
    EXPECT_EQ(alert["full_name"], "Phạm Thị Hoa");
    second->send(answer(0, {option_ids(again, 0)[0]}, 1));
    EXPECT_EQ(second->next_of("ack")["seq"], 1);
}

TEST_F(ExamServer, IntegritySignalsReachTheProctorAndTheTimeline) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    signed_in_socket watcher(port(), proctor());
    watcher.send({{"t", "watch"}, {"exam", demo_exam}});
    watcher.next_of("room");
    json paper;
    auto socket = join(2, demo_exam, &paper);
    socket->send({{"t", "event"}, {"kind", "focus_lost"}, {"at", 123}});
    auto const alert = watcher.next_of("alert");
    EXPECT_EQ(alert["kind"], "focus_lost");
    auto const attempt = paper["attempt"].get<std::int64_t>();
    json events;
    for (int tries = 0; tries < 50; ++tries) { // the event is written through the writer
        events = json::parse(
            call("GET", "/api/attempts/" + std::to_string(attempt) + "/events", proctor())
                .body)["events"];
        if (events.size() >= 2)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_GE(events.size(), 2u);
    EXPECT_EQ(events[0]["kind"], "start");
    EXPECT_EQ(events[1]["kind"], "focus_lost");
}

TEST_F(ExamServer, AutoSubmitsAtTheDeadlineWithNoBrowserThere) {
    auto const lecturer = token_of("giangvien", "giangvien2026");
    auto const banks = json::parse(call("GET", "/api/banks", lecturer).body)["banks"];
    auto const closes = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count() +
                        4000;
    std::time_t const seconds = closes / 1000 + 1;
    char iso[32];
    std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&seconds));
    auto const created =
        call("POST", "/api/exams", lecturer,
             {{"class_id", 1},
              {"title", "Kiểm tra nhanh"},
              {"settings", {{"duration_minutes", 10}}},
              {"closes_at", iso},
              {"blueprint",
               {{"bank_ids", {banks[0]["id"]}},
                {"cells", {{{"topic", ""}, {"level", "nhan_biet"}, {"count", 3}}}}}}});
    ASSERT_EQ(created.status, 201) << created.body;
    auto const exam = json::parse(created.body)["exam"]["id"].get<std::int64_t>();
    ASSERT_EQ(call("POST", "/api/exams/" + std::to_string(exam) + "/publish", lecturer).status,
              200);
    act(exam, "open");
    act(exam, "start");
    json paper;
    auto socket = join(3, exam, &paper);
    ASSERT_EQ(paper["t"], "paper") << paper;
    EXPECT_LE(paper["deadline"].get<std::int64_t>(), (seconds + 1) * 1000);
    socket->send(answer(0, {option_ids(paper, 0)[0]}, 1));
    socket->next_of("ack");
    socket.reset(); // the browser is gone

    signed_in_socket watcher(port(), proctor());
    watcher.send({{"t", "watch"}, {"exam", exam}});
    json row = json::object();
    for (int i = 0; i < 40 && row.value("state", "") != "auto_submitted"; ++i) {
        auto const message = watcher.next_of("candidate", std::chrono::seconds(15));
        if (message.is_null())
            break;
        if (message["row"]["username"] == "thisinh03")
            row = message["row"];
    }
    EXPECT_EQ(row["state"], "auto_submitted") << row;
    EXPECT_EQ(row["answered"], 1);
}

TEST_F(ExamServer, EveryAckedAnswerAndTheDeadlineSurviveKillNine) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    json paper;
    auto socket = join(1, demo_exam, &paper);
    ASSERT_EQ(paper["t"], "paper");
    std::map<int, std::string> acked;
    for (int n = 0; n < 7; ++n) {
        auto const choice =
            option_ids(paper, static_cast<std::size_t>(n))[static_cast<std::size_t>(n % 2)];
        socket->send(answer(n, {choice}, n + 1));
        if (socket->next_of("ack")["seq"] == n + 1)
            acked[n] = choice;
    }
    ASSERT_EQ(acked.size(), 7u);
    EXPECT_EQ(server_.stop(SIGKILL), 128 + SIGKILL);
    socket.reset();

    server_process restarted(data_dir(), true);
    auto const token =
        json::parse(
            http_call(restarted.port(), "POST", "/api/login",
                      json{{"username", "thisinh01"}, {"password", candidate_password}}.dump(),
                      {{"Content-Type", "application/json"}})
                .body)["token"]
            .get<std::string>();
    signed_in_socket back(restarted.port(), token);
    back.send({{"t", "join"}, {"exam", demo_exam}});
    auto const again = back.next_of("paper");
    ASSERT_EQ(again["t"], "paper") << again;
    EXPECT_EQ(again["deadline"], paper["deadline"]);
    EXPECT_EQ(again["questions"], paper["questions"]);
    ASSERT_EQ(again["answers"].size(), acked.size());
    for (auto const& saved : again["answers"])
        EXPECT_EQ(saved["choice"], json::array({acked.at(saved["n"].get<int>())}));
}

TEST_F(ExamServer, MovingToAnotherPcWaitsForTheProctorAndKeepsEverything) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    signed_in_socket watcher(port(), proctor());
    watcher.send({{"t", "watch"}, {"exam", demo_exam}});
    watcher.next_of("room");
    json paper;
    auto first = join(1, demo_exam, &paper);
    auto const choice = option_ids(paper, 2)[1];
    first->send(answer(2, {choice}, 1));
    first->next_of("ack");
    first.reset(); // this PC died

    json reply;
    auto other_pc = join(1, demo_exam, &reply, json::object(), "127.0.0.2");
    EXPECT_EQ(reply["t"], "resume_pending") << reply;
    auto const alert = watcher.next_of("alert");
    EXPECT_EQ(alert["kind"], "move_request");
    EXPECT_EQ(alert["detail"]["to"], "127.0.0.2");
    auto const attempt = paper["attempt"].get<std::int64_t>();
    auto const approved =
        call("POST", "/api/attempts/" + std::to_string(attempt) + "/approve-move", proctor());
    ASSERT_EQ(approved.status, 200) << approved.body;
    auto const moved = other_pc->next_of("paper");
    ASSERT_EQ(moved["t"], "paper");
    EXPECT_EQ(moved["questions"], paper["questions"]);
    EXPECT_EQ(moved["deadline"], paper["deadline"]);
    EXPECT_EQ(moved["answers"][0]["choice"], json::array({choice}));
    other_pc->send(answer(3, {option_ids(paper, 3)[0]}, 2));
    EXPECT_EQ(other_pc->next_of("ack")["seq"], 2);
}

TEST_F(ExamServer, TheStartCodeKeepsOutsidersOut) {
    auto const lecturer = token_of("giangvien", "giangvien2026");
    auto exam = json::parse(call("GET", "/api/exams/1", lecturer).body)["exam"];
    exam["settings"]["start_code"] = true;
    auto const changed = call("PUT", "/api/exams/1", lecturer,
                              {{"class_id", exam["class_id"]},
                               {"title", exam["title"]},
                               {"settings", exam["settings"]},
                               {"blueprint", exam["blueprint"]}});
    ASSERT_EQ(changed.status, 200) << changed.body;
    act(demo_exam, "open");
    act(demo_exam, "start");
    json reply;
    auto without = join(1, demo_exam, &reply);
    EXPECT_EQ(reply["code"], "start_code_required");
    auto wrong = join(1, demo_exam, &reply, {{"start_code", "000000x"}});
    EXPECT_EQ(reply["code"], "wrong_start_code");
    auto const code = json::parse(call("GET", "/api/exams/1/start-code", proctor()).body)["code"];
    auto right = join(1, demo_exam, &reply, {{"start_code", code}});
    EXPECT_EQ(reply["t"], "paper") << reply;
    // The CLI prints a code the server takes too.
    auto const printed = offline({"exam", "start-code", "1"});
    ASSERT_EQ(printed.exit_code, 0) << printed.err;
    EXPECT_NE(printed.out.find(" (valid until 20"), std::string::npos) << printed.out;
    auto other = join(2, demo_exam, &reply, {{"start_code", printed.out.substr(0, 6)}});
    EXPECT_EQ(reply["t"], "paper") << reply;
}

TEST_F(ExamServer, FixedVariantsDifferBetweenNeighbouringSeats) {
    use_fixed_variants(token_of("giangvien", "giangvien2026"), 2);
    act(demo_exam, "open");
    act(demo_exam, "start");
    json a1, a2, a3;
    auto s1 = join(1, demo_exam, &a1); // seats A1, A2, A3 side by side
    auto s2 = join(2, demo_exam, &a2);
    auto s3 = join(3, demo_exam, &a3);
    EXPECT_NE(a1["exam"]["variant"], a2["exam"]["variant"]);
    EXPECT_NE(a2["exam"]["variant"], a3["exam"]["variant"]);
    EXPECT_EQ(a1["exam"]["variant"], a3["exam"]["variant"]);
    EXPECT_EQ(a1["questions"], a3["questions"]); // the same variant is the same paper
    EXPECT_NE(a1["questions"], a2["questions"]);
}

TEST_F(ExamServer, ProctorActionsOnOneAttemptAreAudited) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    json paper;
    auto socket = join(1, demo_exam, &paper);
    auto const base = "/api/attempts/" + std::to_string(paper["attempt"].get<std::int64_t>());
    EXPECT_EQ(call("POST", base + "/extend", proctor(), {{"minutes", 0}, {"reason", "x"}}).status,
              400);
    EXPECT_EQ(call("POST", base + "/extend", proctor(), {{"minutes", 10}}).status, 400);
    ASSERT_EQ(
        call("POST", base + "/extend", proctor(), {{"minutes", 10}, {"reason", "Máy hỏng"}}).status,
        200);
    EXPECT_EQ(socket->next_of("clock")["deadline"].get<std::int64_t>() -
                  paper["deadline"].get<std::int64_t>(),
              10 * 60 * 1000);
    ASSERT_EQ(call("POST", base + "/pause", proctor()).status, 200);
    EXPECT_EQ(socket->next_of("clock")["paused"], true);
    ASSERT_EQ(call("POST", base + "/resume", proctor()).status, 200);
    EXPECT_EQ(socket->next_of("clock")["paused"], false);
    EXPECT_EQ(call("POST", base + "/irregularity", proctor(), {{"category", "gossip"}}).status,
              400);
    ASSERT_EQ(call("POST", base + "/irregularity", proctor(),
                   {{"category", "talking"}, {"note", "Trao đổi với thí sinh bên cạnh"}})
                  .status,
              200);
    EXPECT_EQ(call("POST", base + "/void", proctor(), json::object()).status, 400);
    ASSERT_EQ(call("POST", base + "/void", proctor(), {{"reason", "Sử dụng tài liệu"}}).status,
              200);
    EXPECT_EQ(socket->next_of("voided")["reason"], "Sử dụng tài liệu");
    auto const events = json::parse(call("GET", base + "/events", proctor()).body)["events"];
    std::vector<std::string> kinds;
    for (auto const& e : events)
        kinds.push_back(e["kind"]);
    EXPECT_EQ(kinds, (std::vector<std::string>{"start", "extend", "pause", "resume", "irregularity",
                                               "void"}));
    EXPECT_EQ(call("POST", base + "/pause", token_of("thisinh02", candidate_password)).status, 403);
}

TEST_F(ExamServer, AnAnswerFileIsMergedByTheSameRulesAndOnlyOnce) {
    act(demo_exam, "open");
    act(demo_exam, "start");
    json paper;
    auto socket = join(1, demo_exam, &paper);
    auto const attempt = paper["attempt"].get<std::int64_t>();
    socket->send(answer(0, {option_ids(paper, 0)[0]}, 1));
    socket->next_of("ack");
    socket.reset(); // the network never came back; the browser saved its answers to a file
    json const file = {
        {"format", "phongthi-answers"},
        {"version", 1},
        {"exam", demo_exam},
        {"attempt", attempt},
        {"username", "thisinh01"},
        {"answers",
         {{{"n", 0}, {"choice", {option_ids(paper, 0)[0]}}, {"flag", false}, {"seq", 1}},
          {{"n", 1}, {"choice", {option_ids(paper, 1)[1]}}, {"flag", true}, {"seq", 2}},
          {{"n", 2}, {"choice", {option_ids(paper, 2)[2]}}, {"flag", false}, {"seq", 3}},
          {{"n", 3}, {"choice", {"notanid1"}}, {"flag", false}, {"seq", 4}}}}};
    auto const uploaded = call("POST", "/api/exams/1/answer-files", proctor(), file);
    ASSERT_EQ(uploaded.status, 200) << uploaded.body;
    auto const counts = json::parse(uploaded.body);
    EXPECT_EQ(counts["merged"], 2);
    EXPECT_EQ(counts["stale"], 1);
    EXPECT_EQ(counts["refused"], 1);
    auto const again = json::parse(call("POST", "/api/exams/1/answer-files", proctor(), file).body);
    EXPECT_EQ(again["merged"], 0);
    EXPECT_EQ(again["stale"], 3);

    json other = file;
    other["exam"] = 2;
    EXPECT_EQ(call("POST", "/api/exams/1/answer-files", proctor(), other).status, 400);
    // Whatever a browser wrote, a wrong type is refused, never a server error.
    for (auto const& [key, value] : std::vector<std::pair<std::string, json>>{
             {"exam", "1"}, {"version", "1"}, {"attempt", "x"}, {"format", 5}, {"answers", 5}}) {
        json broken = file;
        broken[key] = value;
        EXPECT_EQ(call("POST", "/api/exams/1/answer-files", proctor(), broken).status, 400) << key;
    }
    json odd = file;
    odd["answers"] = {5, {{"n", 1}, {"choice", json::array()}, {"flag", "yes"}, {"seq", 9}}};
    auto const refused = call("POST", "/api/exams/1/answer-files", proctor(), odd);
    ASSERT_EQ(refused.status, 200) << refused.body;
    EXPECT_EQ(json::parse(refused.body)["refused"], 2);
    EXPECT_EQ(call("POST", "/api/exams/1/answer-files", candidate(1), file).status, 403);

    json back;
    auto rejoined = join(1, demo_exam, &back);
    ASSERT_EQ(back["answers"].size(), 3u);
    EXPECT_EQ(back["answers"][1]["flag"], true);
    EXPECT_EQ(back["last_seq"], 3);
}

TEST_F(AnsweringExam, AnAnswerWhoseWriteFailsIsNeverAckedAndComesBackOnReplay) {
    json paper;
    auto socket = start_answering(paper);
    {
        // The database refuses question 2 (as a full disk would): the server's writer sees the
        // trigger at its next statement.
        phongthi::store::database db(data_dir() / "phongthi.db",
                                     phongthi::store::open_mode::read_write);
        db.exec("CREATE TRIGGER refuse_question_2 BEFORE INSERT ON answers WHEN NEW.position = 2 "
                "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END");
    }
    // The answer and at once its replay (a duplicate seq, acked "stale" when the first is kept).
    socket->send(answer(2, {option_ids(paper, 2)[0]}, 2));
    socket->send(answer(2, {option_ids(paper, 2)[0]}, 2));
    bool told = false;
    for (json message = socket->next(); !message.is_null(); message = socket->next()) {
        EXPECT_FALSE(message.value("t", "") == "ack" && message["seq"] == 2) << message;
        told = told || (message.value("t", "") == "error" && message["code"] == "not_saved");
    }
    EXPECT_TRUE(told) << "the candidate was not told the answer is not saved";
    {
        phongthi::store::database db(data_dir() / "phongthi.db",
                                     phongthi::store::open_mode::read_write);
        db.exec("DROP TRIGGER refuse_question_2");
    }
    json again;
    auto rejoined = join(1, demo_exam, &again);
    ASSERT_EQ(again["answers"].size(), 1u) << again["answers"];
    EXPECT_EQ(again["answers"][0]["n"], 0);
    rejoined->send(answer(2, {option_ids(paper, 2)[0]}, 2)); // the browser's replay
    EXPECT_EQ(rejoined->next_of("ack")["seq"], 2);
}

TEST_F(AnsweringExam, ASealedAnswerFileOpensOnlyWithThisServersKey) {
    json paper;
    auto socket = start_answering(paper);
    auto const key = paper["answer_file_key"];
    ASSERT_EQ(key["alg"], answer_file_crypto::algorithm);
    socket.reset();
    json const plain = {
        {"format", "phongthi-answers"},
        {"version", 1},
        {"exam", demo_exam},
        {"attempt", paper["attempt"]},
        {"username", "thisinh01"},
        {"answers",
         {{{"n", 1}, {"choice", {option_ids(paper, 1)[0]}}, {"flag", false}, {"seq", 2}}}}};
    auto const sealed = answer_file_crypto::seal(plain, key["spki"].get<std::string>());
    auto const uploaded = call("POST", "/api/exams/1/answer-files", proctor(), sealed);
    ASSERT_EQ(uploaded.status, 200) << uploaded.body;
    EXPECT_EQ(json::parse(uploaded.body)["merged"], 1);

    // Sealed to another server's key: refused, saying the data does not open.
    auto const elsewhere =
        answer_file_crypto::seal(plain, answer_file_crypto::generate().public_spki_base64);
    auto const refused = call("POST", "/api/exams/1/answer-files", proctor(), elsewhere);
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(json::parse(refused.body)["error"]["field"], "data") << refused.body;

    // The key is the server's, not the connection's: joining again carries the same one.
    json again;
    auto rejoined = join(1, demo_exam, &again);
    EXPECT_EQ(again["answer_file_key"], key);
}
