#include "scoring/class_report.hpp"

namespace phongthi::scoring {

namespace {

pdf_column pdf_column_of(class_column column) {
    std::string header = class_column_header(column);
    switch (column) {
    case class_column::list_number:
        return {std::move(header), 3.5F, pdf_align::center};
    case class_column::full_name:
        return {std::move(header), 16, pdf_align::left};
    case class_column::unit:
        return {std::move(header), 19, pdf_align::left};
    case class_column::birth_date:
        return {std::move(header), 8.5F, pdf_align::center};
    case class_column::classification:
    case class_column::time_used:
        return {std::move(header), 8, pdf_align::center};
    case class_column::rank:
        return {std::move(header), 6.5F, pdf_align::center};
    case class_column::signature:
        return {std::move(header), 7, pdf_align::left};
    case class_column::variant:
    case class_column::score:
        break;
    }
    return {std::move(header), 5.5F, pdf_align::center};
}

} // namespace

void print_class_table(pdf_document& pdf, std::span<class_column const> columns,
                       std::vector<class_report_row> const& rows) {
    std::vector<pdf_column> layout;
    for (auto const column : columns)
        layout.push_back(pdf_column_of(column));
    std::vector<std::vector<std::string>> cells;
    for (auto const& row : rows) {
        auto& line = cells.emplace_back();
        for (auto const column : columns)
            line.push_back(class_report_cell(row, column, ','));
    }
    pdf.table(layout, cells);
}

std::string write_class_report_pdf(class_report const& report,
                                   std::filesystem::path const& font_dir) {
    pdf_document pdf(font_dir, pdf_orientation::landscape);
    print_title_block(pdf, report.header, "BẢNG ĐIỂM KẾT QUẢ KIỂM TRA");
    print_class_table(pdf, class_report_columns, report.rows);
    std::vector<pdf_line> summary{{"Tổng hợp kết quả", true, 10, pdf_align::left}};
    for (auto const& line : class_report_summary_lines(report.summary))
        summary.push_back(
            {"- " + line.label + ": " + summary_value_text(line, ','), false, 10, pdf_align::left});
    print_signature_block(pdf, report.header, summary);
    return pdf.finish();
}

} // namespace phongthi::scoring
