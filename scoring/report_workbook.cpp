#include "scoring/report_workbook.hpp"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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

void check_xlsx(lxw_error error) {
    if (error != LXW_NO_ERROR)
        throw std::runtime_error(std::string("cannot write the workbook: ") + lxw_strerror(error));
}

} // namespace phongthi::scoring
