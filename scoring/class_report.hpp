#pragma once

#include "scoring/pdf_document.hpp"
#include "scoring/report_header.hpp"
#include "scoring/report_text.hpp"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace phongthi::scoring {

/// One learner's line of a class score report.
struct class_report_row {
    int list_number = 0;            ///< STT
    std::string full_name;          ///< "Nguyễn Thị Hường"
    std::string birth_date;         ///< dd/mm/yyyy, may be empty
    std::string unit;               ///< the unit / party cell (đơn vị)
    std::string variant;            ///< the paper code (mã đề), may be empty
    bool graded = false;            ///< false: score, class, rank and time are not printed
    double score = 0;               ///< on the report's scale
    std::string classification;     ///< "Giỏi", "Khá" … (xếp loại)
    int rank = 0;                   ///< 1 = best; 0 = none
    std::int64_t time_used_ms = -1; ///< time spent on the paper; below 0: unknown
    std::string status; ///< shown when not graded: "Vắng", "Chưa nộp", "Huỷ bài" …
};

/// How many learners reached one class.
struct class_count {
    std::string label; ///< "Giỏi"
    int count = 0;
};

/// The summary printed after the table.
struct class_report_summary {
    int learners = 0;
    int graded = 0;
    int absent = 0;
    double mean = 0; ///< of the graded scores; NaN when none is graded
    int passed = 0;
    double pass_rate = 0;               ///< passed / learners, 0..1
    std::vector<class_count> per_class; ///< in the rules' order, highest class first
};

/// A class score report (bảng điểm kết quả kiểm tra).
struct class_report {
    report_header header;
    double scale = 10; ///< the scale of the scores: 10 or 100
    std::vector<class_report_row> rows;
    class_report_summary summary;
};

/// A column of the class table, in the printed order.
enum class class_column {
    list_number,
    full_name,
    birth_date,
    unit,
    variant,
    score,
    classification,
    rank,
    time_used,
    signature,
};

/// Every column of the class score report, in order.
inline constexpr class_column class_report_columns[] = {
    class_column::list_number,    class_column::full_name, class_column::birth_date,
    class_column::unit,           class_column::variant,   class_column::score,
    class_column::classification, class_column::rank,      class_column::time_used,
    class_column::signature,
};

/// The column's Vietnamese header: "STT", "Họ và tên", "Điểm", "Ký tên" … Any thread.
std::string class_column_header(class_column column);

/// The text of one cell, numbers with `point` as the decimal separator. A learner not graded
/// shows the status in the score column and leaves class, rank and time blank. Any thread.
std::string class_report_cell(class_report_row const& row, class_column column, char point);

/// Prints the learners' table with `columns` into `pdf`: the column widths and alignment of the
/// printed class report, scores with a ',' point, the header repeated on every page. Any thread;
/// the document belongs to the caller's thread.
void print_class_table(pdf_document& pdf, std::span<class_column const> columns,
                       std::vector<class_report_row> const& rows);

/// The summary as labelled values: learners, graded, absent, one line per class, mean, passed
/// and pass rate. Any thread.
std::vector<summary_line> class_report_summary_lines(class_report_summary const& summary);

/// The report as an Excel workbook: sheet "Bảng điểm" (title lines, then the table with a bold,
/// frozen header row and an autofilter; scores, ranks and STT as numbers) and sheet "Tổng hợp"
/// (the summary). Goes through one temporary file, removed before returning. Throws
/// std::runtime_error when the workbook cannot be written. Any thread.
std::string write_class_report_xlsx(class_report const& report);

/// The table as CSV for Excel: UTF-8 with BOM, RFC 4180 quoting, CRLF, text cells guarded against
/// running as formulas; the header row first, one row per learner, every column but the signature
/// (scores with a '.' point). Any thread.
std::string write_class_report_csv(class_report const& report);

/// The report as an A4 landscape PDF: title block, table (header repeated on every page),
/// summary, signature block, "Trang n/N". Throws std::runtime_error when a font is missing or
/// libharu fails. Any thread.
std::string write_class_report_pdf(class_report const& report,
                                   std::filesystem::path const& font_dir = default_font_dir());

} // namespace phongthi::scoring
