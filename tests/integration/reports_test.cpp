// Report downloads, certificates with /verify and login cards, against the demo server whose
// demo class has a graded exam from the first start.
#include "tests/integration/reports_fixture.hpp"

#include <map>
#include <regex>
#include <sstream>

using namespace phongthi::test;

namespace {

std::string const xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

} // namespace

TEST_F(ReportsServer, ClassReportComesAsXlsxCsvAndPdfNamedInAsciiAndUtf8) {
    auto const xlsx = report("class?format=xlsx", admin());
    ASSERT_EQ(xlsx.status, 200) << xlsx.body;
    EXPECT_EQ(xlsx.header("content-type"), xlsx_type);
    EXPECT_TRUE(xlsx.body.starts_with("PK"));
    EXPECT_EQ(xlsx.header("content-disposition"),
              "attachment; filename=\"bang-diem-kiem-tra-ket-thuc-khoa-hoc.xlsx\"; "
              "filename*=UTF-8''B%E1%BA%A3ng%20%C4%91i%E1%BB%83m%20-%20Ki%E1%BB%83m%20tra%20k%E1%BA"
              "%BFt%20th%C3%BAc%20kho%C3%A1%20h%E1%BB%8Dc.xlsx");

    auto const csv = report("class?format=csv", admin());
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
    EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF")) << csv.body.substr(0, 40);
    EXPECT_NE(csv.body.find("Chu Thị Ngọc Ánh"), std::string::npos);
    EXPECT_NE(csv.body.find("Chi bộ Sở Tư pháp"), std::string::npos);
    EXPECT_NE(csv.body.find("Vắng"), std::string::npos) << "two learners were absent";

    auto const pdf = report("class?format=pdf", admin());
    ASSERT_EQ(pdf.status, 200) << pdf.body;
    EXPECT_EQ(pdf.header("content-type"), "application/pdf");
    ASSERT_TRUE(pdf.body.starts_with("%PDF"));
    auto const text = pdf_text(pdf.body, data_.path());
    EXPECT_NE(text.find("Nguyễn Văn An"), std::string::npos) << text;
    EXPECT_NE(text.find("Lớp bồi dưỡng đảng viên mới"), std::string::npos) << text;

    EXPECT_EQ(report("class?format=doc", admin()).status, 400);
    EXPECT_EQ(call("GET", "/api/exams/999/reports/class", admin()).status, 404);
}

TEST_F(ReportsServer, EveryOtherReportDownloadsRightAfterTheFirstStart) {
    for (auto const& [what, type, magic] :
         {std::tuple{"units?format=pdf", "application/pdf", "%PDF"},
          std::tuple{"units?format=zip", "application/zip", "PK"},
          std::tuple{"items?format=pdf", "application/pdf", "%PDF"},
          std::tuple{"items?format=xlsx", xlsx_type.c_str(), "PK"},
          std::tuple{"certificates", "application/pdf", "%PDF"},
          std::tuple{"cards", "application/pdf", "%PDF"},
          std::tuple{"papers", "application/pdf", "%PDF"},
          std::tuple{"keys", "application/pdf", "%PDF"}}) {
        auto const result = report(what, admin());
        ASSERT_EQ(result.status, 200) << what << ": " << result.body;
        EXPECT_EQ(result.header("content-type"), type) << what;
        EXPECT_TRUE(result.body.starts_with(magic)) << what;
        EXPECT_NE(result.header("content-disposition").find("filename*=UTF-8''"), std::string::npos)
            << what;
    }
    auto const notices = pdf_text(report("units", admin()).body, data_.path());
    EXPECT_NE(notices.find("Kính gửi: Chi uỷ Chi bộ Sở Tài chính"), std::string::npos) << notices;
    auto const papers = pdf_text(report("papers", admin()).body, data_.path());
    EXPECT_NE(papers.find("101"), std::string::npos);
    EXPECT_NE(papers.find("104"), std::string::npos) << "four variants";
}

TEST_F(ReportsServer, ProctorsAndCandidatesAreRefusedWhereTheyShouldBe) {
    auto const proctor = token_of("giamthi", "giamthi2026");
    EXPECT_EQ(report("class?format=csv", proctor).status, 200);
    EXPECT_EQ(report("cards", proctor).status, 200);
    for (auto const* what : {"papers", "keys", "items", "certificates"})
        EXPECT_EQ(report(what, proctor).status, 403) << what;
    EXPECT_EQ(report("cards?reset=1", proctor).status, 403);
    auto const candidate = token_of("hv01", "hocvien2026");
    for (auto const* what : {"class", "units", "cards", "papers", "keys"})
        EXPECT_EQ(report(what, candidate).status, 403) << what;
    EXPECT_EQ(call("GET", "/api/exams/1/reports/class", "").status, 401);
}

TEST_F(ReportsServer, CertificatesAreIssuedOnceAndVerifyShowsTheHolder) {
    ASSERT_EQ(report("certificates", admin()).status, 200);
    auto const first = certificates();
    ASSERT_GT(first.size(), 20u);
    EXPECT_LT(first.size(), 38u) << "a few learners failed";
    ASSERT_EQ(report("certificates", admin()).status, 200);
    EXPECT_EQ(certificates(), first) << "the same learners keep their codes";

    auto const holder = std::find_if(first.begin(), first.end(),
                                     [](auto const& c) { return c.second == "Chu Thị Ngọc Ánh"; });
    ASSERT_NE(holder, first.end());
    auto const code = holder->first;
    EXPECT_TRUE(std::regex_match(code, std::regex("[0-9A-HJKMNP-TV-Z]{10}"))) << code;

    auto const page = http_call(port(), "GET", "/verify/" + code);
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
    EXPECT_NE(page.body.find("Chu Thị Ngọc Ánh"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("Lớp bồi dưỡng đảng viên mới"), std::string::npos);
    EXPECT_EQ(page.body.find("<script"), std::string::npos);
    std::string typed = code.substr(0, 5) + "-" + code.substr(5);
    for (auto& c : typed)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(http_call(port(), "GET", "/verify/" + typed).status, 200) << typed;

    auto const api = http_call(port(), "GET", "/api/verify/" + code);
    ASSERT_EQ(api.status, 200);
    auto const body = json::parse(api.body);
    EXPECT_EQ(body["valid"], true);
    EXPECT_EQ(body["certificate"]["full_name"], "Chu Thị Ngọc Ánh");
    EXPECT_EQ(body["certificate"]["classification"], "Giỏi");

    auto const unknown = http_call(port(), "GET", "/verify/ABCDEFGHJK");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_NE(unknown.body.find("Không xác minh được"), std::string::npos);
    EXPECT_EQ(http_call(port(), "GET", "/api/verify/ABCDEFGHJK").status, 404);
    EXPECT_EQ(http_call(port(), "GET", "/verify/%3Cscript%3E").status, 404);
}

TEST_F(ReportsServer, CardsResetGivesPasswordsToLearnersWhoNeverSignedIn) {
    ASSERT_EQ(login("hv01", "hocvien2026").status, 200); // hv01 keeps their password
    auto const cards = report("cards?reset=1", admin());
    ASSERT_EQ(cards.status, 200) << cards.body;
    // Each card is drawn in turn: its account line, then its password line.
    std::istringstream lines(pdf_text(cards.body, data_.path(), true));
    std::regex const account("Tài khoản: (hv[0-9]+)"), password("[a-z2-9]{4}-[a-z2-9]{4}");
    std::map<std::string, std::string> printed;
    std::string holder;
    for (std::string line; std::getline(lines, line);) {
        std::smatch found;
        if (std::regex_search(line, found, account))
            holder = found[1];
        else if (line.starts_with("Mật khẩu:") && std::regex_search(line, found, password))
            printed[holder] = found.str();
    }
    EXPECT_EQ(printed.size(), 39u);
    EXPECT_EQ(printed.count("hv01"), 0u) << "hv01 has signed in: a blank box";
    EXPECT_EQ(login("hv01", "hocvien2026").status, 200);
    EXPECT_EQ(login("hv02", "hocvien2026").status, 401);
    ASSERT_EQ(printed.count("hv02"), 1u);
    auto const signed_in = login("hv02", printed["hv02"]);
    ASSERT_EQ(signed_in.status, 200) << signed_in.body;
    EXPECT_EQ(json::parse(signed_in.body)["user"]["must_change_password"], true);
}

TEST_F(ReportsServer, AdminSetsTheReportHeaderAndTheCertificateTemplate) {
    json const header = {{"school", "TRƯỜNG CHÍNH TRỊ TỈNH HÀ NAM"},
                         {"place", "Phủ Lý"},
                         {"signer_name", "Trần Văn Bình"}};
    auto const lecturer = token_of("giangvien", "giangvien2026");
    EXPECT_EQ(call("PUT", "/api/settings/report-header", lecturer, header).status, 403);
    auto const put = call("PUT", "/api/settings/report-header", admin(), header);
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(json::parse(put.body)["report_header"]["school"], "TRƯỜNG CHÍNH TRỊ TỈNH HÀ NAM");
    auto const text = pdf_text(report("class?format=pdf", admin()).body, data_.path());
    EXPECT_NE(text.find("TRƯỜNG CHÍNH TRỊ TỈNH HÀ NAM"), std::string::npos) << text;
    EXPECT_NE(text.find("Phủ Lý, ngày"), std::string::npos) << text;
    EXPECT_EQ(call("PUT", "/api/settings/report-header", admin(), json{{"colour", "red"}}).status,
              400);

    auto const bad = call("PUT", "/api/settings/certificate-template", admin(),
                          json{{"body", "Đã hoàn thành {ten_khoa}"}});
    ASSERT_EQ(bad.status, 400) << bad.body;
    EXPECT_NE(bad.body.find("{ten_khoa}"), std::string::npos) << bad.body;
    auto const good = call("PUT", "/api/settings/certificate-template", admin(),
                           json{{"title", "CHỨNG NHẬN HOÀN THÀNH"},
                                {"body", "Đã hoàn thành {khoa_hoc}, xếp loại {xep_loai}."}});
    ASSERT_EQ(good.status, 200) << good.body;
    auto const printed = pdf_text(report("certificates", admin()).body, data_.path());
    EXPECT_NE(printed.find("CHỨNG NHẬN HOÀN THÀNH"), std::string::npos) << printed;
}
