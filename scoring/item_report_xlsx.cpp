#include "scoring/item_report.hpp"

#include "scoring/report_workbook.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>

namespace phongthi::scoring {

namespace {

constexpr char const* chart_sheet_name = "Biểu đồ";
constexpr lxw_row_t rows_per_chart = 17; // the chart's default 288 px, and a gap
constexpr std::uint32_t key_colour = 0x2E7D32;
constexpr std::uint32_t distractor_colour = 0x9E9E9E;

double column_width(item_column column) {
    switch (column) {
    case item_column::stem:
        return 50;
    case item_column::flags:
        return 30;
    case item_column::label:
        return 8;
    case item_column::difficulty:
    case item_column::discrimination:
    case item_column::upper_lower:
    case item_column::unanswered:
        break;
    }
    return 12;
}

// Summary, then the question table (frozen header, autofilter).
void write_table_sheet(lxw_worksheet* sheet, item_report const& report, report_formats const& f) {
    constexpr auto columns = static_cast<lxw_col_t>(std::size(item_report_columns));
    check_xlsx(
        worksheet_merge_range(sheet, 0, 0, 0, columns - 1, "BÁO CÁO PHÂN TÍCH CÂU HỎI", f.title));
    lxw_row_t r = 1;
    for (auto const& line : report_subtitle_lines(report.header))
        check_xlsx(worksheet_merge_range(sheet, r, 0, r, columns - 1, line.c_str(), f.centred));
    r = write_summary_rows(sheet, r + 1, item_summary_lines(report.analysis.test), f) + 1;
    lxw_row_t const header_row = r;
    for (lxw_col_t c = 0; c < columns; ++c) {
        check_xlsx(
            worksheet_set_column(sheet, c, c, column_width(item_report_columns[c]), nullptr));
        check_xlsx(worksheet_write_string(
            sheet, r, c, item_column_header(item_report_columns[c]).c_str(), f.header));
    }
    for (std::size_t i = 0; i < report.analysis.items.size(); ++i) {
        ++r;
        for (lxw_col_t c = 0; c < columns; ++c) {
            item_column const column = item_report_columns[c];
            double const number = item_value(report, i, column);
            if (std::isfinite(number))
                check_xlsx(worksheet_write_number(
                    sheet, r, c, number, column == item_column::unanswered ? f.share : f.score));
            else
                check_xlsx(worksheet_write_string(
                    sheet, r, c, item_cell(report, i, column, '.').c_str(), f.cell));
        }
    }
    worksheet_freeze_panes(sheet, header_row + 1, 0);
    check_xlsx(worksheet_autofilter(sheet, header_row, 0, r, columns - 1));
}

// For each flagged question: its options and shares, and a bar chart of them beside.
void write_chart_sheet(lxw_workbook* book, lxw_worksheet* sheet, item_report const& report,
                       report_formats const& f) {
    check_xlsx(worksheet_set_column(sheet, 0, 0, 40, nullptr));
    check_xlsx(worksheet_set_column(sheet, 1, 1, 10, nullptr));
    lxw_row_t r = 0;
    for (std::size_t i = 0; i < report.analysis.items.size(); ++i) {
        if (report.analysis.items[i].flags.empty())
            continue;
        std::string const label = item_cell(report, i, item_column::label, '.');
        check_xlsx(worksheet_write_string(
            sheet, r, 0, (label + ": " + item_cell(report, i, item_column::flags, '.')).c_str(),
            f.bold));
        auto const bars = option_bars(report, i);
        lxw_chart* chart = workbook_add_chart(book, LXW_CHART_BAR);
        if (chart == nullptr)
            throw std::runtime_error("cannot add a chart to the workbook");
        lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
        std::vector<lxw_chart_fill> fills(bars.size());
        std::vector<lxw_chart_point> points(bars.size());
        std::vector<lxw_chart_point*> point_list;
        for (std::size_t o = 0; o < bars.size(); ++o) {
            auto const row = static_cast<lxw_row_t>(r + 1 + o);
            check_xlsx(worksheet_write_string(sheet, row, 0, bars[o].label.c_str(), f.cell));
            check_xlsx(worksheet_write_number(sheet, row, 1, bars[o].share, f.share));
            fills[o].color = bars[o].marked ? key_colour : distractor_colour;
            points[o].fill = &fills[o];
            point_list.push_back(&points[o]);
        }
        point_list.push_back(nullptr);
        if (!bars.empty()) {
            auto const last = static_cast<lxw_row_t>(r + bars.size());
            chart_series_set_categories(series, chart_sheet_name, r + 1, 0, last, 0);
            chart_series_set_values(series, chart_sheet_name, r + 1, 1, last, 1);
            check_xlsx(chart_series_set_points(series, point_list.data()));
        }
        chart_title_set_name(chart, label.c_str());
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
        // A bar chart's x axis is the horizontal one: the shares.
        chart_axis_set_min(chart->x_axis, 0);
        chart_axis_set_max(chart->x_axis, 1);
        chart_axis_set_num_format(chart->x_axis, "0%");
        chart_axis_set_reverse(chart->y_axis); // A at the top
        check_xlsx(worksheet_insert_chart(sheet, r, 3, chart));
        r += std::max(rows_per_chart, static_cast<lxw_row_t>(bars.size() + 3));
    }
    if (r == 0)
        check_xlsx(
            worksheet_write_string(sheet, 0, 0, "Không có câu hỏi nào bị cảnh báo.", nullptr));
}

} // namespace

std::string write_item_report_xlsx(item_report const& report) {
    report_workbook book;
    report_formats const formats(book);
    lxw_worksheet* const table = workbook_add_worksheet(book.get(), "Phân tích câu hỏi");
    lxw_worksheet* const charts = workbook_add_worksheet(book.get(), chart_sheet_name);
    if (table == nullptr || charts == nullptr)
        throw std::runtime_error("cannot add the sheets of the workbook");
    write_table_sheet(table, report, formats);
    write_chart_sheet(book.get(), charts, report, formats);
    return book.finish();
}

} // namespace phongthi::scoring
