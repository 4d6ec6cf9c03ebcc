#pragma once

#include <xlsxwriter.h>

#include <string>

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

/// Throws std::runtime_error naming the libxlsxwriter error unless it is LXW_NO_ERROR.
void check_xlsx(lxw_error error);

} // namespace phongthi::scoring
