#include "scoring/class_report.hpp"

#include "scoring/report_text.hpp"

namespace phongthi::scoring {

std::string class_column_header(class_column column) {
    switch (column) {
    case class_column::list_number:
        return "STT";
    case class_column::full_name:
        return "Họ và tên";
    case class_column::birth_date:
        return "Ngày sinh";
    case class_column::unit:
        return "Đơn vị";
    case class_column::variant:
        return "Mã đề";
    case class_column::score:
        return "Điểm";
    case class_column::classification:
        return "Xếp loại";
    case class_column::rank:
        return "Thứ hạng";
    case class_column::time_used:
        return "Thời gian làm bài";
    case class_column::signature:
        return "Ký tên";
    }
    return "";
}

std::string class_report_cell(class_report_row const& row, class_column column, char point) {
    switch (column) {
    case class_column::list_number:
        return std::to_string(row.list_number);
    case class_column::full_name:
        return row.full_name;
    case class_column::birth_date:
        return row.birth_date;
    case class_column::unit:
        return row.unit;
    case class_column::variant:
        return row.variant;
    case class_column::score:
        return row.graded ? decimal_text(row.score, 2, point) : row.status;
    case class_column::classification:
        return row.graded ? row.classification : "";
    case class_column::rank:
        return row.graded && row.rank > 0 ? std::to_string(row.rank) : "";
    case class_column::time_used:
        return row.graded ? duration_text(row.time_used_ms) : "";
    case class_column::signature:
        break;
    }
    return "";
}

std::vector<summary_line> class_report_summary_lines(class_report_summary const& summary) {
    std::vector<summary_line> lines{
        {"Tổng số học viên", static_cast<double>(summary.learners), summary_kind::count},
        {"Số bài được chấm", static_cast<double>(summary.graded), summary_kind::count},
        {"Vắng, không có bài", static_cast<double>(summary.absent), summary_kind::count},
    };
    for (auto const& count : summary.per_class)
        lines.push_back(
            {"Xếp loại " + count.label, static_cast<double>(count.count), summary_kind::count});
    lines.push_back({"Điểm trung bình", summary.mean, summary_kind::score});
    lines.push_back(
        {"Số học viên đạt yêu cầu", static_cast<double>(summary.passed), summary_kind::count});
    lines.push_back({"Tỉ lệ đạt yêu cầu", summary.pass_rate, summary_kind::share});
    return lines;
}

} // namespace phongthi::scoring
