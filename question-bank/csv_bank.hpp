#pragma once

#include "question-bank/bank_import.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phongthi::bank {

/// Reads a CSV bank (RFC 4180; separator `,`, `;` or TAB: the one that splits the header into the
/// most known columns; UTF-8 with or without BOM): a header row, then one question per row. A
/// leading apostrophe before = + - @ TAB or CR (the guard write_csv_bank() adds) is removed.
/// Columns, by Vietnamese or English header in any case, with or without diacritics: Mã/ID, Chuyên
/// đề/Topic, Mức độ/Level, Câu hỏi/Nội dung/Question/Stem, A..J (or Phương án A/Option A), Đáp
/// án/Answer ("B", "A,C" or "AC": several letters share 100 equally; "A=60,B=40,C=-100" gives
/// weights), Điểm/Points, Giải thích/Explanation. The qformat_csv layout of Moodle (questionname,
/// questiontext, A..D, Answer 1, Answer 2) is read too. Problems name the line and the column. Any
/// thread.
bank_import read_csv_bank(std::string_view text, std::string_view file_name);

/// Writes questions as CSV that Excel opens right (UTF-8 with BOM, comma separated, CRLF,
/// Vietnamese headers); read_csv_bank() reads it back exactly. A text cell starting with = + - @
/// TAB or CR gets a leading apostrophe so no spreadsheet runs it as a formula (numbers such as
/// "-1" are left alone). Option feedback, tags and pictures are not kept. Any thread.
std::string write_csv_bank(std::vector<question> const& questions);

/// Writes any table (the header is its first row) as write_csv_bank() writes a bank: UTF-8 with
/// BOM, comma separated, CRLF, every text cell guarded against running as a formula. Any thread.
std::string write_csv_table(std::vector<std::vector<std::string>> const& rows);

/// Cells of a table row that can matter: a question table has about twenty columns, and a
/// reader keeps no more per row, so a row of a million empty cells costs nothing.
constexpr std::size_t max_table_columns = 64;

/// One row of a question table: its cells from the first column on, and its line (CSV) or row
/// number (spreadsheet).
struct table_row {
    int line = 0;
    std::vector<std::string> cells;
};

/// Where a question table comes from, for problems: the file, and the sheet of a workbook
/// (empty for CSV).
struct table_place {
    std::string_view file_name;
    std::string_view sheet;
};

/// Reads the rows of a table handed to it, one at a time: `next_row` fills in the next row and
/// returns false at the end. Called once, on the reader's thread.
using table_mapper = std::function<void(table_place const& place,
                                        std::function<bool(table_row&)> const& next_row)>;

/// Reads a CSV file as a table of any kind (questions, a class roster): checked as
/// text_file_body() checks it (a BOM is removed), split by the separator (`,` `;` or TAB) under
/// which one of the first rows has the most cells that `is_known_header` accepts (on a tie the one
/// used most), each cell without the formula guard write_csv_table() adds, handed to `map_rows`.
/// A quote never closed adds an error afterwards. Problems with the file go into `into`. Any
/// thread.
void read_csv_table(bank_import& into, std::string_view bytes, std::string_view file_name,
                    std::function<bool(std::string_view)> const& is_known_header,
                    table_mapper const& map_rows);

/// Maps a question table (CSV or spreadsheet) into `into`, the mapping read_csv_bank() describes:
/// the header is the first non-empty row with a question and an answer column (title rows above
/// it are skipped), then every non-empty row is one question. `next_row` fills in the next row and
/// returns false at the end. Stops with an error past import_limits::questions. Any thread.
void read_question_table(bank_import& into, table_place const& place,
                         std::function<bool(table_row&)> const& next_row);

/// A column of the table the writers produce.
struct table_column {
    std::string header;
    double width = 10; ///< in characters, for spreadsheets
    bool numeric = false;
};

/// The table write_csv_bank() and the XLSX writer produce: Vietnamese headers, one row per
/// question, cells as text (numeric columns hold numbers written with a dot).
struct question_table {
    std::vector<table_column> columns;
    std::vector<std::vector<std::string>> rows;
};

/// Lays `questions` out as a question table that read_question_table() reads back.
question_table make_question_table(std::vector<question> const& questions);

/// Checks a text bank file as a whole: at most import_limits::file_bytes and valid UTF-8 (a BOM
/// is removed). Returns the text, or nullopt after adding one error that names the format
/// (e.g. "Aiken") and the first bad line. Shared by the text readers. Any thread.
std::optional<std::string_view> text_file_body(bank_import& into, std::string_view bytes,
                                               std::string_view file_name,
                                               std::string_view format_name);

} // namespace phongthi::bank
