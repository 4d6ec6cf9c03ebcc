#pragma once

#include "scoring/class_report.hpp"
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

/// The test summary as labelled values: candidates, questions, mean, SD, KR-20, alpha, SEM (NaN
/// where undefined). Any thread.
std::vector<summary_line> item_summary_lines(test_statistics const& test);

/// A column of the question table.
enum class item_column {
    label,
    stem,
    difficulty,
    discrimination,
    upper_lower,
    unanswered,
    flags,
};

/// Every column of the question table, in order.
inline constexpr item_column item_report_columns[] = {
    item_column::label,          item_column::stem,        item_column::difficulty,
    item_column::discrimination, item_column::upper_lower, item_column::unanswered,
    item_column::flags,
};

/// The column's Vietnamese header: "Câu", "Độ khó (p)" … Any thread.
std::string item_column_header(item_column column);

/// The number in a numeric column of question `index` (NaN where undefined; the unanswered
/// share 0..1), or NaN for the text columns. Any thread.
double item_value(item_report const& report, std::size_t index, item_column column);

/// The text of a cell of question `index`: numbers with 2 decimals and `point`, the unanswered
/// share as a percentage, flags in Vietnamese joined by "; ". Any thread.
std::string item_cell(item_report const& report, std::size_t index, item_column column, char point);

/// The bars of question `index`'s options: "A. text", "(đáp án)" after the key, the share
/// choosing it. Any thread.
std::vector<pdf_bar> option_bars(item_report const& report, std::size_t index);

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
