#include "scoring/class_report.hpp"

#include <gtest/gtest.h>

using namespace phongthi::scoring;

namespace {

class_report_row graded_row() {
    class_report_row row;
    row.list_number = 1;
    row.full_name = "Nguyễn Thị Hường";
    row.birth_date = "02/09/1990";
    row.unit = "Chi bộ Phòng Tổ chức";
    row.variant = "101";
    row.graded = true;
    row.score = 8.25;
    row.classification = "Giỏi";
    row.rank = 1;
    row.time_used_ms = 1'845'000;
    return row;
}

std::string csv_of(class_report_row const& row) {
    class_report report;
    report.rows = {row};
    return write_class_report_csv(report);
}

} // namespace

TEST(ClassReportCsv, BomHeaderAndCrlfRows) {
    std::string const csv = csv_of(graded_row());
    EXPECT_EQ(csv,
              "\xEF\xBB\xBF"
              "STT,Họ và tên,Ngày sinh,Đơn vị,Mã đề,Điểm,Xếp loại,Thứ hạng,Thời gian làm bài\r\n"
              "1,Nguyễn Thị Hường,02/09/1990,Chi bộ Phòng Tổ chức,101,8.25,Giỏi,1,30:45\r\n");
}

TEST(ClassReportCsv, QuotesCommasQuotesAndNewlines) {
    auto row = graded_row();
    row.full_name = "Trần Văn \"Hai\"";
    row.unit = "Chi bộ 1, Đảng bộ Khối";
    row.variant = "dòng 1\ndòng 2";
    std::string const csv = csv_of(row);
    EXPECT_NE(csv.find(",\"Trần Văn \"\"Hai\"\"\",02/09/1990,\"Chi bộ 1, Đảng bộ Khối\","
                       "\"dòng 1\ndòng 2\",8.25,"),
              std::string::npos)
        << csv;
}

TEST(ClassReportCsv, GuardsFormulasButNotNumbers) {
    auto row = graded_row();
    row.full_name = "=HYPERLINK(\"http://x\")";
    row.unit = "@SUM(A1)";
    row.variant = "-1";
    std::string const csv = csv_of(row);
    EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://x\"\")\","), std::string::npos) << csv;
    EXPECT_NE(csv.find(",'@SUM(A1),-1,"), std::string::npos) << csv;
}

TEST(ClassReportCsv, NotGradedShowsTheStatusOnly) {
    auto row = graded_row();
    row.graded = false;
    row.status = "Vắng";
    std::string const csv = csv_of(row);
    EXPECT_NE(csv.find(",101,Vắng,,,\r\n"), std::string::npos) << csv;
}
