// Course materials through the real server: upload checks (size, type by content and by name),
// files kept under the data directory with their SHA-256, downloads by the class's candidates
// named in UTF-8, refused while they are in an exam, staff only on the courses they teach in, and
// an audited delete.
#include "tests/integration/results_fixture.hpp"

#include <xlsxwriter.h>

#include <fstream>
#include <sstream>

using namespace phongthi::test;

namespace {

std::string const small_pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n";

class MaterialTest : public ResultsServer {
protected:
    /// The course of the demo exam's class.
    std::int64_t course() {
        auto const exam = json::parse(call("GET", "/api/exams/1", lecturer()).body)["exam"];
        auto const detail = json::parse(
            call("GET", "/api/classes/" + std::to_string(exam["class_id"].get<std::int64_t>()),
                 lecturer())
                .body);
        return detail["class"]["course"]["id"].get<std::int64_t>();
    }

    http_result upload(std::string const& bytes, std::string const& query) {
        return http_call(port(), "POST",
                         "/api/courses/" + std::to_string(course()) + "/materials?" + query, bytes,
                         {{"Authorization", "Bearer " + lecturer()},
                          {"Content-Type", "application/octet-stream"}});
    }

    static std::string header_of(http_result const& result, std::string const& name) {
        for (auto const& [key, value] : result.headers)
            if (key == name)
                return value;
        return {};
    }

    /// Every file under <data>/materials.
    std::vector<std::filesystem::path> stored_files() {
        std::vector<std::filesystem::path> files;
        auto const dir = data_dir() / "materials";
        if (std::filesystem::exists(dir))
            for (auto const& entry : std::filesystem::directory_iterator(dir))
                files.push_back(entry.path());
        return files;
    }
};

/// A one-sheet XLSX workbook made with libxlsxwriter.
std::string small_xlsx(std::filesystem::path const& dir) {
    auto const file = dir / "bang.xlsx";
    lxw_workbook* book = workbook_new(file.c_str());
    worksheet_write_string(workbook_add_worksheet(book, nullptr), 0, 0, "Lịch học", nullptr);
    workbook_close(book);
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

} // namespace

TEST_F(MaterialTest, UploadsAreCheckedByContentAndNameAndKeptAsFilesWithTheirHash) {
    auto const made = upload(small_pdf, "title=Gi%C3%A1o%20tr%C3%ACnh&description=B%C3%A0i%201"
                                        "&name=Gi%C3%A1o%20tr%C3%ACnh%20b%C3%A0i%201.pdf");
    ASSERT_EQ(made.status, 201) << made.body;
    auto const material = json::parse(made.body)["material"];
    EXPECT_EQ(material["title"], "Giáo trình");
    EXPECT_EQ(material["description"], "Bài 1");
    EXPECT_EQ(material["file_name"], "Giáo trình bài 1.pdf");
    EXPECT_EQ(material["kind"], "pdf");
    EXPECT_EQ(material["size"], small_pdf.size());
    EXPECT_EQ(material["sha256"].get<std::string>().size(), 64u);
    auto const files = stored_files();
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(files[0].extension(), ".pdf");
    EXPECT_EQ(std::filesystem::file_size(files[0]), small_pdf.size());

    auto const sheet = upload(small_xlsx(data_.path()), "title=L%E1%BB%8Bch&name=lich.xlsx");
    ASSERT_EQ(sheet.status, 201) << sheet.body;
    EXPECT_EQ(json::parse(sheet.body)["material"]["kind"], "xlsx");

    auto const text = upload("chỉ là chữ", "title=X&name=ghi-chu.txt");
    EXPECT_EQ(text.status, 415);
    EXPECT_EQ(json::parse(text.body)["error"]["code"], "material_type_refused");
    auto const exe = upload(std::string("MZ\x90\0\x03\0\0\0", 8) + std::string(200, 'x'),
                            "title=X&name=bai-giang.pdf");
    EXPECT_EQ(exe.status, 415);
    EXPECT_EQ(json::parse(exe.body)["error"]["code"], "material_type_refused");
    auto const renamed = upload(small_pdf, "title=X&name=bai-giang.docx");
    EXPECT_EQ(renamed.status, 415);
    EXPECT_EQ(json::parse(renamed.body)["error"]["code"], "material_extension_mismatch");
    auto const big = upload("%PDF-" + std::string(20 * 1024 * 1024, 'x'), "title=X&name=to.pdf");
    EXPECT_EQ(big.status, 413);
    EXPECT_EQ(json::parse(big.body)["error"]["code"], "material_too_large") << big.body;
    EXPECT_NE(json::parse(big.body)["error"]["message"].get<std::string>().find("quá lớn"),
              std::string::npos);
    // Beyond what the server reads at all (the file limit and room for the form), the upload is
    // refused as its header ends, in Vietnamese too.
    auto const huge = raw_exchange(
        port(), "POST /api/courses/" + std::to_string(course()) +
                    "/materials?title=X&name=to.pdf HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                    lecturer() + "\r\nContent-Length: 40000000\r\n\r\n%PDF-");
    EXPECT_EQ(huge.rfind("HTTP/1.1 413 ", 0), 0u) << huge;
    EXPECT_NE(huge.find("quá lớn"), std::string::npos) << huge;
    EXPECT_EQ(upload(small_pdf, "name=a.pdf").status, 400);
    EXPECT_EQ(stored_files().size(), 2u);

    auto const candidate_upload =
        http_call(port(), "POST",
                  "/api/courses/" + std::to_string(course()) + "/materials?title=X&name=a.pdf",
                  small_pdf, {{"Authorization", "Bearer " + candidate(1)}});
    EXPECT_EQ(candidate_upload.status, 403);
}

TEST_F(MaterialTest, CandidatesOfTheCourseDownloadButNeverDuringAnExam) {
    auto const made =
        upload(small_pdf, "title=Gi%C3%A1o%20tr%C3%ACnh&name=Gi%C3%A1o%20tr%C3%ACnh.pdf");
    ASSERT_EQ(made.status, 201) << made.body;
    auto const id = json::parse(made.body)["material"]["id"].get<std::int64_t>();
    std::string const file = "/api/materials/" + std::to_string(id) + "/file";

    auto const mine = json::parse(call("GET", "/api/my/materials", candidate(1)).body);
    EXPECT_EQ(mine["during_exam"], false);
    ASSERT_EQ(mine["materials"].size(), 1u);
    auto const got = call("GET", file, candidate(1));
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(got.body, small_pdf);
    EXPECT_EQ(header_of(got, "content-type"), "application/pdf");
    EXPECT_NE(header_of(got, "content-disposition").find("filename*=UTF-8''Gi%C3%A1o"),
              std::string::npos)
        << header_of(got, "content-disposition");

    act(demo_exam, "open");
    auto const refused = call("GET", file, candidate(1));
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(json::parse(refused.body)["error"]["code"], "material_during_exam");
    EXPECT_NE(json::parse(refused.body)["error"]["message"].get<std::string>().find("bài thi"),
              std::string::npos);
    auto const hidden = json::parse(call("GET", "/api/my/materials", candidate(1)).body);
    EXPECT_EQ(hidden["during_exam"], true);
    EXPECT_TRUE(hidden["materials"].empty());
    EXPECT_EQ(call("GET", file, lecturer()).status, 200); // staff are not sitting the exam
}

TEST_F(MaterialTest, StaffActOnlyOnTheMaterialsOfCoursesTheyTeachIn) {
    std::string const admin = token_of("admin", admin_password);
    auto const course = call("POST", "/api/courses", admin,
                             {{"code", "C-KHAC"}, {"name", "Khoá khác"}, {"kind", "update"}});
    ASSERT_EQ(course.status, 201) << course.body;
    auto const course_id = json::parse(course.body)["course"]["id"].get<std::int64_t>();
    auto const made_class =
        call("POST", "/api/classes", admin,
             {{"course_id", course_id}, {"code", "KHAC"}, {"name", "Lớp khác"}});
    ASSERT_EQ(made_class.status, 201) << made_class.body;
    auto const class_id = json::parse(made_class.body)["class"]["id"].get<std::int64_t>();
    std::string const list = "/api/courses/" + std::to_string(course_id) + "/materials";
    auto const made = http_call(port(), "POST", list + "?title=Ri%C3%AAng&name=rieng.pdf",
                                small_pdf, {{"Authorization", "Bearer " + admin}});
    ASSERT_EQ(made.status, 201) << made.body;
    std::string const material =
        "/api/materials/" + json::parse(made.body)["material"]["id"].dump();

    // The demo lecturer and proctor staff only the demo class, of another course.
    auto const refused = call("GET", list, lecturer());
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(json::parse(refused.body)["error"]["code"], "not_course_staff");
    EXPECT_NE(json::parse(refused.body)["error"]["message"].get<std::string>().find(
                  "không phụ trách lớp nào của khoá học này"),
              std::string::npos)
        << refused.body;
    EXPECT_EQ(http_call(port(), "POST", list + "?title=X&name=x.pdf", small_pdf,
                        {{"Authorization", "Bearer " + lecturer()}})
                  .status,
              403);
    EXPECT_EQ(call("GET", material + "/file", lecturer()).status, 403);
    EXPECT_EQ(call("GET", material + "/file", token_of("giamthi", "giamthi2026")).status, 403);
    EXPECT_EQ(call("DELETE", material, lecturer()).status, 403);
    EXPECT_EQ(stored_files().size(), 1u);

    // Staffing any class of the course opens its materials.
    ASSERT_EQ(call("POST", "/api/classes/" + std::to_string(class_id) + "/staff", admin,
                   {{"username", "giangvien"}, {"duty", "lecturer"}})
                  .status,
              200);
    auto const listed = call("GET", list, lecturer());
    ASSERT_EQ(listed.status, 200) << listed.body;
    EXPECT_EQ(json::parse(listed.body)["materials"].size(), 1u);
    EXPECT_EQ(call("GET", material + "/file", lecturer()).body, small_pdf);
    EXPECT_EQ(call("DELETE", material, lecturer()).status, 200);
}

TEST_F(MaterialTest, TheCliAddsListsGetsAndRemovesWithTheSameChecks) {
    std::string code;
    auto const courses = json::parse(call("GET", "/api/courses", lecturer()).body);
    for (auto const& c : courses["courses"])
        if (c["id"] == course())
            code = c["code"];
    ASSERT_FALSE(code.empty()) << courses;
    std::string const data = data_dir().string();
    auto const pdf = data_.path() / "Giáo trình.pdf";
    std::ofstream(pdf, std::ios::binary) << small_pdf;

    auto const added = run_phongthi(
        {"material", "add", code, pdf.string(), "--title", "Giáo trình", "--data", data});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    EXPECT_NE(added.out.find("Giáo trình (Giáo trình.pdf, pdf, " +
                             std::to_string(small_pdf.size()) + " B)"),
              std::string::npos)
        << added.out;
    auto const listed = run_phongthi({"material", "list", code, "--json", "--data", data});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    auto const materials = json::parse(listed.out);
    ASSERT_EQ(materials.size(), 1u) << listed.out;
    auto const id = materials[0]["id"].get<std::int64_t>();
    // The running server serves it to the course's candidates.
    auto const got = call("GET", "/api/materials/" + std::to_string(id) + "/file", candidate(1));
    EXPECT_EQ(got.body, small_pdf);
    auto const out = data_.path() / "ban-sao.pdf";
    ASSERT_EQ(
        run_phongthi({"material", "get", std::to_string(id), "-o", out.string(), "--data", data})
            .exit_code,
        0);
    std::ifstream in(out, std::ios::binary);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), small_pdf);

    auto const renamed = data_.path() / "bai-giang.docx";
    std::ofstream(renamed, std::ios::binary) << small_pdf;
    auto const refused =
        run_phongthi({"material", "add", code, renamed.string(), "--title", "X", "--data", data});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("bai-giang.docx [file]: Đuôi tên tệp không khớp với nội dung tệp"),
              std::string::npos)
        << refused.err;
    auto const no_course =
        run_phongthi({"material", "add", "KHONG-CO", pdf.string(), "--title", "X", "--data", data});
    EXPECT_NE(no_course.err.find("no course \"KHONG-CO\""), std::string::npos) << no_course.err;
    EXPECT_EQ(stored_files().size(), 1u);

    auto const removed = run_phongthi({"material", "remove", std::to_string(id), "--data", data});
    ASSERT_EQ(removed.exit_code, 0) << removed.err;
    EXPECT_TRUE(stored_files().empty());
    auto const audit = json::parse(
        call("GET", "/api/audit?action=material.", token_of("admin", admin_password)).body)["rows"];
    ASSERT_EQ(audit.size(), 2u) << audit;
    EXPECT_EQ(audit[0]["action"], "material.delete");
    EXPECT_EQ(audit[1]["action"], "material.upload");
}

TEST_F(MaterialTest, ADeleteRemovesTheFileAndIsAudited) {
    auto const made = upload(small_pdf, "title=Cu&name=cu.pdf");
    ASSERT_EQ(made.status, 201) << made.body;
    auto const id = json::parse(made.body)["material"]["id"].get<std::int64_t>();
    ASSERT_EQ(stored_files().size(), 1u);
    ASSERT_EQ(call("DELETE", "/api/materials/" + std::to_string(id), lecturer()).status, 200);
    EXPECT_TRUE(stored_files().empty());
    EXPECT_EQ(call("GET", "/api/materials/" + std::to_string(id) + "/file", lecturer()).status,
              404);
    EXPECT_EQ(call("DELETE", "/api/materials/" + std::to_string(id), lecturer()).status, 404);

    auto const audit = json::parse(
        call("GET", "/api/audit?action=material.", token_of("admin", admin_password)).body)["rows"];
    std::string actions;
    for (auto const& row : audit)
        actions += row["action"].get<std::string>() + " ";
    EXPECT_NE(actions.find("material.upload"), std::string::npos) << actions;
    EXPECT_NE(actions.find("material.delete"), std::string::npos) << actions;
}

TEST_F(MaterialTest, BackupsCarryTheMaterialsAndARestoreOnASparePcBringsThemBack) {
    auto const made = upload(small_pdf, "title=T%C3%A0i%20li%E1%BB%87u&name=tai-lieu.pdf");
    ASSERT_EQ(made.status, 201) << made.body;
    auto const id = json::parse(made.body)["material"]["id"].get<std::int64_t>();
    // A backup onto a "USB stick": the database file and, beside it, the materials folder.
    temp_dir usb;
    auto const backup = usb / "phongthi-sao-luu.db";
    auto const saved = offline({"backup", "--to", backup.string()});
    ASSERT_EQ(saved.exit_code, 0) << saved.err;
    EXPECT_NE(saved.out.find("added 1 course material files"), std::string::npos) << saved.out;
    ASSERT_EQ(std::filesystem::exists(usb / "materials" / stored_files().at(0).filename()), true);
    // A second backup copies nothing again.
    auto const again = offline({"backup", "--to", (usb / "lan-2.db").string()});
    EXPECT_EQ(again.out.find("course material"), std::string::npos) << again.out;

    // The spare PC: an empty data directory, restored from the stick, then served.
    temp_dir spare;
    auto const restored =
        run_phongthi({"restore", backup.string(), "--yes", "--data", (spare / "data").string()});
    ASSERT_EQ(restored.exit_code, 0) << restored.err;
    EXPECT_NE(restored.out.find("course materials: 1"), std::string::npos) << restored.out;
    server_process server(spare / "data", false);
    auto const token_reply =
        http_call(server.port(), "POST", "/api/login",
                  json{{"username", "giangvien"}, {"password", "giangvien2026"}}.dump(),
                  {{"Content-Type", "application/json"}});
    ASSERT_EQ(token_reply.status, 200) << token_reply.body;
    auto const file = http_call(
        server.port(), "GET", "/api/materials/" + std::to_string(id) + "/file", {},
        {{"Authorization", "Bearer " + json::parse(token_reply.body)["token"].get<std::string>()}});
    EXPECT_EQ(file.status, 200);
    EXPECT_EQ(file.body, small_pdf);
}
