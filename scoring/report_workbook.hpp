#pragma once

#include "scoring/report_text.hpp"

#include <xlsxwriter.h>

#include <string>
#include <vector>

namespace phongthi::scoring {

/// A libxlsxwriter workbook written to an anonymous in-memory file (memfd), so that no file is
/// left behind and concurrent writers never meet; finish() returns its bytes. For the XLSX
/// writers of scoring/; one workbook belongs to one thread.
class report_workbook {
public:
    /// Throws std::runtime_error when the in-memory file or the workbook cannot be created.
    report_workbook();
    ~report_workbook();
    report_workbook(report_workbook const&) = delete;
    report_workbook& operator=(report_workbook const&) = delete;

    /// The workbook to add sheets, formats and charts to, until finish().
    lxw_workbook* get() const { return workbook_; }
    /// A new format, bold or not, with thin borders when `bordered`.
    lxw_format* format(bool bold, bool bordered) const;
    /// Writes the workbook and returns the .xlsx bytes. Call once, last. Throws
    /// std::runtime_error naming libxlsxwriter's error.
    std::string finish();

private:
    int fd_ = -1;
    lxw_workbook* workbook_ = nullptr;
};

/// The formats the report sheets share.
struct report_formats {
    lxw_format* bold;     ///< bold, centred
    lxw_format* title;    ///< bold 14 pt, centred
    lxw_format* centred;  ///< plain, centred
    lxw_format* header;   ///< a table's header cell: bold, bordered, wrapped, on light blue
    lxw_format* cell;     ///< a bordered text cell, wrapped
    lxw_format* integer;  ///< a bordered number "0"
    lxw_format* score;    ///< a bordered number "0.00"
    lxw_format* duration; ///< a bordered time "[h]:mm:ss" (a number of days)
    lxw_format* share;    ///< a bordered percentage "0.0%"

    /// Adds the formats to `book`.
    explicit report_formats(report_workbook const& book);
};

/// Writes a two-column table "Chỉ tiêu" | "Giá trị" from `first_row` down: one row per line,
/// values as numbers in the format of their kind ("—" when undefined). Returns the row after it.
/// Throws std::runtime_error on a libxlsxwriter error. The workbook's thread.
lxw_row_t write_summary_rows(lxw_worksheet* sheet, lxw_row_t first_row,
                             std::vector<summary_line> const& lines, report_formats const& f);

/// Throws std::runtime_error naming the libxlsxwriter error unless it is LXW_NO_ERROR.
void check_xlsx(lxw_error error);

} // namespace phongthi::scoring
