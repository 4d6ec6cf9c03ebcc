#pragma once

#include "scoring/pdf_document.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace phongthi::scoring {

/// What the administrator may adjust on a certificate (giấy chứng nhận). The body may use the
/// placeholders {ho_ten}, {ngay_sinh}, {don_vi}, {khoa_hoc}, {lop}, {diem}, {xep_loai} and
/// {ngay_cap}; each is replaced by the holder's value. A '\n' in the body starts a new line.
struct certificate_template {
    std::string title = "GIẤY CHỨNG NHẬN";
    /// The issuing body, top-left, one line each: upper levels first, the school last (bold).
    std::vector<std::string> issuing_body;
    /// Printed before the holder's name, which is set large below the title.
    std::string recipient_label = "Chứng nhận đồng chí";
    std::string body;
    /// Printed before the date of issue: "<place>, ngày 26 tháng 11 năm 2026".
    std::string place;
    std::string signer_title = "HIỆU TRƯỞNG";
    std::string signer_name; ///< may be empty: the space stays for a hand-written name
};

/// The template in Vietnamese used until the administrator changes it. Any thread.
certificate_template default_certificate_template();

/// "" when every placeholder of the template's body is known, else a message in Vietnamese that
/// names the first unknown (or unclosed) placeholder, e.g. "Trường không hợp lệ trong mẫu: {ten}".
/// Any thread.
std::string certificate_template_error(certificate_template const& t);

/// One certificate: its numbers and its holder. Dates are "YYYY-MM-DD" (printed dd/mm/yyyy);
/// any other text is printed as it is.
struct certificate_data {
    std::string serial;            ///< printed "Số: <serial>", e.g. "0001/GCN-TCT"
    std::string verification_code; ///< printed under the QR code
    std::string verify_url;        ///< what the QR code holds, e.g. https://host/verify/CODE
    std::string full_name;         ///< {ho_ten}
    std::string birth_date;        ///< {ngay_sinh}
    std::string unit;              ///< {don_vi}
    std::string course;            ///< {khoa_hoc}
    std::string class_name;        ///< {lop}
    std::string score;             ///< {diem}, as printed, e.g. "8,5"
    std::string classification;    ///< {xep_loai}
    std::string issue_date;        ///< {ngay_cap} and the date above the signature
};

/// One A4 landscape page per certificate: a decorative double border, the issuing body and the
/// national motto, the title, the holder's name, the body with its placeholders filled, the
/// place and date, the signer, and at the foot the serial number, the verification code and a
/// QR code of the verify URL. Throws std::invalid_argument with certificate_template_error()'s
/// message for a bad template or when a verify URL is empty or too long for a QR code,
/// std::runtime_error when a font is missing from `font_dir`. Any thread.
std::string write_certificates_pdf(certificate_template const& t,
                                   std::vector<certificate_data> const& certificates,
                                   std::filesystem::path const& font_dir = default_font_dir());

} // namespace phongthi::scoring
