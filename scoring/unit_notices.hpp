#pragma once

#include "scoring/class_report.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace phongthi::scoring {

/// The results of one unit's learners, sent to the unit's party committee.
struct unit_notice {
    std::string unit_code; ///< names the unit's file in the ZIP
    std::string unit_name; ///< "Chi bộ Phòng Tổ chức"
    std::string addressee; ///< "Kính gửi: Chi uỷ Chi bộ Phòng Tổ chức"
    std::vector<class_report_row> rows;
};

/// Every notice (THÔNG BÁO KẾT QUẢ HỌC TẬP) in one A4 PDF, each unit from a new page: title
/// block, addressee, the unit's learners and results, signature block. Throws std::runtime_error
/// when a font is missing or libharu fails. Any thread.
std::string write_unit_notices_pdf(report_header const& header,
                                   std::vector<unit_notice> const& notices,
                                   std::filesystem::path const& font_dir = default_font_dir());

/// One PDF per unit in a ZIP; each entry is named from the unit code in ASCII ("thong-bao-" +
/// code + ".pdf", other characters as '-', a number added when two names meet). Throws
/// std::runtime_error as write_unit_notices_pdf(), or when the ZIP cannot be written. Any thread.
std::string write_unit_notices_zip(report_header const& header,
                                   std::vector<unit_notice> const& notices,
                                   std::filesystem::path const& font_dir = default_font_dir());

} // namespace phongthi::scoring
