#include "scoring/unit_notices.hpp"

#include "tests/unit/scoring/report_test_support.hpp"

#include <gtest/gtest.h>

using namespace phongthi;
using namespace phongthi::scoring;

namespace {

unit_notice notice(std::string code, std::string unit, std::vector<std::string> const& names) {
    unit_notice n{std::move(code), unit, "Kính gửi: Chi uỷ " + unit, {}};
    for (auto const& name : names) {
        class_report_row row;
        row.list_number = static_cast<int>(n.rows.size()) + 1;
        row.full_name = name;
        row.graded = true;
        row.score = 7.5;
        row.classification = "Khá";
        row.rank = 3;
        n.rows.push_back(row);
    }
    return n;
}

std::vector<unit_notice> three_units() {
    return {notice("CB01", "Chi bộ Phòng Tổ chức", {"Nguyễn Thị Hường", "Trần Văn Đức"}),
            notice("CB Văn phòng", "Chi bộ Văn phòng", {"Lê Thị Thu Hằng"}),
            notice("CB01", "Chi bộ Trường THPT", {"Phạm Quốc Khánh"})};
}

} // namespace

TEST(UnitNoticesZip, OnePdfPerUnitNamedInAscii) {
    auto const entries =
        test::zip_entries(write_unit_notices_zip(test::party_header(), three_units()));
    std::vector<std::string> names;
    for (auto const& [name, content] : entries) {
        names.push_back(name);
        EXPECT_EQ(content.substr(0, 5), "%PDF-") << name;
        EXPECT_EQ(test::pdf_page_count(content), 1) << name;
    }
    EXPECT_EQ(names, (std::vector<std::string>{"thong-bao-CB-Van-phong.pdf", "thong-bao-CB01-2.pdf",
                                               "thong-bao-CB01.pdf"}));
}

#ifdef PHONGTHI_PDFTOTEXT
TEST(UnitNoticesZip, EachPdfListsOnlyItsUnit) {
    auto const entries =
        test::zip_entries(write_unit_notices_zip(test::party_header(), three_units()));
    std::string const text = test::pdf_text(entries.at("thong-bao-CB01.pdf"));
    EXPECT_NE(text.find("Kính gửi: Chi uỷ Chi bộ Phòng Tổ chức"), std::string::npos) << text;
    EXPECT_NE(text.find("Nguyễn Thị Hường"), std::string::npos);
    EXPECT_NE(text.find("Trần Văn Đức"), std::string::npos);
    EXPECT_EQ(text.find("Lê Thị Thu Hằng"), std::string::npos);
}

TEST(UnitNoticesPdf, EachUnitFromANewPage) {
    std::string const pdf = write_unit_notices_pdf(test::party_header(), three_units());
    ASSERT_EQ(test::pdf_page_count(pdf), 3);
    std::string const second = test::pdf_text(pdf, 2);
    for (char const* expected :
         {"THÔNG BÁO KẾT QUẢ HỌC TẬP", "TRƯỜNG CHÍNH TRỊ TỈNH", "Kính gửi: Chi uỷ Chi bộ Văn phòng",
          "Trường Chính trị tỉnh thông báo kết quả học tập", "Lê Thị Thu Hằng", "7,5", "Khá",
          "Trân trọng thông báo.", "GIÁM ĐỐC", "Lê Văn Thành", "Trang 2/3"})
        EXPECT_NE(second.find(expected), std::string::npos) << expected << "\n" << second;
    EXPECT_EQ(second.find("Nguyễn Thị Hường"), std::string::npos);
}
#endif
