#include "scoring/certificate.hpp"

#include "tests/unit/scoring/pdf_tools.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace phongthi;

namespace {

scoring::certificate_data huong() {
    scoring::certificate_data d;
    d.serial = "0001/GCN-TCT";
    d.verification_code = "AB12-CD34";
    d.verify_url = "https://phongthi.local/verify/AB12-CD34";
    d.full_name = "Nguyễn Thị Hường";
    d.birth_date = "1990-03-05";
    d.unit = "Chi bộ Phòng Tổ chức";
    d.course = "Bồi dưỡng đảng viên mới";
    d.class_name = "A1";
    d.score = "8,5";
    d.classification = "Giỏi";
    d.issue_date = "2026-11-26";
    return d;
}

scoring::certificate_template bac_ninh() {
    auto t = scoring::default_certificate_template();
    t.issuing_body = {"TỈNH ỦY BẮC NINH", "TRƯỜNG CHÍNH TRỊ NGUYỄN VĂN CỪ"};
    t.place = "Bắc Ninh";
    t.signer_name = "Trần Văn Đức";
    return t;
}

std::string error_of(std::string body) {
    auto t = scoring::default_certificate_template();
    t.body = std::move(body);
    return scoring::certificate_template_error(t);
}

} // namespace

TEST(CertificateTemplate, DefaultIsValidAndUsesTheHoldersFields) {
    auto const t = scoring::default_certificate_template();
    EXPECT_EQ(scoring::certificate_template_error(t), "");
    EXPECT_EQ(t.title, "GIẤY CHỨNG NHẬN");
    for (char const* field :
         {"{ngay_sinh}", "{don_vi}", "{khoa_hoc}", "{lop}", "{diem}", "{xep_loai}"})
        EXPECT_NE(t.body.find(field), std::string::npos) << field;
}

TEST(CertificateTemplate, ErrorNamesTheUnknownOrUnclosedPlaceholder) {
    EXPECT_EQ(error_of("Chứng nhận {ho_ten}, {ngay_cap}: {ten_lop} và {diem_so}"),
              "Trường không hợp lệ trong mẫu: {ten_lop}");
    EXPECT_EQ(error_of("Điểm {diem"), "Trường chưa đóng trong mẫu: {diem");
    EXPECT_EQ(error_of("Điểm {diem {xep_loai}"), "Trường chưa đóng trong mẫu: {diem ");
    EXPECT_EQ(error_of("Không có trường nào."), "");
}

TEST(CertificatePdf, BadTemplateIsRefusedNamingThePlaceholder) {
    auto t = bac_ninh();
    t.body = "Đồng chí {ho_ten} thuộc {chi_bo}";
    try {
        scoring::write_certificates_pdf(t, {huong()});
        FAIL() << "a template with an unknown placeholder was printed";
    } catch (std::invalid_argument const& e) {
        EXPECT_NE(std::string(e.what()).find("{chi_bo}"), std::string::npos) << e.what();
    }
}

TEST(CertificatePdf, MissingFontIsNamed) {
    try {
        scoring::write_certificates_pdf(bac_ninh(), {huong()}, "/nonexistent-fonts");
        FAIL() << "printed without fonts";
    } catch (std::runtime_error const& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent-fonts/DejaVu"), std::string::npos)
            << e.what();
    }
}

TEST(CertificatePdf, OnePagePerCertificate) {
    auto second = huong();
    second.full_name = "Lê Văn Hùng";
    std::string const pdf = scoring::write_certificates_pdf(bac_ninh(), {huong(), second});
    EXPECT_EQ(pdf.rfind("%PDF-", 0), 0U);
    EXPECT_EQ(test::pdf_page_count(pdf), 2);
}

#ifdef PHONGTHI_PDFTOTEXT
TEST(CertificatePdf, TextHoldsTheFilledTemplateInVietnamese) {
    std::string const text = test::pdf_text(scoring::write_certificates_pdf(bac_ninh(), {huong()}));
    for (char const* expected :
         {"GIẤY CHỨNG NHẬN", "Nguyễn Thị Hường", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "Độc lập - Tự do - Hạnh phúc", "TỈNH ỦY BẮC NINH", "TRƯỜNG CHÍNH TRỊ NGUYỄN VĂN CỪ",
          "Chứng nhận đồng chí", "Số: 0001/GCN-TCT", "Sinh ngày: 05/03/1990",
          "Đơn vị: Chi bộ Phòng Tổ chức",
          "Đã hoàn thành chương trình Bồi dưỡng đảng viên mới, lớp A1.",
          "Kết quả: 8,5 điểm, xếp loại Giỏi.", "Bắc Ninh, ngày 26 tháng 11 năm 2026", "HIỆU TRƯỞNG",
          "Trần Văn Đức", "Mã xác thực: AB12-CD34", "https://phongthi.local/verify/AB12-CD34"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    EXPECT_EQ(text.find('{'), std::string::npos) << text;
}
#endif

#ifdef PHONGTHI_PDFINFO
TEST(CertificatePdf, PagesAreA4Landscape) {
    std::string const pdf = scoring::write_certificates_pdf(bac_ninh(), {huong(), huong()});
    EXPECT_EQ(test::pdf_page_size(pdf, 1), "841.89 x 595.276 pts (A4)");
    EXPECT_EQ(test::pdf_page_size(pdf, 2), "841.89 x 595.276 pts (A4)");
}
#endif

#ifdef PHONGTHI_PDFTOPPM
TEST(CertificatePdf, PageRendersToPng) {
    std::string const png =
        test::pdf_first_page_png(scoring::write_certificates_pdf(bac_ninh(), {huong()}), 30);
    EXPECT_EQ(png.rfind("\x89PNG\r\n\x1a\n", 0), 0U);
}
#endif
