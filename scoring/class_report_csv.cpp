#include "scoring/class_report.hpp"

#include "question-bank/csv_bank.hpp"

namespace phongthi::scoring {

std::string write_class_report_csv(class_report const& report) {
    std::vector<std::vector<std::string>> table(1);
    for (auto const column : class_report_columns)
        if (column != class_column::signature) // nobody signs a file
            table.front().push_back(class_column_header(column));
    for (auto const& row : report.rows) {
        auto& cells = table.emplace_back();
        for (auto const column : class_report_columns)
            if (column != class_column::signature)
                cells.push_back(class_report_cell(row, column, '.'));
    }
    return bank::write_csv_table(table);
}

} // namespace phongthi::scoring
