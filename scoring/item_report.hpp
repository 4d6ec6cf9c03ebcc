#pragma once

#include "scoring/item_analysis.hpp"
#include "scoring/pdf_document.hpp"
#include "scoring/report_header.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace phongthi::scoring {

/// The text of one analysed question, in the order of item_analysis::items.
struct item_report_question {
    std::string label;                ///< "Câu 3"
    std::string stem;                 ///< the question text, plain
    std::vector<std::string> options; ///< option texts, in the order of item_statistics::options
};

/// An exam's item-analysis report (báo cáo phân tích câu hỏi).
struct item_report {
    report_header header;
    item_analysis analysis;
    std::vector<item_report_question> questions; ///< one per analysis item
};

/// The flag in Vietnamese: "Quá dễ", "Độ phân biệt âm" … Any thread.
std::string flag_text_vi(item_flag flag);

/// The report as an A4 PDF: title block, the test summary (candidates, mean, SD, KR-20, alpha,
/// SEM), a table of the questions (p, discrimination, flags) and, for each flagged question, a
/// bar chart of the share choosing each option with the key marked. Throws std::runtime_error
/// when a font is missing or libharu fails. Any thread.
std::string write_item_report_pdf(item_report const& report,
                                  std::filesystem::path const& font_dir = default_font_dir());

/// The report as an Excel workbook: sheet "Phân tích câu hỏi" (summary and table) and a bar chart
/// of the options for each flagged question on sheet "Biểu đồ". Throws std::runtime_error when
/// the workbook cannot be written. Any thread.
std::string write_item_report_xlsx(item_report const& report);

} // namespace phongthi::scoring
