#include "scoring/item_report.hpp"

#include "tests/unit/scoring/report_test_support.hpp"

#include <gtest/gtest.h>

using namespace phongthi;
using namespace phongthi::scoring;

namespace {

option_statistics option(bool key, double share) {
    return {key, static_cast<int>(share * 40), share, std::nullopt};
}

// Three questions of 40 candidates; the second is too easy with an unused distractor, the third
// has a negative discrimination.
item_report party_items() {
    item_report report;
    report.header = test::party_header();
    report.analysis.test = {40, 3, 6.4, 1.25, 0.71, 0.73, 0.65};
    item_statistics fine;
    fine.difficulty = 0.6;
    fine.corrected_point_biserial = 0.42;
    fine.upper_lower = 0.5;
    fine.options = {option(false, 0.2), option(true, 0.6), option(false, 0.2)};
    item_statistics easy = fine;
    easy.difficulty = 0.95;
    easy.flags = {item_flag::too_easy, item_flag::unused_distractor};
    easy.options = {option(true, 0.95), option(false, 0.05), option(false, 0)};
    item_statistics reversed = fine;
    reversed.corrected_point_biserial = -0.12;
    reversed.unanswered_share = 0.1;
    reversed.flags = {item_flag::negative_discrimination};
    report.analysis.items = {fine, easy, reversed};
    report.questions = {
        {"Câu 1", "Đảng Cộng sản Việt Nam ra đời năm nào?", {"1925", "1930", "1945"}},
        {"Câu 2", "Ai là người sáng lập Đảng?", {"Hồ Chí Minh", "Trần Phú", "Lê Hồng Phong"}},
        {"Câu 3", "Đại hội Đảng lần thứ nhất họp ở đâu?", {"Ma Cao", "Hà Nội", "Quảng Châu"}},
    };
    return report;
}

} // namespace

TEST(ItemReportXlsx, TableSheetAndOneChartPerFlaggedQuestion) {
    auto entries = test::zip_entries(write_item_report_xlsx(party_items()));
    auto const workbook = test::parse_xml(entries["xl/workbook.xml"]);
    std::vector<std::string> names;
    for (auto const& sheet : workbook.child("workbook").child("sheets").children("sheet"))
        names.push_back(sheet.attribute("name").value());
    EXPECT_EQ(names, (std::vector<std::string>{"Phân tích câu hỏi", "Biểu đồ"}));
    EXPECT_EQ(entries.count("xl/charts/chart1.xml"), 1U);
    EXPECT_EQ(entries.count("xl/charts/chart2.xml"), 1U);
    EXPECT_EQ(entries.count("xl/charts/chart3.xml"), 0U); // question 1 is not flagged
    auto const chart = entries["xl/charts/chart1.xml"];
    EXPECT_NE(chart.find("<c:barChart>"), std::string::npos);
    EXPECT_NE(chart.find("'Biểu đồ'!$A$2:$A$4"), std::string::npos) << chart;
    EXPECT_NE(chart.find("Câu 2"), std::string::npos);

    auto const sheet = test::parse_xml(entries["xl/worksheets/sheet1.xml"]);
    auto const pane = sheet.child("worksheet").child("sheetViews").child("sheetView").child("pane");
    EXPECT_STREQ(pane.attribute("state").value(), "frozen");
    EXPECT_TRUE(sheet.child("worksheet").child("autoFilter"));
    std::string const strings = entries["xl/sharedStrings.xml"];
    for (char const* expected :
         {"Độ khó (p)", "Hệ số KR-20", "Quá dễ; Có phương án nhiễu không ai chọn",
          "Độ phân biệt âm", "B. Trần Phú", "A. Hồ Chí Minh (đáp án)"})
        EXPECT_NE(strings.find(expected), std::string::npos) << expected;
}

#ifdef PHONGTHI_PDFTOTEXT
TEST(ItemReportPdf, SummaryTableFlagsAndKeyedBars) {
    std::string const text = test::pdf_text(write_item_report_pdf(party_items()));
    for (char const* expected :
         {"BÁO CÁO PHÂN TÍCH CÂU HỎI", "Số thí sinh", "40", "Hệ số KR-20", "0,71",
          "Sai số chuẩn đo lường (SEM)", "0,65", "Câu 2: Ai là người sáng lập Đảng?", "0,95",
          "-0,12", "Quá dễ", "Độ phân biệt âm", "A. Hồ Chí Minh (đáp án)", "C. Lê Hồng Phong",
          "95%", "Trang 1/"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    // Only the flagged questions get bars: question 1's options are not listed.
    EXPECT_EQ(text.find("B. 1930"), std::string::npos);
}
#endif

TEST(ItemReport, CellsInVietnameseWithTheChosenPoint) {
    auto const report = party_items();
    EXPECT_EQ(item_cell(report, 2, item_column::discrimination, ','), "-0,12");
    EXPECT_EQ(item_cell(report, 2, item_column::unanswered, '.'), "10%");
    EXPECT_EQ(item_cell(report, 1, item_column::flags, ','),
              "Quá dễ; Có phương án nhiễu không ai chọn");
    auto const bars = option_bars(report, 1);
    ASSERT_EQ(bars.size(), 3U);
    EXPECT_TRUE(bars[0].marked);
    EXPECT_FALSE(bars[1].marked);
    EXPECT_EQ(bars[2].value, "0%");
}
