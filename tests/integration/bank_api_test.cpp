#include "tests/integration/fixture.hpp"

#include "server/store/database.hpp"

#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <regex>

using namespace phongthi::test;

namespace {

std::string const lecturer_password = "giangvien2026";

json question(std::string stem) {
    return {{"topic", "Điều lệ Đảng"},
            {"level", "Thông hiểu"},
            {"stem", std::move(stem)},
            {"options", json::array({{{"text", "12 tháng"}, {"weight", 100}},
                                     {{"text", "6 tháng"}, {"weight", 0}}})}};
}

std::string bank_file(json questions) {
    return json{
        {"format", "phongthi-bank"}, {"name", "Tải lên"}, {"questions", std::move(questions)}}
        .dump();
}

// Every byte but letters and digits as %XX, for a query value.
std::string url_encoded(std::string_view text) {
    std::string out;
    for (char const c : text) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            out += c;
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
            out += hex;
        }
    }
    return out;
}

} // namespace

class BankApi : public DemoServer {
protected:
    BankApi() : lecturer_(token_of("giangvien", lecturer_password)) {}

    http_result upload(std::string const& target, std::string const& body) {
        return http_call(port(), "POST", target, body,
                         {{"Authorization", "Bearer " + lecturer_},
                          {"Content-Type", "application/octet-stream"}});
    }

    std::int64_t demo_bank_id() {
        auto const banks = json::parse(call("GET", "/api/banks", lecturer_).body)["banks"];
        return banks.at(0)["id"];
    }

    std::string lecturer_;
};

TEST_F(BankApi, LecturersListAndSearchTheDemoBankOthersAreRefused) {
    auto const banks = json::parse(call("GET", "/api/banks", lecturer_).body)["banks"];
    ASSERT_EQ(banks.size(), 1u);
    EXPECT_EQ(banks[0]["question_count"], 12);
    EXPECT_EQ(call("GET", "/api/banks", token_of("thisinh01", candidate_password)).status, 403);
    EXPECT_EQ(call("GET", "/api/banks", token_of("giamthi", "giamthi2026")).status, 403);

    std::string const base = "/api/banks/" + std::to_string(demo_bank_id()) + "/questions";
    auto const all = json::parse(call("GET", base, lecturer_).body)["questions"];
    EXPECT_EQ(all.size(), 12u);
    // Text search ignores case, Vietnamese capitals included; filters combine.
    auto const found =
        json::parse(call("GET", base + "?q=CHI%20B%E1%BB%98", lecturer_).body)["questions"];
    EXPECT_EQ(found.size(), 5u); // three stems about the cell, one more stem and one option name it
    auto const understood = json::parse(
        call("GET",
             base + "?level=thong_hieu&topic=%C4%90i%E1%BB%81u%20l%E1%BB%87%20%C4%90%E1%BA%A3ng",
             lecturer_)
            .body)["questions"];
    EXPECT_EQ(understood.size(), 2u);
    EXPECT_EQ(call("GET", base + "?level=kho", lecturer_).status, 400);
    EXPECT_EQ(call("GET", "/api/banks/999/questions", lecturer_).status, 404);
    auto const bank =
        json::parse(call("GET", "/api/banks/" + std::to_string(demo_bank_id()), lecturer_).body);
    EXPECT_EQ(bank["bank"]["question_count"], 12);
    EXPECT_EQ(all[0]["code"], "LSD-01");
    EXPECT_TRUE(all[0]["id"].is_number());
}

TEST_F(BankApi, EditingMakesANewRevisionAndKeepsTheOldOne) {
    std::string const base = "/api/banks/" + std::to_string(demo_bank_id()) + "/questions";
    auto const created = call("POST", base, lecturer_, question("Thời gian dự bị là bao lâu?"));
    ASSERT_EQ(created.status, 201) << created.body;
    auto const q = json::parse(created.body)["question"];
    EXPECT_EQ(q["revision"], 1);
    EXPECT_EQ(q["level"], "thong_hieu");
    std::string const item = "/api/questions/" + std::to_string(q["id"].get<std::int64_t>());

    auto const edited =
        call("PUT", item, lecturer_, question("Thời gian dự bị của đảng viên là bao lâu?"));
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(json::parse(edited.body)["question"]["revision"], 2);
    EXPECT_EQ(json::parse(call("GET", item, lecturer_).body)["question"]["stem"],
              "Thời gian dự bị của đảng viên là bao lâu?");

    phongthi::store::database db(data_dir() / "phongthi.db", phongthi::store::open_mode::read_only);
    auto stems =
        db.prepare("SELECT stem FROM question_revisions WHERE question_id = ?1 ORDER BY revision");
    stems.bind(1, q["id"].get<std::int64_t>());
    ASSERT_TRUE(stems.step());
    EXPECT_EQ(stems.column_text(0), "Thời gian dự bị là bao lâu?");

    ASSERT_EQ(call("POST", item + "/retire", lecturer_).status, 200);
    EXPECT_EQ(json::parse(call("GET", base, lecturer_).body)["questions"].size(), 12u);
    EXPECT_EQ(json::parse(call("GET", base + "?retired=1", lecturer_).body)["questions"].size(),
              13u);
    EXPECT_EQ(call("PUT", "/api/questions/99999", lecturer_, question("x?")).status, 404);
}

TEST_F(BankApi, AnInvalidQuestionIsRefusedWithTheField) {
    std::string const base = "/api/banks/" + std::to_string(demo_bank_id()) + "/questions";
    json bad = question("Một phương án?");
    bad["options"] = json::array({{{"text", "Chỉ một"}, {"weight", 100}}});
    auto const refused = call("POST", base, lecturer_, bad);
    ASSERT_EQ(refused.status, 422);
    auto const body = json::parse(refused.body);
    EXPECT_EQ(body["error"]["code"], "invalid_questions");
    EXPECT_EQ(body["errors"][0]["field"], "question.options");
    EXPECT_EQ(body["errors"][0]["code"], "option_count");
}

TEST_F(BankApi, ImportIsAllOrNothingUnlessPartial) {
    json bad = question("Câu lỗi?");
    bad["options"][0]["weight"] = 50;
    std::string const file = bank_file({question("Câu tốt một?"), bad, question("Câu tốt hai?")});

    auto const report = json::parse(upload("/api/banks/validate?filename=tai-len.json", file).body);
    EXPECT_EQ(report["questions"].size(), 2u);
    ASSERT_EQ(report["errors"].size(), 1u);
    EXPECT_EQ(report["errors"][0]["file"], "tai-len.json");
    EXPECT_EQ(report["errors"][0]["question"], 2);

    auto const refused = upload(
        "/api/banks/import?name=Ng%C3%A2n%20h%C3%A0ng%20m%E1%BB%9Bi&filename=tai-len.json", file);
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(json::parse(call("GET", "/api/banks", lecturer_).body)["banks"].size(), 1u);

    auto const partial =
        upload("/api/banks/"
               "import?name=Ng%C3%A2n%20h%C3%A0ng%20m%E1%BB%9Bi&filename=tai-len.json&partial=1",
               file);
    ASSERT_EQ(partial.status, 201) << partial.body;
    EXPECT_EQ(json::parse(partial.body)["imported"], 2);
    auto const banks = json::parse(call("GET", "/api/banks", lecturer_).body)["banks"];
    ASSERT_EQ(banks.size(), 2u);
    EXPECT_EQ(banks[1]["name"], "Ngân hàng mới");
    EXPECT_EQ(banks[1]["question_count"], 2);
}

TEST_F(BankApi, ExportReadsBackAsTheSameQuestions) {
    auto const exported = call(
        "GET", "/api/banks/" + std::to_string(demo_bank_id()) + "/export?format=json", lecturer_);
    ASSERT_EQ(exported.status, 200);
    EXPECT_NE(exported.header("content-disposition").find("attachment"), std::string::npos);
    auto const report =
        json::parse(upload("/api/banks/validate?filename=x.json", exported.body).body);
    EXPECT_EQ(report["questions"].size(), 12u);
    EXPECT_TRUE(report["errors"].empty());
    EXPECT_EQ(call("GET", "/api/banks/1/export?format=docx", lecturer_).status, 400);
}

TEST_F(BankApi, ImportIntoAnExistingBankWarnsAboutQuestionsItHolds) {
    auto const bank = json::parse(
        call("GET", "/api/banks/" + std::to_string(demo_bank_id()), lecturer_).body)["bank"];
    auto const held = json::parse(
        call("GET", "/api/banks/" + std::to_string(demo_bank_id()) + "/questions?limit=1",
             lecturer_)
            .body)["questions"][0];
    // The same stem and options, written in other case and spacing, count as the same question.
    json again = question("  " + held["stem"].get<std::string>() + "  ");
    again["options"] = held["options"];
    std::string const file = bank_file({question("Một câu hoàn toàn mới?"), again});
    auto const imported = upload("/api/banks/import?filename=them.json&name=" +
                                     url_encoded(bank["name"].get<std::string>()),
                                 file);
    ASSERT_EQ(imported.status, 201) << imported.body;
    auto const report = json::parse(imported.body);
    EXPECT_EQ(report["bank_id"], demo_bank_id());
    EXPECT_EQ(report["imported"], 2);
    ASSERT_EQ(report["warnings"].size(), 1u) << report.dump();
    EXPECT_EQ(report["warnings"][0]["code"], "duplicate_in_bank");
    EXPECT_GT(report["warnings"][0]["line"], 0);
}

TEST_F(BankApi, ReviewDownloadsAsHtmlOrPdfForStaffOnly) {
    std::string const base = "/api/banks/" + std::to_string(demo_bank_id()) + "/review";
    auto const html = call("GET", base + "?format=html", lecturer_);
    ASSERT_EQ(html.status, 200) << html.body;
    EXPECT_EQ(html.header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(html.header("content-disposition"),
              "attachment; filename=\"bank-" + std::to_string(demo_bank_id()) + "-review.html\"");
    EXPECT_NE(html.body.find("Bản in duyệt ngân hàng câu hỏi"), std::string::npos);
    EXPECT_NE(html.body.find("Câu 12"), std::string::npos);
    EXPECT_NE(html.body.find("class=\"correct\""), std::string::npos);

    auto const pdf = call("GET", base + "?format=pdf", lecturer_);
    ASSERT_EQ(pdf.status, 200) << pdf.body;
    EXPECT_EQ(pdf.header("content-type"), "application/pdf");
    EXPECT_TRUE(pdf.body.starts_with("%PDF-"));
    EXPECT_NE(pdf.header("content-disposition").find("-review.pdf\""), std::string::npos);

    EXPECT_EQ(call("GET", base + "?format=docx", lecturer_).status, 400);
    EXPECT_EQ(call("GET", "/api/banks/999/review?format=pdf", lecturer_).status, 404);
    EXPECT_EQ(call("GET", base + "?format=html", token_of("thisinh01", candidate_password)).status,
              403);
}

namespace {

/// Imports the bank "Ôn tập" of two questions into a new data directory with the CLI.
bool import_two_questions(std::filesystem::path const& dir, std::string const& data) {
    auto const file = dir / "tot.json";
    std::ofstream(file) << bank_file({question("Câu một?"), question("Câu hai?")});
    return run_phongthi({"bank", "import", file.string(), "--bank", "Ôn tập", "--data", data})
               .exit_code == 0;
}

} // namespace

TEST(BankCli, ReviewWritesHtmlOrPdf) {
    temp_dir dir;
    std::string const data = (dir.path() / "data").string();
    ASSERT_TRUE(import_two_questions(dir.path(), data));
    auto const html = dir.path() / "duyet.html";
    auto const written = run_phongthi(
        {"bank", "review", "Ôn tập", "--format", "html", "-o", html.string(), "--data", data});
    ASSERT_EQ(written.exit_code, 0) << written.err;
    std::ifstream html_in(html, std::ios::binary);
    std::string const page((std::istreambuf_iterator<char>(html_in)), {});
    EXPECT_NE(page.find("Câu hai?"), std::string::npos);
    EXPECT_NE(page.find("Ngân hàng:</b> Ôn tập"), std::string::npos);

    auto const pdf = dir.path() / "duyet.pdf";
    ASSERT_EQ(run_phongthi({"bank", "review", "Ôn tập", "--format", "pdf", "-o", pdf.string(),
                            "--data", data})
                  .exit_code,
              0);
    std::ifstream pdf_in(pdf, std::ios::binary);
    std::string const bytes((std::istreambuf_iterator<char>(pdf_in)), {});
    EXPECT_TRUE(bytes.starts_with("%PDF-"));

    EXPECT_NE(run_phongthi({"bank", "review", "Ôn tập", "--format", "docx", "-o", pdf.string(),
                            "--data", data})
                  .exit_code,
              0);
    auto const missing = run_phongthi(
        {"bank", "review", "Không có", "--format", "pdf", "-o", pdf.string(), "--data", data});
    EXPECT_NE(missing.exit_code, 0);
    EXPECT_NE(missing.err.find("no bank named"), std::string::npos);
}

TEST(BankCli, ShowsRevisesRetiresAndRestoresAStoredQuestion) {
    temp_dir dir;
    std::string const data = (dir.path() / "data").string();
    ASSERT_TRUE(import_two_questions(dir.path(), data));
    auto const shown = run_phongthi({"bank", "question", "1", "--data", data});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    json edited = json::parse(shown.out);
    EXPECT_EQ(edited["stem"], "Câu một?");
    EXPECT_EQ(edited["revision"], 1);

    edited["stem"] = "Câu một, đã sửa?";
    auto const edit = dir.path() / "sua.json";
    std::ofstream(edit) << edited;
    auto const revised =
        run_phongthi({"bank", "question", "1", "--json", edit.string(), "--data", data});
    ASSERT_EQ(revised.exit_code, 0) << revised.err;
    EXPECT_EQ(json::parse(revised.out)["stem"], "Câu một, đã sửa?");
    EXPECT_EQ(json::parse(revised.out)["revision"], 2);

    edited["options"] = json::array();
    std::ofstream(edit) << edited;
    auto const refused =
        run_phongthi({"bank", "question", "1", "--json", edit.string(), "--data", data});
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_NE(refused.err.find("nothing changed"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("sua.json"), std::string::npos) << refused.err;

    auto const retired = run_phongthi({"bank", "retire", "2", "--data", data});
    ASSERT_EQ(retired.exit_code, 0) << retired.err;
    EXPECT_EQ(json::parse(run_phongthi({"bank", "question", "2", "--data", data}).out)["retired"],
              true);
    ASSERT_EQ(run_phongthi({"bank", "restore", "2", "--data", data}).exit_code, 0);
    EXPECT_EQ(json::parse(run_phongthi({"bank", "question", "2", "--data", data}).out)["retired"],
              false);
    auto const missing = run_phongthi({"bank", "retire", "99", "--data", data});
    EXPECT_NE(missing.err.find("no question 99"), std::string::npos) << missing.err;

    auto const audit = run_phongthi({"audit", "--action", "question.", "--data", data});
    EXPECT_NE(audit.out.find("question.revise"), std::string::npos) << audit.out;
    EXPECT_NE(audit.out.find("question.retire"), std::string::npos) << audit.out;
    EXPECT_NE(audit.out.find("question.restore"), std::string::npos) << audit.out;
}

TEST(BankCli, ValidateImportListExport) {
    temp_dir dir;
    std::string const data = (dir.path() / "data").string();
    auto const good = dir.path() / "tot.json";
    auto const bad = dir.path() / "loi.json";
    std::ofstream(good) << bank_file({question("Câu một?"), question("Câu hai?")});
    json broken = question("Câu ba?");
    broken["options"] = json::array();
    std::ofstream(bad) << bank_file({question("Câu một?"), broken});

    auto const checked = run_phongthi({"bank", "validate", good.string(), "--json"});
    EXPECT_EQ(checked.exit_code, 0) << checked.err;
    auto const report = json::parse(checked.out);
    ASSERT_EQ(report["questions"].size(), 2u);
    EXPECT_EQ(report["questions"][0]["multiple"], false);
    EXPECT_EQ(report["questions"][0]["options"][0]["weight"], 100);

    auto const failed = run_phongthi({"bank", "validate", bad.string(), "--json", "--lang", "en"});
    EXPECT_EQ(failed.exit_code, 1);
    EXPECT_EQ(json::parse(failed.out)["errors"][0]["message"],
              "The question has 0 options; 2 to 10 are needed");

    auto const refused =
        run_phongthi({"bank", "import", bad.string(), "--bank", "B", "--data", data});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("loi.json"), std::string::npos);
    EXPECT_NE(refused.err.find("nothing imported"), std::string::npos);
    EXPECT_EQ(
        run_phongthi({"bank", "import", bad.string(), "--bank", "B", "--partial", "--data", data})
            .exit_code,
        0);
    auto const into_existing =
        run_phongthi({"bank", "import", good.string(), "--bank", "B", "--data", data});
    EXPECT_EQ(into_existing.exit_code, 0);
    // "Câu một?" came with the partial import already.
    EXPECT_NE(into_existing.err.find("tot.json:"), std::string::npos) << into_existing.err;
    EXPECT_NE(into_existing.err.find("Câu hỏi đã có trong ngân hàng này"), std::string::npos);
    auto const listed = run_phongthi({"bank", "list", "--data", data});
    EXPECT_TRUE(std::regex_search(listed.out, std::regex("\\s3\\s+B\\n")));

    auto const out = dir.path() / "ra.json";
    ASSERT_EQ(run_phongthi(
                  {"bank", "export", "B", "--format", "json", "-o", out.string(), "--data", data})
                  .exit_code,
              0);
    auto const again = json::parse(run_phongthi({"bank", "validate", out.string(), "--json"}).out);
    EXPECT_EQ(again["questions"].size(), 3u);
    EXPECT_EQ(again["warnings"].size(), 1u); // "Câu một?" is there twice: a duplicate
    EXPECT_EQ(run_phongthi({"bank", "validate", (dir.path() / "none.json").string()}).exit_code, 1);
}
