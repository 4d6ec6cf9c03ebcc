// Courses, classes and roster import through the real server and the CLI.
#include "tests/integration/fixture.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace phongthi::test;

namespace {

std::string const bom = "\xEF\xBB\xBF";

// A class list as a Vietnamese office saves it from Excel: BOM, ';', CRLF, a title row.
std::string const roster_csv = bom + "DANH SÁCH HỌC VIÊN LỚP BỒI DƯỠNG ĐẢNG VIÊN MỚI;;;;;\r\n"
                                     "STT;Họ và tên;Ngày sinh;Giới tính;Đơn vị;Chức vụ\r\n"
                                     "1;Nguyễn Văn An;05/03/1985;Nam;CB-VP;Chuyên viên\r\n"
                                     "2;Đặng Thị Đào;1/2/1990;Nữ;Chi bộ Sở Y tế;\r\n";

class ClassesTest : public DemoServer {
protected:
    ClassesTest() : admin_(token_of("admin", admin_password)) {}

    /// A new course and class; returns the class id.
    std::int64_t make_class(std::string const& code) {
        auto const course = call("POST", "/api/courses", admin_,
                                 {{"code", "C-" + code},
                                  {"name", "Bồi dưỡng lý luận chính trị " + code},
                                  {"kind", "new_member"},
                                  {"starts_on", "2026-03-02"},
                                  {"ends_on", "2026-03-09"}});
        EXPECT_EQ(course.status, 201) << course.body;
        auto const made = call("POST", "/api/classes", admin_,
                               {{"course_id", json::parse(course.body)["course"]["id"]},
                                {"code", code},
                                {"name", "Lớp " + code},
                                {"unit_code", "DBK"}});
        EXPECT_EQ(made.status, 201) << made.body;
        return json::parse(made.body)["class"]["id"].get<std::int64_t>();
    }

    http_result upload(std::int64_t id, std::string const& bytes, std::string const& query,
                       std::string const& token) {
        return http_call(
            port(), "POST", "/api/classes/" + std::to_string(id) + "/roster?" + query, bytes,
            {{"Authorization", "Bearer " + token}, {"Content-Type", "application/octet-stream"}});
    }

    json class_of(std::int64_t id) {
        auto const got = call("GET", "/api/classes/" + std::to_string(id), admin_);
        EXPECT_EQ(got.status, 200) << got.body;
        return json::parse(got.body)["class"];
    }

    std::string admin_;
};

std::string file_bytes(std::filesystem::path const& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

} // namespace

TEST_F(ClassesTest, AdminCreatesCoursesAndClassesAndStaffThemAndTheAuditSaysSo) {
    std::int64_t const id = make_class("K1");
    auto const duplicate = call("POST", "/api/courses", admin_,
                                {{"code", "C-K1"}, {"name", "Trùng"}, {"kind", "update"}});
    EXPECT_EQ(duplicate.status, 409);
    EXPECT_EQ(json::parse(duplicate.body)["error"]["code"], "course_code_taken");
    auto const bad_kind =
        call("POST", "/api/courses", admin_, {{"code", "X"}, {"name", "X"}, {"kind", "vui"}});
    EXPECT_EQ(json::parse(bad_kind.body)["error"]["field"], "kind");

    auto const staffed = call("POST", "/api/classes/" + std::to_string(id) + "/staff", admin_,
                              {{"username", "giamthi"}, {"duty", "proctor"}});
    ASSERT_EQ(staffed.status, 200) << staffed.body;
    auto const learner_as_staff = call("POST", "/api/classes/" + std::to_string(id) + "/staff",
                                       admin_, {{"username", "thisinh01"}, {"duty", "proctor"}});
    EXPECT_EQ(json::parse(learner_as_staff.body)["error"]["code"], "not_staff");
    auto const detail = class_of(id);
    EXPECT_EQ(detail["unit_code"], "DBK");
    ASSERT_EQ(detail["staff"].size(), 1u);
    EXPECT_EQ(detail["staff"][0]["duty"], "proctor");
    std::int64_t const proctor = detail["staff"][0]["user_id"].get<std::int64_t>();
    auto const removed = call("DELETE",
                              "/api/classes/" + std::to_string(id) + "/staff/" +
                                  std::to_string(proctor) + "/proctor",
                              admin_);
    EXPECT_EQ(removed.status, 200) << removed.body;
    EXPECT_TRUE(class_of(id)["staff"].empty());

    auto const audit = call("GET", "/api/audit?action=class.", admin_);
    ASSERT_EQ(audit.status, 200) << audit.body;
    json const rows = json::parse(audit.body)["rows"];
    std::string actions;
    for (auto const& row : rows)
        actions += row["action"].get<std::string>() + " ";
    EXPECT_NE(actions.find("class.create"), std::string::npos) << actions;
    EXPECT_NE(actions.find("class.staff_add"), std::string::npos) << actions;
    EXPECT_NE(actions.find("class.staff_remove"), std::string::npos) << actions;
}

TEST_F(ClassesTest, ADryRunReportsWhatWouldHappenAndWritesNothing) {
    std::int64_t const id = make_class("K2");
    auto const dry = upload(id, roster_csv, "format=csv&dry_run=1", admin_);
    ASSERT_EQ(dry.status, 200) << dry.body;
    auto const report = json::parse(dry.body);
    EXPECT_EQ(report["summary"]["created"], 2);
    EXPECT_EQ(report["rows"][1]["username"], "dangthidao");
    EXPECT_FALSE(report.contains("accounts"));
    EXPECT_TRUE(class_of(id)["enrollments"].empty());
    EXPECT_EQ(login("dangthidao", "whatever").status, 401);
}

TEST_F(ClassesTest, ARosterWithErrorsIsRefusedNamingTheRowAndField) {
    std::int64_t const id = make_class("K3");
    std::string const bad = roster_csv + "3;Hoàng Văn Em;31/02/1991;Nam;Chi bộ Không Có;\r\n";
    auto const refused = upload(id, bad, "format=csv", admin_);
    ASSERT_EQ(refused.status, 422) << refused.body;
    auto const error = json::parse(refused.body)["error"];
    EXPECT_EQ(error["code"], "roster_has_errors");
    std::vector<std::pair<int, std::string>> found;
    for (auto const& p : error["problems"])
        if (p["level"] == "error")
            found.emplace_back(p["row"].get<int>(), p["field"].get<std::string>());
    EXPECT_EQ(found, (std::vector<std::pair<int, std::string>>{{5, "birth_date"}}));
    EXPECT_TRUE(class_of(id)["enrollments"].empty());
    EXPECT_EQ(login("nguyenvanan", "whatever").status, 401);
}

TEST_F(ClassesTest, ImportCreatesAccountsThatMustChangePasswordAndReimportUpdates) {
    std::int64_t const id = make_class("K4");
    auto const imported = upload(id, roster_csv, "format=csv", admin_);
    ASSERT_EQ(imported.status, 200) << imported.body;
    auto const report = json::parse(imported.body);
    ASSERT_EQ(report["accounts"].size(), 2u);
    std::string const username = report["accounts"][0]["username"];
    std::string const password = report["accounts"][0]["initial_password"];
    EXPECT_EQ(username, "nguyenvanan");
    EXPECT_GE(password.size(), 8u);
    EXPECT_EQ(password.find_first_of("0O1lI"), std::string::npos);
    auto const signed_in = login(username, password);
    ASSERT_EQ(signed_in.status, 200) << signed_in.body;
    EXPECT_TRUE(json::parse(signed_in.body)["user"]["must_change_password"]);

    auto learners = class_of(id)["enrollments"];
    ASSERT_EQ(learners.size(), 2u);
    EXPECT_EQ(learners[1]["full_name"], "Đặng Thị Đào");
    EXPECT_EQ(learners[1]["birth_date"], "1990-02-01");
    EXPECT_EQ(learners[1]["gender"], "female");
    EXPECT_EQ(learners[1]["unit_code"], "CB-YT");

    // The updated list: An has a new position, Đào is written in capitals with an ISO date.
    std::string const updated = bom + "STT;Họ và tên;Ngày sinh;Giới tính;Đơn vị;Chức vụ\r\n"
                                      "1;Nguyễn Văn An;05/03/1985;Nam;CB-VP;Phó Bí thư chi bộ\r\n"
                                      "2;ĐẶNG THỊ ĐÀO;1990-02-01;Nữ;CB-YT;\r\n";
    auto const again = upload(id, updated, "format=csv", admin_);
    ASSERT_EQ(again.status, 200) << again.body;
    auto const summary = json::parse(again.body)["summary"];
    EXPECT_EQ(summary["created"], 0);
    EXPECT_EQ(summary["updated"], 2);
    EXPECT_TRUE(json::parse(again.body)["accounts"].empty());
    learners = class_of(id)["enrollments"];
    ASSERT_EQ(learners.size(), 2u);
    EXPECT_EQ(learners[0]["position"], "Phó Bí thư chi bộ");
    EXPECT_EQ(learners[1]["full_name"], "ĐẶNG THỊ ĐÀO");
    EXPECT_EQ(login(username, password).status, 200); // the password was not reset

    auto const third = upload(id, updated, "format=csv", admin_);
    EXPECT_EQ(json::parse(third.body)["summary"]["unchanged"], 2);
}

TEST_F(ClassesTest, AnXlsxRosterWithExcelDatesIsImported) {
    std::int64_t const id = make_class("K5");
    std::filesystem::path const file = data_.path() / "lop.xlsx";
    lxw_workbook* workbook = workbook_new(file.string().c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Danh sách");
    lxw_format* date = workbook_add_format(workbook);
    format_set_num_format(date, "dd/mm/yyyy");
    char const* headers[] = {"STT",       "HỌ VÀ TÊN", "NGÀY SINH",
                             "GIỚI TÍNH", "ĐƠN VỊ",    "SỐ ĐIỆN THOẠI"};
    for (lxw_col_t c = 0; c < 6; ++c)
        worksheet_write_string(sheet, 0, c, headers[c], nullptr);
    worksheet_write_number(sheet, 1, 0, 1, nullptr);
    worksheet_write_string(sheet, 1, 1, "Lưu Quang Vũ", nullptr);
    lxw_datetime born{1992, 7, 14, 0, 0, 0};
    worksheet_write_datetime(sheet, 1, 2, &born, date);
    worksheet_write_string(sheet, 1, 3, "Nam", nullptr);
    worksheet_write_string(sheet, 1, 4, "cb-vp", nullptr);
    worksheet_write_number(sheet, 1, 5, 912345678, nullptr); // Excel drops the leading 0
    ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

    auto const imported = upload(id, file_bytes(file), "format=xlsx", admin_);
    ASSERT_EQ(imported.status, 200) << imported.body;
    auto const learners = class_of(id)["enrollments"];
    ASSERT_EQ(learners.size(), 1u);
    EXPECT_EQ(learners[0]["username"], "luuquangvu");
    EXPECT_EQ(learners[0]["birth_date"], "1992-07-14");
    EXPECT_EQ(learners[0]["phone"], "0912345678");
    EXPECT_EQ(learners[0]["unit_code"], "CB-VP");
}

TEST_F(ClassesTest, UnknownUnitsAreCreatedUnderTheClassOrganisationOnlyWhenAsked) {
    std::int64_t const id = make_class("K6");
    std::string const list =
        "Họ và tên,Ngày sinh,Chi bộ\nTrịnh Văn Hải,02/09/1980,Chi bộ Xã Tân Lập\n";
    auto const refused = upload(id, list, "format=csv", admin_);
    ASSERT_EQ(refused.status, 422);
    EXPECT_EQ(json::parse(refused.body)["error"]["problems"][0]["code"], "unknown_unit");
    auto const imported = upload(id, list, "format=csv&create_units=1", admin_);
    ASSERT_EQ(imported.status, 200) << imported.body;
    auto const units = json::parse(call("GET", "/api/units", admin_).body)["units"];
    auto const made = std::find_if(units.begin(), units.end(),
                                   [](json const& u) { return u["name"] == "Chi bộ Xã Tân Lập"; });
    ASSERT_NE(made, units.end());
    EXPECT_EQ((*made)["parent_code"], "DBK");
}

TEST_F(ClassesTest, AProctorReadsClassesButCannotChangeThem) {
    std::int64_t const id = make_class("K7");
    std::string const proctor = token_of("giamthi", "giamthi2026");
    // Staff read the classes they run (see LecturersAndProctorsActOnly… below).
    ASSERT_EQ(call("POST", "/api/classes/" + std::to_string(id) + "/staff", admin_,
                   {{"username", "giamthi"}, {"duty", "proctor"}})
                  .status,
              200);
    EXPECT_EQ(call("GET", "/api/classes/" + std::to_string(id), proctor).status, 200);
    EXPECT_EQ(call("GET", "/api/courses", proctor).status, 200);
    EXPECT_EQ(upload(id, roster_csv, "format=csv", proctor).status, 403);
    EXPECT_EQ(
        call("POST", "/api/courses", proctor, {{"code", "X1"}, {"name", "X"}, {"kind", "update"}})
            .status,
        403);
    EXPECT_EQ(call("POST", "/api/classes/" + std::to_string(id) + "/enrollments", proctor,
                   {{"username", "thisinh01"}})
                  .status,
              403);
    EXPECT_TRUE(class_of(id)["enrollments"].empty());
}

TEST_F(ClassesTest, AdminEnrollsAndWithdrawsAnExistingAccount) {
    std::int64_t const id = make_class("K8");
    auto const enrolled = call("POST", "/api/classes/" + std::to_string(id) + "/enrollments",
                               admin_, {{"username", "thisinh01"}});
    ASSERT_EQ(enrolled.status, 200) << enrolled.body;
    auto const learner = json::parse(enrolled.body)["class"]["enrollments"][0];
    EXPECT_EQ(learner["list_number"], 1);
    auto const withdrawn =
        call("POST",
             "/api/classes/" + std::to_string(id) + "/enrollments/" +
                 std::to_string(learner["user_id"].get<std::int64_t>()) + "/withdraw",
             admin_);
    ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
    EXPECT_EQ(json::parse(withdrawn.body)["class"]["enrollments"][0]["status"], "withdrawn");
    EXPECT_EQ(json::parse(withdrawn.body)["class"]["learners"], 0);
    auto const unknown = call("POST", "/api/classes/" + std::to_string(id) + "/enrollments", admin_,
                              {{"username", "khongco"}});
    EXPECT_EQ(json::parse(unknown.body)["error"]["code"], "unknown_account");
}

TEST_F(ClassesTest, TheCliImportsARosterTheServerThenServes) {
    std::int64_t const id = make_class("K9");
    std::filesystem::path const list = data_.path() / "lop.csv";
    std::filesystem::path const passwords = data_.path() / "matkhau.csv";
    std::ofstream(list, std::ios::binary) << roster_csv;
    std::string const data = data_dir().string();
    auto const dry = run_phongthi(
        {"roster", "import", list.string(), "--class", "K9", "--dry-run", "--data", data});
    EXPECT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_NE(dry.out.find("created 2"), std::string::npos) << dry.out;
    EXPECT_TRUE(class_of(id)["enrollments"].empty());
    auto const done = run_phongthi({"roster", "import", list.string(), "--class", "C-K9/K9",
                                    "--passwords-out", passwords.string(), "--data", data});
    ASSERT_EQ(done.exit_code, 0) << done.err;
    std::string const written = file_bytes(passwords);
    EXPECT_TRUE(written.starts_with(bom + "STT,Họ và tên,Ngày sinh")) << written;
    auto const line = written.find("nguyenvanan,");
    ASSERT_NE(line, std::string::npos) << written;
    std::string const password =
        written.substr(line + 12, written.find_first_of("\r\n", line) - line - 12);
    EXPECT_EQ(login("nguyenvanan", password).status, 200);
    EXPECT_EQ(class_of(id)["enrollments"].size(), 2u);

    auto const shown = run_phongthi({"class", "show", "K9", "--data", data});
    EXPECT_NE(shown.out.find("Đặng Thị Đào"), std::string::npos) << shown.out;
    std::string const bad = roster_csv + "3;Hoàng Văn Em;31/02/1991;Nam;CB-VP;\r\n";
    std::ofstream(list, std::ios::binary) << bad;
    auto const refused =
        run_phongthi({"roster", "import", list.string(), "--class", "K9", "--data", data});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.out.find("error row 5 [birth_date]"), std::string::npos) << refused.out;
}

TEST_F(ClassesTest, TheCliStaffsAClassAndTheLecturerThenActsOnIt) {
    std::int64_t const id = make_class("K8");
    std::string const data = data_dir().string();
    std::string const lecturer = token_of("giangvien", "giangvien2026");
    std::string const base = "/api/classes/" + std::to_string(id);
    EXPECT_EQ(call("GET", base, lecturer).status, 403);

    auto const added = run_phongthi(
        {"class", "staff", "K8", "--username", "giangvien", "--duty", "lecturer", "--data", data});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    EXPECT_EQ(added.out, "giangvien is now lecturer of K8\n");
    EXPECT_EQ(call("GET", base, lecturer).status, 200);
    ASSERT_EQ(class_of(id)["staff"].size(), 1u);
    EXPECT_EQ(class_of(id)["staff"][0]["duty"], "lecturer");

    auto const candidate = run_phongthi(
        {"class", "staff", "K8", "--username", "thisinh01", "--duty", "proctor", "--data", data});
    EXPECT_NE(candidate.exit_code, 0);
    EXPECT_NE(candidate.err.find("thisinh01 is a candidate, not staff"), std::string::npos)
        << candidate.err;
    auto const bad_duty = run_phongthi(
        {"class", "staff", "K8", "--username", "giamthi", "--duty", "boss", "--data", data});
    EXPECT_NE(bad_duty.exit_code, 0);
    EXPECT_NE(bad_duty.err.find("--duty must be lecturer, proctor or homeroom"), std::string::npos)
        << bad_duty.err;

    auto const removed = run_phongthi({"class", "staff", "K8", "--username", "giangvien", "--duty",
                                       "lecturer", "--remove", "--data", data});
    ASSERT_EQ(removed.exit_code, 0) << removed.err;
    EXPECT_EQ(call("GET", base, lecturer).status, 403);
    auto const again = run_phongthi({"class", "staff", "K8", "--username", "giangvien", "--duty",
                                     "lecturer", "--remove", "--data", data});
    EXPECT_NE(again.exit_code, 0);
    EXPECT_NE(again.err.find("giangvien is not lecturer of K8"), std::string::npos) << again.err;

    auto const audit = json::parse(call("GET", "/api/audit?action=class.", admin_).body);
    std::string actions;
    for (auto const& row : audit["rows"])
        actions += row["action"].get<std::string>() + " ";
    EXPECT_EQ(actions, "class.staff_remove class.staff_add class.create ") << audit;
}

TEST_F(ClassesTest, TheCliUpdatesACourseAndAClass) {
    std::int64_t const id = make_class("K6");
    std::string const data = data_dir().string();
    auto const course = run_phongthi({"course", "update", "C-K6", "--name", "Bồi dưỡng cấp ủy",
                                      "--kind", "cell_secretary", "--data", data});
    ASSERT_EQ(course.exit_code, 0) << course.err;
    auto const courses = json::parse(call("GET", "/api/courses", admin_).body);
    std::string kind;
    for (auto const& c : courses["courses"])
        if (c["code"] == "C-K6")
            kind = c["kind"];
    EXPECT_EQ(kind, "cell_secretary") << courses;
    auto const late = run_phongthi(
        {"course", "update", "C-K6", "--ends", "2026-01-01", "--data", data}); // before its start
    EXPECT_NE(late.exit_code, 0);

    auto const updated = run_phongthi({"class", "update", "K6", "--name", "Lớp K6 (chiều)",
                                       "--room", "Phòng máy 1", "--data", data});
    ASSERT_EQ(updated.exit_code, 0) << updated.err;
    EXPECT_EQ(class_of(id)["name"], "Lớp K6 (chiều)");
    EXPECT_EQ(class_of(id)["unit_code"], "DBK") << "what is not given stays";
    EXPECT_FALSE(class_of(id)["room"].is_null()) << class_of(id);
    ASSERT_EQ(
        run_phongthi({"class", "update", "K6", "--room", "none", "--unit", "none", "--data", data})
            .exit_code,
        0);
    EXPECT_TRUE(class_of(id)["room"].is_null()) << class_of(id);
    EXPECT_TRUE(class_of(id)["unit_code"].is_null()) << class_of(id);
    auto const no_room =
        run_phongthi({"class", "update", "K6", "--room", "Phòng không có", "--data", data});
    EXPECT_NE(no_room.err.find("no room \"Phòng không có\""), std::string::npos) << no_room.err;
}

TEST_F(ClassesTest, LecturersAndProctorsActOnlyOnTheClassesTheyAreStaffOf) {
    std::int64_t const id = make_class("K7");
    std::string const base = "/api/classes/" + std::to_string(id);
    std::string const proctor = token_of("giamthi", "giamthi2026");
    std::string const lecturer = token_of("giangvien", "giangvien2026");
    auto const refused = call("GET", base, proctor);
    EXPECT_EQ(refused.status, 403);
    auto const error = json::parse(refused.body)["error"];
    EXPECT_EQ(error["code"], "not_class_staff");
    EXPECT_NE(error["message"].get<std::string>().find("không phụ trách lớp"), std::string::npos);

    auto const banks = json::parse(call("GET", "/api/banks", admin_).body)["banks"];
    auto const created =
        call("POST", "/api/exams", admin_,
             {{"class_id", id},
              {"title", "Kiểm tra lớp K7"},
              {"settings", {{"duration_minutes", 10}}},
              {"blueprint",
               {{"bank_ids", {banks[0]["id"]}},
                {"cells", {{{"topic", ""}, {"level", "nhan_biet"}, {"count", 3}}}}}}});
    ASSERT_EQ(created.status, 201) << created.body;
    std::string const exam =
        "/api/exams/" + std::to_string(json::parse(created.body)["exam"]["id"].get<std::int64_t>());
    EXPECT_EQ(call("GET", exam, lecturer).status, 403);
    EXPECT_EQ(call("POST", exam + "/open", proctor).status, 403);
    EXPECT_EQ(call("GET", exam, admin_).status, 200);
    // Their own class's exam (the demo's) is theirs; an exam that does not exist is a 404.
    EXPECT_EQ(call("GET", "/api/exams/1", lecturer).status, 200);
    EXPECT_EQ(call("GET", "/api/exams/999999", proctor).status, 404);

    ASSERT_EQ(call("POST", base + "/staff", admin_, {{"username", "giamthi"}, {"duty", "proctor"}})
                  .status,
              200);
    EXPECT_EQ(call("GET", base, proctor).status, 200);
    EXPECT_NE(call("POST", exam + "/open", proctor).status, 403);
    EXPECT_EQ(call("GET", exam, lecturer).status, 403); // still not the lecturer's class

    // Their lists hold only their classes and those classes' exams; an admin's holds all.
    auto const listed = [&](std::string const& target, std::string const& member,
                            std::string const& token, std::int64_t wanted) {
        auto const list = json::parse(call("GET", target, token).body)[member];
        return std::any_of(list.begin(), list.end(),
                           [&](json const& item) { return item["id"] == wanted; });
    };
    auto const exam_id = std::stoll(exam.substr(exam.rfind('/') + 1));
    EXPECT_FALSE(listed("/api/classes", "classes", lecturer, id));
    EXPECT_FALSE(listed("/api/exams", "exams", lecturer, exam_id));
    EXPECT_TRUE(listed("/api/exams", "exams", lecturer, 1));
    EXPECT_TRUE(listed("/api/classes", "classes", proctor, id));
    EXPECT_TRUE(listed("/api/exams", "exams", proctor, exam_id));
    EXPECT_TRUE(listed("/api/classes", "classes", admin_, id));
    EXPECT_TRUE(listed("/api/exams", "exams", admin_, exam_id));
}
