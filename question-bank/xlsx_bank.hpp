#pragma once

#include "question-bank/bank_import.hpp"
#include "question-bank/csv_bank.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::bank {

/// Reads an Excel workbook (.xlsx, from memory): the sheet named "Câu hỏi" or "Questions", else
/// the first one, mapped row by row as read_csv_bank() describes (a header row, then one
/// question per row). Shared and inline strings, rich text, numbers and gaps between cells are
/// read. A zip bomb, an oversized part or cell, too many rows or a missing part is refused with
/// a clear error: sizes are checked against import_limits both as declared and while unpacking.
/// Problems name the sheet, the row and the column. Any thread.
bank_import read_xlsx_bank(std::string_view bytes, std::string_view file_name);

/// Reads one sheet of an Excel workbook (.xlsx, from memory) as a table of any kind (questions,
/// a class roster): the first sheet whose name `is_wanted_sheet` accepts, else the first one,
/// handed row by row to `map_rows` (row numbers as Excel shows them; numbers, dates included, as
/// their shortest decimal text). Read with the limits and checks read_xlsx_bank() describes;
/// problems with the file go into `into`. Any thread.
void read_xlsx_table(bank_import& into, std::string_view bytes, std::string_view file_name,
                     std::function<bool(std::string_view)> const& is_wanted_sheet,
                     table_mapper const& map_rows);

/// Writes questions as a workbook with one sheet "Câu hỏi" in the layout of write_csv_bank()
/// (bold, frozen header row with an autofilter, column widths, points as numbers);
/// read_xlsx_bank() reads it back. Goes through one temporary file in the system temp
/// directory, removed before returning. Throws std::runtime_error if the workbook cannot be
/// written (e.g. a text over Excel's 32,767 characters a cell). Any thread.
std::string write_xlsx_bank(std::vector<question> const& questions);

} // namespace phongthi::bank
