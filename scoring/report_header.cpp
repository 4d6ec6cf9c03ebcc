#include "scoring/report_header.hpp"

#include "scoring/pdf_document.hpp"
#include "scoring/report_text.hpp"

#include <vector>

namespace phongthi::scoring {

namespace {

void add_line(std::vector<pdf_line>& lines, std::string const& text, bool bold, float size) {
    if (!text.empty())
        lines.push_back({text, bold, size, pdf_align::center});
}

} // namespace

std::vector<std::string> report_subtitle_lines(report_header const& header) {
    std::vector<std::string> lines;
    if (!header.course.empty())
        lines.push_back(header.course);
    if (!header.class_name.empty())
        lines.push_back("Lớp: " + header.class_name);
    std::string exam = header.exam_title.empty() ? "" : "Bài kiểm tra: " + header.exam_title;
    if (!header.exam_date.empty())
        exam += (exam.empty() ? "Ngày kiểm tra: " : ", ngày ") + header.exam_date;
    if (!exam.empty())
        lines.push_back(exam);
    return lines;
}

void print_title_block(pdf_document& pdf, report_header const& header, std::string const& title) {
    std::vector<pdf_line> issuer;
    add_line(issuer, upper_case(header.organisation), false, 10);
    add_line(issuer, upper_case(header.school), true, 10);
    pdf.side_by_side({issuer,
                      {{"CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, 10},
                       {"Độc lập - Tự do - Hạnh phúc", true, 10}}});
    pdf.paragraph(title,
                  {.size = 14, .bold = true, .space_before = 18, .align = pdf_align::center});
    for (auto const& line : report_subtitle_lines(header))
        pdf.paragraph(line, {.size = 11, .space_before = 2, .align = pdf_align::center});
    pdf.paragraph("", {.size = 6});
}

void print_signature_block(pdf_document& pdf, report_header const& header,
                           std::vector<pdf_line> const& left) {
    std::vector<pdf_line> signer;
    add_line(signer, header.place_and_date, false, 10);
    add_line(signer, upper_case(header.signer_title), true, 10);
    signer.insert(signer.end(), 4, pdf_line{}); // room to sign and stamp
    add_line(signer, header.signer_name, true, 10);
    pdf.side_by_side({left, signer}, 14);
}

} // namespace phongthi::scoring
