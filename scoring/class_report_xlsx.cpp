#include "scoring/class_report.hpp"

#include "scoring/report_text.hpp"
#include "scoring/report_workbook.hpp"

#include <iterator>
#include <stdexcept>

namespace phongthi::scoring {

namespace {

constexpr auto column_count = static_cast<lxw_col_t>(std::size(class_report_columns));
constexpr double ms_per_day = 86'400'000.0;

double column_width(class_column column) {
    switch (column) {
    case class_column::list_number:
        return 5;
    case class_column::full_name:
        return 26;
    case class_column::unit:
        return 24;
    case class_column::birth_date:
    case class_column::signature:
        return 12;
    case class_column::classification:
    case class_column::time_used:
        return 11;
    case class_column::variant:
    case class_column::score:
    case class_column::rank:
        break;
    }
    return 8;
}

// One learner's row: numbers as numbers, the rest as text.
void write_row(lxw_worksheet* sheet, lxw_row_t r, class_report_row const& row,
               report_formats const& f) {
    for (lxw_col_t c = 0; c < column_count; ++c) {
        class_column const column = class_report_columns[c];
        bool const graded = row.graded;
        if (column == class_column::list_number)
            check_xlsx(worksheet_write_number(sheet, r, c, row.list_number, f.integer));
        else if (column == class_column::score && graded)
            check_xlsx(worksheet_write_number(sheet, r, c, row.score, f.score));
        else if (column == class_column::rank && graded && row.rank > 0)
            check_xlsx(worksheet_write_number(sheet, r, c, row.rank, f.integer));
        else if (column == class_column::time_used && graded && row.time_used_ms >= 0)
            check_xlsx(worksheet_write_number(
                sheet, r, c, static_cast<double>(row.time_used_ms / 1000) * 1000 / ms_per_day,
                f.duration));
        else if (auto const text = class_report_cell(row, column, '.'); !text.empty())
            check_xlsx(worksheet_write_string(sheet, r, c, text.c_str(), f.cell));
        else
            check_xlsx(worksheet_write_blank(sheet, r, c, f.cell));
    }
}

// A line merged across the columns [first, last] of row r.
void merged(lxw_worksheet* sheet, lxw_row_t r, lxw_col_t first, lxw_col_t last,
            std::string const& text, lxw_format* format) {
    check_xlsx(worksheet_merge_range(sheet, r, first, r, last, text.c_str(), format));
}

// Title block, table, signature block; returns nothing, throws on a libxlsxwriter error.
void write_score_sheet(lxw_worksheet* sheet, class_report const& report, report_formats const& f) {
    report_header const& h = report.header;
    lxw_col_t const split = column_count / 2 - 1; // issuer left of it, the motto right
    merged(sheet, 0, 0, split - 1, upper_case(h.organisation), f.centred);
    merged(sheet, 1, 0, split - 1, upper_case(h.school), f.bold);
    merged(sheet, 0, split, column_count - 1, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", f.bold);
    merged(sheet, 1, split, column_count - 1, "Độc lập - Tự do - Hạnh phúc", f.bold);
    merged(sheet, 3, 0, column_count - 1, "BẢNG ĐIỂM KẾT QUẢ KIỂM TRA", f.title);
    lxw_row_t r = 4;
    for (auto const& line : report_subtitle_lines(h))
        merged(sheet, r++, 0, column_count - 1, line, f.centred);
    lxw_row_t const header_row = r + 1;
    for (lxw_col_t c = 0; c < column_count; ++c) {
        check_xlsx(
            worksheet_set_column(sheet, c, c, column_width(class_report_columns[c]), nullptr));
        check_xlsx(worksheet_write_string(
            sheet, header_row, c, class_column_header(class_report_columns[c]).c_str(), f.header));
    }
    r = header_row + 1;
    for (auto const& row : report.rows)
        write_row(sheet, r++, row, f);
    worksheet_freeze_panes(sheet, header_row + 1, 0);
    check_xlsx(worksheet_autofilter(sheet, header_row, 0, r - 1, column_count - 1));
    check_xlsx(worksheet_repeat_rows(sheet, header_row, header_row));
    r += 1;
    for (auto const* line : {&h.place_and_date, &h.signer_title, &h.signer_name}) {
        merged(sheet, r, split, column_count - 1,
               line == &h.signer_title ? upper_case(*line) : *line,
               line == &h.place_and_date ? f.centred : f.bold);
        r += line == &h.signer_title ? 4 : 1; // room to sign
    }
    worksheet_set_landscape(sheet);
    worksheet_set_paper(sheet, 9); // A4
    worksheet_fit_to_pages(sheet, 1, 0);
}

void write_summary_sheet(lxw_worksheet* sheet, class_report const& report,
                         report_formats const& f) {
    check_xlsx(worksheet_set_column(sheet, 0, 0, 30, nullptr));
    check_xlsx(worksheet_set_column(sheet, 1, 1, 12, nullptr));
    write_summary_rows(sheet, 0, class_report_summary_lines(report.summary), f);
    worksheet_freeze_panes(sheet, 1, 0);
}

} // namespace

std::string write_class_report_xlsx(class_report const& report) {
    report_workbook book;
    report_formats const formats(book);
    lxw_worksheet* const scores = workbook_add_worksheet(book.get(), "Bảng điểm");
    lxw_worksheet* const summary = workbook_add_worksheet(book.get(), "Tổng hợp");
    if (scores == nullptr || summary == nullptr)
        throw std::runtime_error("cannot add the sheets of the workbook");
    write_score_sheet(scores, report, formats);
    write_summary_sheet(summary, report, formats);
    return book.finish();
}

} // namespace phongthi::scoring
