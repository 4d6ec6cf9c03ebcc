// Signed result bundles: `phongthi export-results`, `verify`, `server-key` and `import-results`
// on the data directory of a demo server whose exam two candidates sat, and the API download.
#include "server/store/database.hpp"
#include "tests/integration/results_fixture.hpp"
#include "tests/support/temp_dir.hpp"

#include <csignal>
#include <fstream>
#include <sstream>

using namespace phongthi::test;

namespace {

std::string bundle_bytes_of(std::filesystem::path const& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void write_bundle_bytes(std::filesystem::path const& file, std::string const& bytes) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

/// A count from the database in `data_dir`.
std::int64_t bundle_count(std::filesystem::path const& data_dir, std::string const& sql) {
    phongthi::store::database db(data_dir / "phongthi.db", phongthi::store::open_mode::read_only);
    auto query = db.prepare(sql);
    return query.step() ? query.column_int64(0) : -1;
}

/// The first line of `text` that starts with `prefix`, without the prefix.
std::string bundle_line_after(std::string const& text, std::string const& prefix) {
    auto const at = text.find(prefix);
    if (at == std::string::npos)
        return {};
    auto const start = at + prefix.size();
    return text.substr(start, text.find('\n', start) - start);
}

} // namespace

class ResultBundle : public ResultsServer {
protected:
    /// Candidate 1 answers every question right, candidate 2 every one wrong; then the exam
    /// closes (candidate 3 is absent).
    void sit_and_close() {
        act(demo_exam, "open");
        act(demo_exam, "start");
        for (int n : {1, 2}) {
            json paper;
            auto socket = join(n, demo_exam, &paper);
            sit(*socket, paper, review_of(paper["attempt"], proctor()), n == 1);
        }
        act(demo_exam, "close");
    }

    /// `export-results --exam 1` to a file in the test's directory; returns the fingerprint.
    std::string export_bundle() {
        auto const result =
            offline({"export-results", "--exam", "1", "-o", bundle_file().string()});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return bundle_line_after(result.out, "signed by key ");
    }

    std::filesystem::path bundle_file() const { return data_.path() / "exam1.ptkq"; }

    temp_dir other_;
};

TEST_F(ResultBundle, ExportVerifyImportGiveTheSameScoresRanksAndAnswers) {
    sit_and_close();
    auto const fingerprint = export_bundle();
    ASSERT_EQ(fingerprint.size(), 95u) << fingerprint;
    auto const key = offline({"server-key"});
    ASSERT_EQ(key.exit_code, 0) << key.err;
    EXPECT_EQ(key.out, fingerprint + "\n");

    auto const verified = run_phongthi({"verify", bundle_file().string(), "--key", fingerprint});
    ASSERT_EQ(verified.exit_code, 0) << verified.err;
    EXPECT_NE(verified.out.find("chữ ký hợp lệ"), std::string::npos) << verified.out;
    EXPECT_NE(verified.out.find("ký bằng khoá " + fingerprint), std::string::npos);
    EXPECT_NE(verified.out.find("khớp khoá mong đợi"), std::string::npos);
    EXPECT_NE(verified.out.find("học viên 3, bài làm 2"), std::string::npos) << verified.out;

    auto const fresh = other_.path() / "province";
    auto const imported = run_phongthi({"import-results", bundle_file().string(), "--data",
                                        fresh.string(), "--expect-key", fingerprint});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_NE(imported.out.find("đã nhập thành bài thi 1"), std::string::npos) << imported.out;

    auto const source = json::parse(offline({"results", "1", "--json"}).out);
    auto const copy_run = run_phongthi({"results", "1", "--json", "--data", fresh.string()});
    ASSERT_EQ(copy_run.exit_code, 0) << copy_run.err;
    auto const copy = json::parse(copy_run.out);
    ASSERT_EQ(copy["rows"].size(), 3u);
    ASSERT_EQ(source["rows"].size(), 3u);
    for (std::size_t i = 0; i < 3; ++i)
        for (char const* member :
             {"username", "full_name", "birth_date", "unit_code", "unit", "list_number", "state",
              "variant", "score", "raw", "max_raw", "class_rank", "unit_rank", "time_used_ms",
              "submitted_at", "classification"})
            EXPECT_EQ(copy["rows"][i][member], source["rows"][i][member]) << i << " " << member;
    EXPECT_EQ(copy["rows"][0]["full_name"], "Phạm Thị Hoa"); // NFC bytes, as typed
    EXPECT_EQ(copy["rows"][0]["class_rank"], 1);
    EXPECT_EQ(copy["rows"][1]["class_rank"], 2);
    EXPECT_EQ(copy["rows"][2]["state"], "absent");
    EXPECT_EQ(copy["summary"], source["summary"]);
    EXPECT_EQ(copy["exam"]["state"], "closed");

    // The same answers: every option's count in the item analysis, question by question.
    auto const stats = json::parse(offline({"stats", "1", "--json"}).out);
    auto const copy_stats =
        json::parse(run_phongthi({"stats", "1", "--json", "--data", fresh.string()}).out);
    ASSERT_EQ(copy_stats["questions"].size(), stats["questions"].size());
    ASSERT_FALSE(stats["questions"].empty());
    for (std::size_t q = 0; q < stats["questions"].size(); ++q) {
        EXPECT_EQ(copy_stats["questions"][q]["stem"], stats["questions"][q]["stem"]);
        for (std::size_t o = 0; o < stats["questions"][q]["options"].size(); ++o)
            EXPECT_EQ(copy_stats["questions"][q]["options"][o]["chosen"],
                      stats["questions"][q]["options"][o]["chosen"])
                << q << " " << o;
    }

    // Twice: nothing changes.
    auto const exams = bundle_count(fresh, "SELECT count(*) FROM exams");
    auto const answers = bundle_count(fresh, "SELECT count(*) FROM answers");
    auto const users = bundle_count(fresh, "SELECT count(*) FROM users");
    auto const again =
        run_phongthi({"import-results", bundle_file().string(), "--data", fresh.string()});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("đã nhập trước đây: bài thi 1"), std::string::npos) << again.out;
    EXPECT_EQ(bundle_count(fresh, "SELECT count(*) FROM exams"), exams);
    EXPECT_EQ(bundle_count(fresh, "SELECT count(*) FROM answers"), answers);
    EXPECT_EQ(bundle_count(fresh, "SELECT count(*) FROM users"), users);
    EXPECT_GT(answers, 0);
    EXPECT_EQ(bundle_count(fresh, "SELECT count(*) FROM audit_log WHERE action = 'exam.import'"),
              1);

    // Imported learners cannot sign in until an admin sets a password; the exam is read-only.
    EXPECT_EQ(bundle_count(fresh, "SELECT count(*) FROM users WHERE password_hash = '!imported' "
                                  "AND must_change_password = 1"),
              3);
    auto const fix = run_phongthi({"exam", "fix-key", "1", "--question", "1", "--void", "drop",
                                   "--reason", "thử", "--data", fresh.string()});
    EXPECT_EQ(fix.exit_code, 1);
    EXPECT_NE(fix.err.find("read-only"), std::string::npos) << fix.err;

    // This server's own bundle is refused here.
    auto const own = offline({"import-results", bundle_file().string()});
    EXPECT_EQ(own.exit_code, 1);
    EXPECT_NE(own.err.find("chính máy chủ này"), std::string::npos) << own.err;
}

TEST_F(ResultBundle, VerifyNamesWhatIsWrong) {
    sit_and_close();
    auto const fingerprint = export_bundle();
    auto const good = bundle_bytes_of(bundle_file());
    ASSERT_GT(good.find('\n'), 3000u);
    auto const broken = data_.path() / "broken.ptkq";
    auto const verify = [&](std::vector<std::string> extra) {
        std::vector<std::string> args{"verify", broken.string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_phongthi(args);
    };

    auto flipped = good;
    flipped[1500] = static_cast<char>(flipped[1500] ^ 0x01);
    write_bundle_bytes(broken, flipped);
    auto result = verify({});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("có byte bị thay đổi trong khoảng byte 1024–2047"), std::string::npos)
        << result.err;
    result = verify({"--lang", "en"});
    EXPECT_NE(result.err.find("a byte changed in bytes 1024–2047"), std::string::npos)
        << result.err;
    auto const import_run = run_phongthi(
        {"import-results", broken.string(), "--data", (other_.path() / "province").string()});
    EXPECT_EQ(import_run.exit_code, 1);
    EXPECT_FALSE(std::filesystem::exists(other_.path() / "province" / "phongthi.db"));

    write_bundle_bytes(broken, good.substr(0, good.size() / 2));
    result = verify({});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("tệp bị cắt cụt"), std::string::npos) << result.err;

    write_bundle_bytes(broken, good);
    result = verify({"--key", "ab" + std::string(62, '0')}); // 32 bytes, typed without ':'

    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("sai khoá: tệp được ký bằng khoá " + fingerprint), std::string::npos)
        << result.err;

    auto newer = good;
    auto const trailer = newer.rfind('\n', newer.size() - 2);
    auto const version = newer.find("\"version\":1", trailer);
    ASSERT_NE(version, std::string::npos);
    newer.replace(version, 11, "\"version\":2");
    write_bundle_bytes(broken, newer);
    result = verify({});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("phiên bản gói kết quả 2 không được hỗ trợ"), std::string::npos)
        << result.err;

    // The public key file the office keeps pins the signer too.
    auto const pem = data_.path() / "server.pub.pem";
    ASSERT_EQ(offline({"server-key", "--pem", pem.string()}).exit_code, 0);
    result = run_phongthi({"verify", bundle_file().string(), "--pubkey", pem.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("khớp khoá mong đợi"), std::string::npos) << result.out;
}

TEST_F(ResultBundle, TheApiGivesTheBundleToStaffOfTheClassAndAuditsIt) {
    auto const target = "/api/exams/1/result-bundle";
    auto const open = call("GET", target, lecturer());
    EXPECT_EQ(open.status, 409) << open.body;
    sit_and_close();
    EXPECT_EQ(call("GET", target, candidate(1)).status, 403);
    auto const download = call("GET", target, lecturer());
    ASSERT_EQ(download.status, 200) << download.body;
    EXPECT_NE(download.header("content-disposition").find("ket-qua-bai-thi-1.ptkq"),
              std::string::npos);
    write_bundle_bytes(bundle_file(), download.body);
    auto const key = offline({"server-key"}).out;
    auto const verified =
        run_phongthi({"verify", bundle_file().string(), "--key", key.substr(0, key.size() - 1)});
    EXPECT_EQ(verified.exit_code, 0) << verified.err;
    EXPECT_EQ(download.header("x-bundle-key") + "\n", key);
    auto const audit = offline({"audit", "--action", "exam.export", "--json"});
    EXPECT_NE(audit.out.find("giangvien"), std::string::npos) << audit.out;
}

TEST_F(ResultBundle, TheSameExamIdFromTwoServersDoesNotCollide) {
    sit_and_close();
    auto const first = export_bundle();
    // A second classroom server with its own key and the same demo exam (id 1), closed unsat.
    server_process second(other_.path() / "second", true);
    auto const proctor_login =
        http_call(second.port(), "POST", "/api/login",
                  json{{"username", "giamthi"}, {"password", "giamthi2026"}}.dump(),
                  {{"Content-Type", "application/json"}});
    auto const token = json::parse(proctor_login.body).value("token", "");
    for (std::string action : {"open", "close"})
        ASSERT_EQ(http_call(second.port(), "POST", "/api/exams/1/" + action, "",
                            {{"Authorization", "Bearer " + token}})
                      .status,
                  200);
    auto const second_file = other_.path() / "second.ptkq";
    auto const exported = run_phongthi({"export-results", "--exam", "1", "-o", second_file.string(),
                                        "--data", (other_.path() / "second").string()});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_NE(bundle_line_after(exported.out, "signed by key "), first);

    auto const province = (other_.path() / "province").string();
    ASSERT_EQ(
        run_phongthi({"import-results", bundle_file().string(), "--data", province}).exit_code, 0);
    auto const again = run_phongthi({"import-results", second_file.string(), "--data", province});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("đã nhập thành bài thi 2"), std::string::npos) << again.out;
    auto const dir = other_.path() / "province";
    EXPECT_EQ(bundle_count(dir, "SELECT count(DISTINCT imported_from) FROM exams"), 2);
    EXPECT_EQ(bundle_count(dir, "SELECT count(*) FROM classes"), 2);
    EXPECT_EQ(bundle_count(dir, "SELECT count(*) FROM courses"), 1);
    EXPECT_EQ(bundle_count(dir, "SELECT count(*) FROM users"), 3); // matched by username
    auto const second_results =
        json::parse(run_phongthi({"results", "2", "--json", "--data", province}).out);
    EXPECT_EQ(second_results["summary"]["absent"], 3);
}

TEST_F(ResultBundle, ARotatedKeySignsNewBundlesAndTheOldPinStillChecksOldOnes) {
    sit_and_close();
    auto const old_key = export_bundle();
    auto const old_bundle = data_.path() / "old.ptkq";
    std::filesystem::rename(bundle_file(), old_bundle);
    // The running server signs with the key it read at start: rotating under it is refused.
    auto const busy = offline({"server-key", "--rotate"});
    EXPECT_EQ(busy.exit_code, 1);
    EXPECT_NE(busy.err.find("máy chủ đang chạy"), std::string::npos) << busy.err;
    EXPECT_EQ(offline({"server-key"}).out, old_key + "\n");

    ASSERT_EQ(server_.stop(SIGTERM), 0);
    auto const rotated = offline({"server-key", "--rotate"});
    ASSERT_EQ(rotated.exit_code, 0) << rotated.err;
    std::string const new_key = rotated.out.substr(0, rotated.out.size() - 1);
    EXPECT_EQ(new_key.size(), old_key.size());
    EXPECT_NE(new_key, old_key);
    EXPECT_NE(rotated.err.find("khoá cũ / old key " + old_key), std::string::npos) << rotated.err;

    EXPECT_EQ(export_bundle(), new_key);
    auto const verify = [](std::filesystem::path const& file, std::string const& key) {
        return run_phongthi({"verify", file.string(), "--key", key}).exit_code;
    };
    EXPECT_EQ(verify(bundle_file(), new_key), 0);
    EXPECT_EQ(verify(bundle_file(), old_key), 1);
    EXPECT_EQ(verify(old_bundle, old_key), 0);
    EXPECT_EQ(verify(old_bundle, new_key), 1);
    auto const audit = offline({"audit", "--action", "server_key.rotate", "--json"});
    EXPECT_NE(audit.out.find(old_key), std::string::npos) << audit.out;
}
