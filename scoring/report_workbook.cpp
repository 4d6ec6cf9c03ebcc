#include "scoring/report_workbook.hpp"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <stdexcept>

namespace phongthi::scoring {

report_workbook::report_workbook() : fd_(memfd_create("phongthi-report.xlsx", MFD_CLOEXEC)) {
    if (fd_ < 0)
        throw std::runtime_error("cannot create an in-memory file for the workbook");
    // libxlsxwriter wants a file name: the memfd is reopened through /proc.
    std::string const path = "/proc/self/fd/" + std::to_string(fd_);
    workbook_ = workbook_new(path.c_str());
    if (workbook_ == nullptr) {
        close(fd_);
        throw std::runtime_error("cannot create the workbook");
    }
}

report_workbook::~report_workbook() {
    if (workbook_ != nullptr)
        workbook_close(workbook_); // frees it; the bytes are not wanted any more
    close(fd_);
}

lxw_format* report_workbook::format(bool bold, bool bordered) const {
    lxw_format* added = workbook_add_format(workbook_);
    if (bold)
        format_set_bold(added);
    if (bordered)
        format_set_border(added, LXW_BORDER_THIN);
    format_set_align(added, LXW_ALIGN_VERTICAL_CENTER);
    return added;
}

std::string report_workbook::finish() {
    lxw_workbook* const closing = workbook_;
    workbook_ = nullptr;
    check_xlsx(workbook_close(closing));
    struct stat status {};
    if (fstat(fd_, &status) != 0)
        throw std::runtime_error("cannot read the workbook back");
    std::string bytes(static_cast<std::size_t>(status.st_size), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t const got =
            pread(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
        if (got <= 0)
            throw std::runtime_error("cannot read the workbook back");
        done += static_cast<std::size_t>(got);
    }
    return bytes;
}

report_formats::report_formats(report_workbook const& book)
    : bold(book.format(true, false)), title(book.format(true, false)),
      centred(book.format(false, false)), header(book.format(true, true)),
      cell(book.format(false, true)), integer(book.format(false, true)),
      score(book.format(false, true)), duration(book.format(false, true)),
      share(book.format(false, true)) {
    for (lxw_format* f : {bold, title, centred, header})
        format_set_align(f, LXW_ALIGN_CENTER);
    format_set_font_size(title, 14);
    format_set_text_wrap(header);
    format_set_bg_color(header, 0xDDEBF7);
    format_set_text_wrap(cell);
    format_set_num_format(integer, "0");
    format_set_num_format(score, "0.00");
    format_set_num_format(duration, "[h]:mm:ss");
    format_set_num_format(share, "0.0%");
}

lxw_row_t write_summary_rows(lxw_worksheet* sheet, lxw_row_t first_row,
                             std::vector<summary_line> const& lines, report_formats const& f) {
    check_xlsx(worksheet_write_string(sheet, first_row, 0, "Chỉ tiêu", f.header));
    check_xlsx(worksheet_write_string(sheet, first_row, 1, "Giá trị", f.header));
    lxw_row_t r = first_row + 1;
    for (auto const& line : lines) {
        check_xlsx(worksheet_write_string(sheet, r, 0, line.label.c_str(), f.cell));
        lxw_format* const format = line.kind == summary_kind::score   ? f.score
                                   : line.kind == summary_kind::share ? f.share
                                                                      : f.integer;
        if (std::isfinite(line.value))
            check_xlsx(worksheet_write_number(sheet, r, 1, line.value, format));
        else
            check_xlsx(worksheet_write_string(sheet, r, 1, "—", f.cell));
        ++r;
    }
    return r;
}

void check_xlsx(lxw_error error) {
    if (error != LXW_NO_ERROR)
        throw std::runtime_error(std::string("cannot write the workbook: ") + lxw_strerror(error));
}

} // namespace phongthi::scoring
