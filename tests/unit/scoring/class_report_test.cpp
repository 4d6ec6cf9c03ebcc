#include "scoring/class_report.hpp"

#include "tests/unit/scoring/report_test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace phongthi;
using namespace phongthi::scoring;

namespace {

// A class of `learners`: the first is Nguyễn Thị Hường (8.25, Giỏi), the second absent.
class_report party_class(int learners) {
    class_report report;
    report.header = test::party_header();
    for (int i = 0; i < learners; ++i) {
        class_report_row row;
        row.list_number = i + 1;
        row.full_name = i == 0 ? "Nguyễn Thị Hường" : "Trần Văn Đức " + std::to_string(i + 1);
        row.birth_date = "02/09/1990";
        row.unit = i % 2 == 0 ? "Chi bộ Phòng Tổ chức" : "Chi bộ Văn phòng";
        row.variant = "10" + std::to_string(i % 4 + 1);
        row.graded = i != 1;
        row.status = i == 1 ? "Vắng" : "";
        row.score = i == 0 ? 8.25 : 6.5;
        row.classification = i == 0 ? "Giỏi" : "Trung bình";
        row.rank = i == 0 ? 1 : 2;
        row.time_used_ms = i == 0 ? 1'845'000 : 3'723'000;
        report.rows.push_back(row);
    }
    report.summary = {learners,
                      learners - 1,
                      1,
                      6.57,
                      learners - 1,
                      (learners - 1.0) / learners,
                      {{"Giỏi", 1}, {"Trung bình", learners - 2}}};
    return report;
}

// A workbook opened the way Excel would: its parts and its shared strings.
struct workbook_view {
    std::map<std::string, std::string> parts;
    std::vector<std::string> strings;

    explicit workbook_view(std::string const& bytes) : parts(test::zip_entries(bytes)) {
        auto const shared = test::parse_xml(parts["xl/sharedStrings.xml"]);
        for (auto const& si : shared.child("sst").children("si"))
            strings.push_back(si.child("t").text().get());
    }

    pugi::xml_node cell(pugi::xml_document const& sheet, std::string const& ref) const {
        return sheet.find_node([&](pugi::xml_node node) {
            return std::string_view(node.name()) == "c" && node.attribute("r").value() == ref;
        });
    }

    // The cell's text: a shared string resolved, a number as written.
    std::string value(pugi::xml_document const& sheet, std::string const& ref) const {
        auto const c = cell(sheet, ref);
        std::string const v = c.child("v").text().get();
        return std::string_view(c.attribute("t").value()) == "s" ? strings.at(std::stoul(v)) : v;
    }
};

} // namespace

TEST(ClassReportXlsx, VietnameseSheetNamesFrozenHeaderAndAutofilter) {
    workbook_view const book(write_class_report_xlsx(party_class(3)));
    auto const workbook = test::parse_xml(book.parts.at("xl/workbook.xml"));
    std::vector<std::string> names;
    for (auto const& sheet : workbook.child("workbook").child("sheets").children("sheet"))
        names.push_back(sheet.attribute("name").value());
    EXPECT_EQ(names, (std::vector<std::string>{"Bảng điểm", "Tổng hợp"}));

    auto const sheet = test::parse_xml(book.parts.at("xl/worksheets/sheet1.xml"));
    // Two issuer lines, a blank, the title, three subtitle lines, a blank: the header is row 9.
    auto const pane = sheet.child("worksheet").child("sheetViews").child("sheetView").child("pane");
    EXPECT_STREQ(pane.attribute("state").value(), "frozen");
    EXPECT_STREQ(pane.attribute("ySplit").value(), "9");
    EXPECT_STREQ(sheet.child("worksheet").child("autoFilter").attribute("ref").value(), "A9:J12");
    EXPECT_EQ(book.value(sheet, "A9"), "STT");
    EXPECT_EQ(book.value(sheet, "B9"), "Họ và tên");
    EXPECT_EQ(book.value(sheet, "J9"), "Ký tên");
    EXPECT_EQ(book.value(sheet, "A4"), "BẢNG ĐIỂM KẾT QUẢ KIỂM TRA");
    EXPECT_EQ(book.value(sheet, "A2"), "TRƯỜNG CHÍNH TRỊ TỈNH");
}

TEST(ClassReportXlsx, NumbersAreNumbersAndAbsenceIsText) {
    workbook_view const book(write_class_report_xlsx(party_class(3)));
    auto const sheet = test::parse_xml(book.parts.at("xl/worksheets/sheet1.xml"));
    EXPECT_EQ(book.value(sheet, "B10"), "Nguyễn Thị Hường");
    for (char const* ref : {"A10", "F10", "H10", "I10"})
        EXPECT_STREQ(book.cell(sheet, ref).attribute("t").value(), "") << ref; // a number
    EXPECT_EQ(book.value(sheet, "F10"), "8.25");
    EXPECT_EQ(book.value(sheet, "H10"), "1");
    EXPECT_NEAR(std::stod(book.value(sheet, "I10")), 1845.0 / 86400, 1e-9); // 30:45 as a time
    EXPECT_EQ(book.value(sheet, "F11"), "Vắng");
    EXPECT_STREQ(book.cell(sheet, "F11").attribute("t").value(), "s");
    EXPECT_EQ(book.value(sheet, "G11"), ""); // no class for an absent learner

    auto const styles = test::parse_xml(book.parts.at("xl/styles.xml"));
    EXPECT_TRUE(styles.find_node([](pugi::xml_node n) {
        return std::string_view(n.attribute("formatCode").value()) == "0.00";
    }));
}

TEST(ClassReportXlsx, SummarySheetHoldsCountsMeanAndRate) {
    workbook_view const book(write_class_report_xlsx(party_class(4)));
    auto const sheet = test::parse_xml(book.parts.at("xl/worksheets/sheet2.xml"));
    EXPECT_EQ(book.value(sheet, "A2"), "Tổng số học viên");
    EXPECT_EQ(book.value(sheet, "B2"), "4");
    EXPECT_EQ(book.value(sheet, "A5"), "Xếp loại Giỏi");
    EXPECT_EQ(book.value(sheet, "A7"), "Điểm trung bình");
    EXPECT_EQ(book.value(sheet, "B7"), "6.57");
    EXPECT_EQ(book.value(sheet, "A9"), "Tỉ lệ đạt yêu cầu");
    EXPECT_EQ(book.value(sheet, "B9"), "0.75");
}

TEST(ClassReportXlsx, NoMeanWithoutAGradedPaper) {
    auto report = party_class(3);
    report.summary.mean = std::nan("");
    workbook_view const book(write_class_report_xlsx(report));
    auto const sheet = test::parse_xml(book.parts.at("xl/worksheets/sheet2.xml"));
    EXPECT_EQ(book.value(sheet, "A7"), "Điểm trung bình");
    EXPECT_EQ(book.value(sheet, "B7"), "—");
}

#ifdef PHONGTHI_PDFTOTEXT
TEST(ClassReportPdf, VietnameseTextTitleSummaryAndSigner) {
    std::string const text = test::pdf_text(write_class_report_pdf(party_class(5)));
    for (char const* expected : {"Nguyễn Thị Hường",
                                 "Xếp loại",
                                 "BẢNG ĐIỂM KẾT QUẢ KIỂM TRA",
                                 "TRƯỜNG CHÍNH TRỊ TỈNH",
                                 "ĐẢNG BỘ TỈNH BẮC NINH",
                                 "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                 "Độc lập - Tự do - Hạnh phúc",
                                 "Lớp bồi dưỡng đảng viên mới khoá 12",
                                 "Bài kiểm tra: Kiểm tra cuối khoá, ngày 26/11/2026",
                                 "Thứ hạng",
                                 "Thời gian",
                                 "8,25",
                                 "30:45",
                                 "1:02:03",
                                 "Vắng",
                                 "Điểm trung bình: 6,57",
                                 "Tỉ lệ đạt yêu cầu: 80%",
                                 "Bắc Ninh, ngày 26 tháng 11 năm 2026",
                                 "GIÁM ĐỐC",
                                 "Lê Văn Thành",
                                 "Trang 1/1"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
}

TEST(ClassReportPdf, HeaderRepeatsOnEveryPage) {
    std::string const pdf = write_class_report_pdf(party_class(60));
    int const pages = test::pdf_page_count(pdf);
    ASSERT_GE(pages, 2);
    std::string const last = test::pdf_text(pdf, pages);
    EXPECT_NE(last.find("Trang " + std::to_string(pages) + "/" + std::to_string(pages)),
              std::string::npos);
    int table_pages = 1;
    for (int page = 2; page <= pages; ++page) {
        std::string const text = test::pdf_text(pdf, page);
        if (text.find("Trần Văn Đức") == std::string::npos)
            continue; // the summary and signature page
        ++table_pages;
        EXPECT_NE(text.find("Họ và tên"), std::string::npos) << "page " << page;
        EXPECT_NE(text.find("Thứ hạng"), std::string::npos) << "page " << page;
    }
    EXPECT_GE(table_pages, 2);
    EXPECT_NE(test::pdf_text(pdf).find("Trần Văn Đức 60"), std::string::npos);
}
#endif

#ifdef PHONGTHI_PDFTOPPM
TEST(ClassReportPdf, FirstPageRendersToPng) {
    test::temp_dir dir;
    std::string const command = std::string(PHONGTHI_PDFTOPPM) + " -r 40 -png -f 1 -l 1 '" +
                                (dir / "in.pdf").string() + "' '" + (dir / "page").string() +
                                "' 2>/dev/null";
    ASSERT_EQ(test::run_on_pdf(dir, write_class_report_pdf(party_class(60)), command), 0);
    std::ifstream png(dir / "page-1.png", std::ios::binary);
    std::string magic(8, '\0');
    png.read(magic.data(), 8);
    EXPECT_EQ(magic, "\x89PNG\r\n\x1a\n");
}
#endif
