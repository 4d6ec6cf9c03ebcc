// `phongthi exam` and `phongthi attempt`: offline on the data directory of a running demo
// server, and live through it over HTTP.
#include "tests/integration/exam_fixture.hpp"

#include <fstream>

using namespace phongthi::test;

namespace {

std::string const demo_bank = "Bồi dưỡng lý luận chính trị cho đảng viên mới — ngân hàng mẫu";

} // namespace

class ExamCli : public ExamServer {
protected:
    /// Writes `content` to a file beside the data directory; returns its path.
    std::string write_file(std::string const& name, json const& content) {
        auto const path = data_.path() / name;
        std::ofstream(path) << content.dump();
        return path.string();
    }

    /// phongthi with `args` through the server, as `user` with `password` in the environment.
    command_result live(std::vector<std::string> args, std::string const& user = "giamthi",
                        std::string const& password = "giamthi2026") {
        args.insert(args.end(),
                    {"--server", "http://127.0.0.1:" + std::to_string(port()), "--user", user});
        return run_phongthi(args, {"PHONGTHI_PASSWORD=" + password});
    }

    /// `exam create` of a blueprint over the demo bank; returns the result.
    command_result create(json const& blueprint, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"exam",        "create",
                                      "--class",     "K01",
                                      "--title",     "Kiểm tra giữa khoá",
                                      "--bank",      demo_bank,
                                      "--blueprint", write_file("blueprint.json", blueprint)};
        args.insert(args.end(), extra.begin(), extra.end());
        return offline(args);
    }
};

TEST_F(ExamCli, CreatesShowsAndPublishesAnExamFromABlueprintFile) {
    json const blueprint = {
        {"cells",
         {{{"topic", "Lịch sử Đảng"}, {"level", "nhan_biet"}, {"count", 2}, {"points", 2}},
          {{"topic", ""}, {"level", "thong_hieu"}, {"count", 2}}}},
        {"shuffle_questions", false}};
    auto const created =
        create(blueprint, {"--settings", write_file("settings.json", {{"duration_minutes", 20}})});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    EXPECT_NE(created.out.find("created exam 3"), std::string::npos) << created.out;
    EXPECT_NE(created.out.find("check: ok"), std::string::npos) << created.out;

    auto const listed = offline({"exam", "list", "--class", "K01"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_NE(listed.out.find("Kiểm tra giữa khoá"), std::string::npos) << listed.out;
    EXPECT_NE(listed.out.find("Kiểm tra cuối khoá (thử)"), std::string::npos) << listed.out;

    auto const shown = offline({"exam", "show", "3"});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_NE(shown.out.find("state: draft"), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("2 x Lịch sử Đảng, nhan_biet, 2 points each"), std::string::npos)
        << shown.out;
    auto const as_json = json::parse(offline({"exam", "show", "3", "--json"}).out);
    EXPECT_EQ(as_json["settings"]["duration_minutes"], 20);
    EXPECT_EQ(as_json["check"]["ok"], true);
    EXPECT_EQ(as_json["blueprint"]["shuffle_questions"], false);

    auto const published = offline({"exam", "publish", "3"});
    ASSERT_EQ(published.exit_code, 0) << published.err;
    auto const after = json::parse(offline({"exam", "show", "3", "--json"}).out);
    EXPECT_EQ(after["state"], "scheduled");
    EXPECT_EQ(after["published"], true);
    // The server sees it too: the CLI wrote to the same database.
    auto const over_api = call("GET", "/api/exams/3", proctor());
    EXPECT_EQ(json::parse(over_api.body)["exam"]["state"], "scheduled") << over_api.body;
    auto const again = offline({"exam", "publish", "3"});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("only a draft"), std::string::npos) << again.err;
}

TEST_F(ExamCli, AShortPoolIsReportedAndCannotBePublished) {
    json const blueprint = {
        {"cells", {{{"topic", "Lịch sử Đảng"}, {"level", "van_dung"}, {"count", 3}}}}};
    auto const created = create(blueprint, {"--lang", "en"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    EXPECT_NE(created.out.find("3 questions needed"), std::string::npos) << created.out;
    auto const published = offline({"exam", "publish", "3"});
    EXPECT_EQ(published.exit_code, 1);
    EXPECT_NE(published.err.find("cần 3 câu"), std::string::npos) << published.err;
    EXPECT_EQ(json::parse(offline({"exam", "show", "3", "--json"}).out)["state"], "draft");
}

TEST_F(ExamCli, ABadBlueprintFileNamesTheField) {
    auto const zero = create({{"cells", {{{"level", "nhan_biet"}, {"count", 0}}}}});
    EXPECT_EQ(zero.exit_code, 1);
    EXPECT_NE(zero.err.find("blueprint.cells[0].count"), std::string::npos) << zero.err;
    auto const with_banks = create({{"bank_ids", {1}}, {"cells", json::array()}});
    EXPECT_EQ(with_banks.exit_code, 1);
    EXPECT_NE(with_banks.err.find("--bank"), std::string::npos) << with_banks.err;
    auto const no_class = offline({"exam", "create", "--class", "K99", "--title", "X", "--bank",
                                   demo_bank, "--blueprint", write_file("b.json", json::object())});
    EXPECT_EQ(no_class.exit_code, 1);
    EXPECT_NE(no_class.err.find("no class \"K99\""), std::string::npos) << no_class.err;
}

TEST_F(ExamCli, RunsTheExamThroughTheServerAndRebuildsThePaper) {
    auto const opened = live({"exam", "open", "1"});
    ASSERT_EQ(opened.exit_code, 0) << opened.err;
    json reply;
    auto socket = join(1, demo_exam, &reply);
    EXPECT_EQ(reply["t"], "waiting") << reply;
    auto const started = live({"exam", "start", "1"});
    ASSERT_EQ(started.exit_code, 0) << started.err;
    auto const paper = socket->next_of("paper");
    ASSERT_EQ(paper["t"], "paper") << paper;
    auto const attempt = std::to_string(paper["attempt"].get<std::int64_t>());
    std::string const chosen = paper["questions"][0]["options"][1]["id"];
    socket->send({{"t", "answer"}, {"n", 0}, {"choice", {chosen}}, {"flag", false}, {"seq", 1}});
    ASSERT_EQ(socket->next_of("ack")["seq"], 1);

    EXPECT_EQ(live({"exam", "pause", "1"}).exit_code, 0);
    EXPECT_EQ(live({"exam", "resume", "1"}).exit_code, 0);
    auto const extended = live({"exam", "extend", "1", "--minutes", "5", "--reason", "mất điện"});
    EXPECT_EQ(extended.exit_code, 0) << extended.err;
    auto const noted =
        live({"attempt", "irregularity", attempt, "--category", "talking", "--note", "nói chuyện"});
    EXPECT_EQ(noted.exit_code, 0) << noted.err;
    auto const refused = live({"attempt", "extend", attempt, "--minutes", "5"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("reason"), std::string::npos) << refused.err;

    auto const printed = offline({"exam", "paper", "--attempt", attempt});
    ASSERT_EQ(printed.exit_code, 0) << printed.err;
    EXPECT_NE(printed.out.find("rebuilt exactly: yes"), std::string::npos) << printed.out;
    EXPECT_NE(printed.out.find("candidate: thisinh01"), std::string::npos) << printed.out;
    EXPECT_NE(printed.out.find("\n7. ("), std::string::npos) << printed.out;
    EXPECT_NE(printed.out.find("   * "), std::string::npos) << printed.out;
    EXPECT_EQ(printed.out.find("<- chosen"), printed.out.rfind("<- chosen")) << printed.out;
    EXPECT_NE(printed.out.find("B. "), std::string::npos);
    EXPECT_LT(printed.out.find("<- chosen"), printed.out.find("\n2. (")) << printed.out;

    auto const closed = live({"exam", "close", "1"});
    EXPECT_EQ(closed.exit_code, 0) << closed.err;
    EXPECT_EQ(socket->next_of("submitted")["t"], "submitted");
}

TEST_F(ExamCli, AWrongPasswordGivesTheServersMessage) {
    auto const vi = live({"exam", "open", "1"}, "giamthi", "sai-mat-khau");
    EXPECT_EQ(vi.exit_code, 1);
    EXPECT_NE(vi.err.find("Tên đăng nhập hoặc mật khẩu không đúng"), std::string::npos) << vi.err;
    auto const en = live({"exam", "open", "1", "--lang", "en"}, "giamthi", "sai-mat-khau");
    EXPECT_NE(en.err.find("Wrong username or password"), std::string::npos) << en.err;
    auto const bad_url =
        run_phongthi({"exam", "open", "1", "--server", "ftp://127.0.0.1:1", "--user", "giamthi"},
                     {"PHONGTHI_PASSWORD=x"});
    EXPECT_NE(bad_url.exit_code, 0);
    EXPECT_NE(bad_url.err.find("https://HOST:PORT"), std::string::npos) << bad_url.err;
    auto const no_password =
        run_phongthi({"exam", "open", "1", "--server", "http://127.0.0.1:" + std::to_string(port()),
                      "--user", "giamthi"});
    EXPECT_EQ(no_password.exit_code, 1);
    EXPECT_NE(no_password.err.find("PHONGTHI_PASSWORD"), std::string::npos) << no_password.err;
}
