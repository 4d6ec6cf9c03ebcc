#include "scoring/item_report.hpp"

namespace phongthi::scoring {

namespace {

pdf_column pdf_column_of(item_column column) {
    std::string header = item_column_header(column);
    switch (column) {
    case item_column::stem:
        return {std::move(header), 30, pdf_align::left};
    case item_column::flags:
        return {std::move(header), 16, pdf_align::left};
    case item_column::label:
    case item_column::difficulty:
    case item_column::discrimination:
    case item_column::upper_lower:
    case item_column::unanswered:
        break;
    }
    return {std::move(header), 7.5F, pdf_align::center};
}

pdf_text_style const section{.size = 11, .bold = true, .space_before = 12};

} // namespace

std::string write_item_report_pdf(item_report const& report,
                                  std::filesystem::path const& font_dir) {
    pdf_document pdf(font_dir);
    print_title_block(pdf, report.header, "BÁO CÁO PHÂN TÍCH CÂU HỎI");
    pdf.paragraph("1. Thống kê chung của bài kiểm tra", section);
    std::vector<std::vector<std::string>> summary;
    for (auto const& line : item_summary_lines(report.analysis.test))
        summary.push_back({line.label, summary_value_text(line, ',')});
    pdf.table({{"Chỉ số", 3, pdf_align::left}, {"Giá trị", 1, pdf_align::center}}, summary);

    pdf.paragraph("2. Độ khó và độ phân biệt của từng câu", section);
    std::vector<pdf_column> columns;
    for (auto const column : item_report_columns)
        columns.push_back(pdf_column_of(column));
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < report.analysis.items.size(); ++i) {
        auto& cells = rows.emplace_back();
        for (auto const column : item_report_columns)
            cells.push_back(item_cell(report, i, column, ','));
    }
    pdf.table(columns, rows, 8.5F);

    pdf.paragraph("3. Tỉ lệ chọn từng phương án của các câu bị cảnh báo", section);
    bool any = false;
    for (std::size_t i = 0; i < report.analysis.items.size(); ++i) {
        if (report.analysis.items[i].flags.empty())
            continue;
        any = true;
        pdf.keep_together(pdf_document::line_height(10) * 3 +
                          pdf_document::line_height(9) *
                              static_cast<float>(report.analysis.items[i].options.size()));
        std::string const stem = item_cell(report, i, item_column::stem, ',');
        pdf.paragraph(item_cell(report, i, item_column::label, ',') +
                          (stem.empty() ? "" : ": " + stem),
                      {.bold = true, .space_before = 8});
        pdf.paragraph("Cảnh báo: " + item_cell(report, i, item_column::flags, ','),
                      {.size = 9, .space_before = 2});
        pdf.paragraph("", {.size = 3});
        pdf.bar_chart(option_bars(report, i));
    }
    if (!any)
        pdf.paragraph("Không có câu hỏi nào bị cảnh báo.");
    return pdf.finish();
}

} // namespace phongthi::scoring
