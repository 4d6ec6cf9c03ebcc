#pragma once

#include "scoring/pdf_document.hpp"

#include <string>
#include <vector>

namespace phongthi::scoring {

/// The title block and signature block every printed report carries, as the office prints it.
/// Texts are UTF-8; an empty field is left out.
struct report_header {
    std::string organisation;   ///< top-left first line, e.g. "ĐẢNG BỘ TỈNH BẮC NINH"
    std::string school;         ///< top-left second line, e.g. "TRƯỜNG CHÍNH TRỊ TỈNH"
    std::string course;         ///< e.g. "Lớp bồi dưỡng đảng viên mới khoá 12"
    std::string class_name;     ///< e.g. "Lớp A1"
    std::string exam_title;     ///< e.g. "Kiểm tra cuối khoá"
    std::string exam_date;      ///< as printed, dd/mm/yyyy
    std::string place_and_date; ///< "Bắc Ninh, ngày 26 tháng 11 năm 2026", above the signer
    std::string signer_title;   ///< "GIÁM ĐỐC", "TRƯỞNG BAN TỔ CHỨC LỚP"
    std::string signer_name;
};

/// The lines under a report's title, those that are set: the course, "Lớp: …" and
/// "Bài kiểm tra: …, ngày dd/mm/yyyy". Any thread.
std::vector<std::string> report_subtitle_lines(report_header const& header);

/// Prints the top of a report: organisation and school top-left (uppercase, the school bold),
/// the national motto top-right, then `title` centred and bold, then report_subtitle_lines(). Any
/// thread; the document belongs to the caller's thread.
void print_title_block(pdf_document& pdf, report_header const& header, std::string const& title);

/// Prints the place and date and the signer (title bold, room to sign, name bold) in the right
/// half, and `left` (e.g. a summary or the recipients) in the left half, kept on one page. Any
/// thread; the document belongs to the caller's thread.
void print_signature_block(pdf_document& pdf, report_header const& header,
                           std::vector<pdf_line> const& left = {});

} // namespace phongthi::scoring
